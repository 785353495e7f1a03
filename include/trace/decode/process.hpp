#pragma once
// Processes: clone and clone3, wait4 and waitid with their statuses and resource usage.
#include "trace/decode/decoder.hpp"
#include "trace/decode/value.hpp"

#include <cstdint>
#include <vector>

namespace trace {

// strace's wait status: [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], [{WIFSIGNALED(s) && WTERMSIG(s) ==
// SIGKILL && WCOREDUMP(s)}], [{WIFSTOPPED(s) && WSTOPSIG(s) == SIGSTOP}], [{WIFCONTINUED(s)}], with
// "| PTRACE_EVENT_... << 16" and any other bits after it.
Value wait_status_value(int status);

// CLONE_VM|CLONE_FS|..., the flags of clone (without the exit signal) and clone3.
Value clone_flags_value(std::uint64_t flags, bool clone3);

// The ArgKind decoders (registered in src/decode/registry.cpp).
Value decode_wait_status(const DecodeContext& ctx, int i);   // wait4's status: an address when it returned 0
Value decode_wait_options(const DecodeContext& ctx, int i);  // WNOHANG|__WALL
Value decode_wait_rusage(const DecodeContext& ctx, int i);   // wait4's: shown only when it returned a pid
Value decode_rusage(const DecodeContext& ctx, int i);        // struct rusage, abbreviated unless -v
Value decode_rusage_who(const DecodeContext& ctx, int i);    // RUSAGE_SELF...
Value decode_waitid_which(const DecodeContext& ctx, int i);  // P_PID...
Value decode_unshare_flags(const DecodeContext& ctx, int i); // CLONE_NEWNS|CLONE_NEWUSER

// Whole-call decoders (src/decode/call_registry.cpp): clone's named arguments, shown as far as the
// flags use them; clone3's struct clone_args, with what the kernel wrote back after " => ".
int decode_clone(const DecodeContext& ctx, std::vector<Value>& values);
int decode_clone3(const DecodeContext& ctx, std::vector<Value>& values);

} // namespace trace
