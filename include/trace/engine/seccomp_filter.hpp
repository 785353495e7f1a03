#pragma once
// The seccomp-bpf program that lets a tracee run untraced syscalls without stopping: traced numbers
// return SECCOMP_RET_TRACE (a PTRACE_EVENT_SECCOMP stop), everything else SECCOMP_RET_ALLOW.
#include <linux/filter.h>
#include <vector>

namespace trace {

// traced: by syscall number; numbers past its end (and non-x86-64 calls) are traced when trace_unknown.
std::vector<sock_filter> build_seccomp_filter(const std::vector<bool>& traced, bool trace_unknown);

// The SECCOMP_RET_DATA of trace's own filter: a PTRACE_EVENT_SECCOMP stop with other data comes from
// a filter of the program's, whose SECCOMP_RET_TRACE must act as if trace were not there.
inline constexpr unsigned kTraceFilterData = 0x7ace;

// Installs the program in the calling process (the started command, before its execve). Sets
// PR_SET_NO_NEW_PRIVS only when may_set_nnp and the kernel refuses the filter without it (no
// CAP_SYS_ADMIN): that flag changes what the program may do (setuid programs lose their privileges).
// Returns 0 or an errno value.
int install_seccomp_filter(const std::vector<sock_filter>& program, bool may_set_nnp);

// Whether this process can install a filter without setting PR_SET_NO_NEW_PRIVS (CAP_SYS_ADMIN, or
// the flag is set already): only then is the filter invisible to the program.
bool seccomp_filter_invisible();

} // namespace trace
