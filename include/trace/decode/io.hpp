#pragma once
// iovec arrays (readv, writev, preadv, pwritev, vmsplice, and the msghdr of sendmsg and recvmsg) and the
// data dumps of -e read= and -e write=.
#include "trace/decode/decoder.hpp"
#include "trace/decode/io_dump.hpp"
#include "trace/decode/value.hpp"

#include <cstdint>
#include <vector>

namespace trace {

struct IovecEntry {
    std::uint64_t base;
    std::uint64_t len;
};

// How the bytes of an iovec array are shown.
enum class IovData : std::uint8_t {
    all,     // every element's iov_len bytes (data to the kernel)
    upto,    // the first `limit` bytes over the elements in order (data from the kernel)
    address, // none: each iov_base as an address (a failed call)
};

// struct iovec[count] at addr: [{iov_base="hello", iov_len=5}, ...], at most -s elements unless -v, and
// "... /* 0x... */" where the array runs into unmapped memory; the address when none can be read.
Value iovec_array_value(const DecodeContext& ctx, std::uint64_t addr, std::uint64_t count, IovData data,
                        std::uint64_t limit);

// Reads the iovec array itself (at most max elements); empty when it cannot be read.
std::vector<IovecEntry> read_iovecs(RemoteMemory& mem, std::uint64_t addr, std::uint64_t count,
                                    std::uint64_t max);

// The dumps of an iovec array's data, limit bytes at most (" * N bytes in buffer K" each).
void dump_iovecs(RemoteMemory& mem, const std::vector<IovecEntry>& iov, std::uint64_t limit,
                 std::vector<DataDump>& out);

// The iovec argument (its count is the next argument): data to the kernel at entry; at exit, data from
// the kernel up to the return value, or addresses when the call failed.
Value decode_iovec(const DecodeContext& ctx, int i);

} // namespace trace
