#pragma once
// Reading the tracee's memory. The engine supplies the real reader (process_vm_readv with a
// PTRACE_PEEKDATA fallback); unit tests supply fabricated memory.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace trace {

inline constexpr std::uint64_t kPageSize = 4096;

class RemoteMemory {
public:
    virtual ~RemoteMemory() = default;
    // Copies up to out.size() bytes from the tracee's address addr. Returns how many bytes were read:
    // fewer than asked when the range runs into unmapped memory, 0 when nothing could be read.
    virtual std::size_t read(std::uint64_t addr, std::span<std::byte> out) = 0;

    // Reads exactly sizeof(T) bytes into a trivially copyable object; false if not all could be read.
    template <typename T> bool read_object(std::uint64_t addr, T& out) {
        return read(addr, std::as_writable_bytes(std::span<T, 1>(&out, 1))) == sizeof(T);
    }

    // Reads a NUL-terminated string of at most limit bytes (the NUL excluded). Returns false if the
    // first byte cannot be read. truncated is set when no NUL was found within limit bytes.
    bool read_cstring(std::uint64_t addr, std::size_t limit, std::string& out, bool& truncated);
};

} // namespace trace
