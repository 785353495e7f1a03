#pragma once
// Turning a syscall's raw arguments into Values. One function per ArgKind, registered in
// src/decode/registry.cpp: adding a decoder is one function plus one table entry.
#include "trace/decode/memory.hpp"
#include "trace/decode/value.hpp"
#include "trace/syscalls/table.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <sys/types.h>
#include <vector>

namespace trace {

// -y, -yy, -e decode-fds=: what is shown about a descriptor after its number.
struct FdDecoding {
    bool path = false;   // 3</etc/passwd>, 4<pipe:[1234]>, 5<socket:[5678]>
    bool socket = false; // 5<TCP:[127.0.0.1:41234->127.0.0.1:8080]>, 6<UNIX-STREAM:[7->8]>
    bool dev = false;    // 3</dev/null<char 1:3>>
    bool pidfd = false;  // 7<pid:1234>
    bool any() const { return path || socket || dev || pidfd; }
};

// A set of descriptors (-e read=, -e write=): the listed ones, or with inverted all but them.
struct DescriptorSet {
    std::vector<int> fds; // sorted
    bool inverted = false;
    bool contains(int fd) const;
    bool empty() const { return !inverted && fds.empty(); }
};

struct DecodeOptions {
    std::size_t string_limit = 32; // -s: bytes of a string or buffer shown
    bool verbose = false;          // -v: structures and envp in full
    FdDecoding fds;                // -y, -yy
    DescriptorSet dump_read;       // -e read=: data read from these is dumped in hex
    DescriptorSet dump_write;      // -e write=
    // -e abbrev=, -e verbose=, -e raw=, one flag per syscall number; empty: the default for every call
    // (abbreviated unless verbose, structures decoded, not raw).
    std::vector<bool> abbrev_calls;
    std::vector<bool> verbose_calls;
    std::vector<bool> raw_calls;
};

// The call being decoded, as the decoders see it.
struct CallView {
    const SyscallEntry* entry = nullptr;
    std::array<std::uint64_t, kMaxArgs> args{};
    std::int64_t ret = 0; // valid when exiting
    bool exiting = false; // false: decoding at entry (inputs); true: at exit (outputs)
    bool failed = false;  // the call returned an error: outputs are shown as addresses
    pid_t pid = 0;
    std::uint64_t sp = 0;        // the stack pointer at entry (rt_sigreturn reads its frame there)
    Value* ret_detail = nullptr; // where a decoder may put what follows the return value (events.hpp)
};

struct DecodeContext {
    RemoteMemory& mem;
    const DecodeOptions& opts;
    const CallView& call;
    // At exit, the values decoded at entry (an inout argument's old value: "[16 => 28]"); may be null.
    const std::vector<Value>* entry_values = nullptr;

    // 0 for an index past the registers: a decoder placed at an unexpected position reads nothing.
    std::uint64_t arg(int i) const {
        return i >= 0 && i < kMaxArgs ? call.args[static_cast<std::size_t>(i)] : 0;
    }
    // The value argument i got at entry, or nullptr.
    const Value* entry_value(int i) const;
    // Structures are abbreviated ("...") for this call: not -v, or not in -e abbrev=.
    bool abbrev() const;
    // Structures are decoded for this call (-e verbose=, default all); else shown as addresses.
    bool deref() const;
    // Every argument raw, in hex (-e raw=).
    bool raw() const;
    const ArgSpec& spec(int i) const { return call.entry->args[i]; }
    // The length bound to argument i (another argument, or the return value), if any.
    bool bound_length(int i, std::uint64_t& len) const;
};

using DecoderFn = Value (*)(const DecodeContext&, int arg_index);

// Decodes argument i of the call with the decoder registered for its kind.
Value decode_arg(const DecodeContext& ctx, int arg_index);

// The decoder registered for a kind (every kind has one; tested).
DecoderFn decoder_for(ArgKind kind);

} // namespace trace
