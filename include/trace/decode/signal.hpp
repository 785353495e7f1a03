#pragma once
// Signal sets, sigaction, sigaltstack and siginfo pointers: rt_sigaction, rt_sigprocmask, rt_sigreturn,
// rt_sigsuspend, rt_sigpending, rt_sigtimedwait, rt_sigqueueinfo, sigaltstack, signalfd4, and the
// signal masks of ppoll, pselect6 and epoll_pwait.
#include "trace/decode/decoder.hpp"
#include "trace/decode/value.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace trace {

// The kernel's sigset_t on x86-64: 64 signals in 8 bytes.
inline constexpr std::size_t kSigsetBytes = 8;

// strace's signal set: "[INT TERM]", or, when two thirds or more of the bits are set, the signals
// not in it: "~[KILL STOP RTMIN RT_1]". bytes (1 to 8) is how much of mask the call passed.
Value sigset_value(std::uint64_t mask, std::size_t bytes = kSigsetBytes);

// The signal set of len bytes at addr: the address when len is out of [min_len, 8] or the set cannot
// be read, NULL for 0.
Value sigset_at(RemoteMemory& mem, std::uint64_t addr, std::uint64_t len,
                std::uint64_t min_len = kSigsetBytes);

// The siginfo_t at addr ({si_signo=SIGUSR1, si_code=SI_USER, ...}), or its address.
Value siginfo_at(RemoteMemory& mem, std::uint64_t addr);

// The ArgKind decoders (registered in src/decode/registry.cpp).
Value decode_sigset(const DecodeContext& ctx, int i);          // bound to the call's last size argument
Value decode_sigaction(const DecodeContext& ctx, int i);       // struct kernel_sigaction
Value decode_sigprocmask_how(const DecodeContext& ctx, int i); // SIG_BLOCK...
Value decode_sigaltstack(const DecodeContext& ctx, int i);     // stack_t
Value decode_siginfo(const DecodeContext& ctx, int i);         // siginfo_t
Value decode_signalfd_flags(const DecodeContext& ctx, int i);  // SFD_CLOEXEC|SFD_NONBLOCK

// Whole-call decoders (src/decode/call_registry.cpp).
int decode_rt_sigreturn(const DecodeContext& ctx, std::vector<Value>& values);
int decode_rt_sigtimedwait(const DecodeContext& ctx, std::vector<Value>& values);

} // namespace trace
