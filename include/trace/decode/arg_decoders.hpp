#pragma once
// The decoder of every ArgKind (registered in src/decode/registry.cpp), and the building blocks for
// writing more: strings and buffers read from the tracee, signals, modes, open and mmap flags.
#include "trace/decode/decoder.hpp"
#include "trace/decode/value.hpp"

#include <cstddef>
#include <cstdint>

namespace trace {

// strace reads paths up to PATH_MAX - 1 bytes, whatever -s says.
inline constexpr std::size_t kPathLimit = 4095;
// The kernel's __O_TMPFILE (glibc's O_TMPFILE adds O_DIRECTORY): with O_CREAT, it makes open read a mode.
inline constexpr std::uint32_t kKernelTmpfile = 020000000;

// The low 32 bits of a register: all the kernel reads of an int or unsigned int argument.
inline std::uint32_t low32(std::uint64_t v) {
    return static_cast<std::uint32_t>(v);
}

// Building blocks.

// A NUL-terminated string of at most limit bytes: NULL for 0, the address when it cannot be read (also
// when it runs into unmapped memory before its NUL), else a String, truncated past limit.
Value string_at(RemoteMemory& mem, std::uint64_t addr, std::size_t limit);
// len bytes of a buffer, at most limit shown: NULL for 0, the address when they cannot be read.
Value buffer_at(RemoteMemory& mem, std::uint64_t addr, std::uint64_t len, std::size_t limit);
// An int the kernel reads or writes through a pointer (a tid, a pidfd, an ioctl's int): [1234]; NULL
// for 0, the address when it cannot be read.
Value int_array_at(RemoteMemory& mem, std::uint64_t addr);
// A NULL-terminated array of string pointers as strace prints argv: ["ls", "-l"], with "..." after
// limit elements unless verbose, and "... /* 0x... */" where the array runs into unmapped memory.
Value string_array_at(RemoteMemory& mem, std::uint64_t addr, const DecodeOptions& opts);
// envp without -v: "0x7ffd... /* 23 vars */" ("1 var", ", unterminated" when it runs into unmapped memory).
Value string_array_count_at(RemoteMemory& mem, std::uint64_t addr);
// SIGINT, SIGRTMIN, SIGRT_3; other numbers in decimal.
Value signal_value(int sig);
// 0644 / 000, or with a file type S_IFREG|S_ISUID|0755.
Value mode_value(std::uint32_t mode);
// 0644 / 000 / 0100644: octal, as open, chmod and mkdir print modes.
Value umode_value(std::uint32_t mode);
// makedev(0x8, 0x1), from the kernel's 32-bit encoding.
Value dev_value(std::uint32_t dev);
// O_RDONLY|O_CREAT|O_CLOEXEC.
Value open_flags_value(std::uint32_t flags);
// MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB|21<<MAP_HUGE_SHIFT.
Value mmap_flags_value(std::uint64_t flags); // the kernel looks at the low 32 bits

// The decoders, one per ArgKind, in its order.
Value decode_int(const DecodeContext& ctx, int i);
Value decode_uint(const DecodeContext& ctx, int i);
Value decode_hex(const DecodeContext& ctx, int i);
Value decode_oct(const DecodeContext& ctx, int i);
Value decode_size(const DecodeContext& ctx, int i);
Value decode_ptr(const DecodeContext& ctx, int i);
Value decode_long(const DecodeContext& ctx, int i);
Value decode_ulong(const DecodeContext& ctx, int i);
Value decode_fd(const DecodeContext& ctx, int i);
Value decode_ufd(const DecodeContext& ctx, int i);       // close_range's: unsigned when negative as an int
Value decode_addr_out(const DecodeContext& ctx, int i);  // [0x7f...], at exit
Value decode_ulong_out(const DecodeContext& ctx, int i); // [24], at exit
Value decode_dirfd(const DecodeContext& ctx, int i);
Value decode_path(const DecodeContext& ctx, int i);
Value decode_str(const DecodeContext& ctx, int i);
Value decode_in_buf(const DecodeContext& ctx, int i);
Value decode_out_buf(const DecodeContext& ctx, int i);
Value decode_open_flags(const DecodeContext& ctx, int i);
Value decode_mode(const DecodeContext& ctx, int i);
Value decode_umode(const DecodeContext& ctx, int i);
Value decode_dev(const DecodeContext& ctx, int i);
Value decode_at_flags(const DecodeContext& ctx, int i);
Value decode_faccessat_flags(const DecodeContext& ctx, int i);
Value decode_access_mode(const DecodeContext& ctx, int i);
Value decode_mmap_prot(const DecodeContext& ctx, int i);
Value decode_mmap_flags(const DecodeContext& ctx, int i);
Value decode_argv(const DecodeContext& ctx, int i);
Value decode_envp(const DecodeContext& ctx, int i);
Value decode_signo(const DecodeContext& ctx, int i);
Value decode_struct_ptr(const DecodeContext& ctx, int i);

} // namespace trace
