#pragma once
// The seccomp-bpf program that lets a tracee run untraced syscalls without stopping: traced numbers
// return SECCOMP_RET_TRACE (a PTRACE_EVENT_SECCOMP stop), everything else SECCOMP_RET_ALLOW.
#include <linux/filter.h>
#include <vector>

namespace trace {

// traced: by syscall number; numbers past its end (and non-x86-64 calls) are traced when trace_unknown.
std::vector<sock_filter> build_seccomp_filter(const std::vector<bool>& traced, bool trace_unknown);

// Installs the program in the calling process (the started command, before its execve). Sets
// PR_SET_NO_NEW_PRIVS only when the kernel refuses the filter without it (no CAP_SYS_ADMIN).
// Returns 0 or an errno value.
int install_seccomp_filter(const std::vector<sock_filter>& program);

} // namespace trace
