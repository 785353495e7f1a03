#pragma once
// Why the kernel refused to let trace trace a process (PTRACE_SEIZE -> EPERM), and what to do about
// it: the line printed after "ptrace(PTRACE_SEIZE, N): Operation not permitted". The facts are
// gathered apart from the explanation so that each cause can be tested with fabricated facts.
#include <optional>
#include <string>
#include <sys/types.h>

namespace trace {

struct PtraceFacts {
    bool own_child = false;          // a command trace started itself (else -p)
    int yama_scope = -1;             // kernel.yama.ptrace_scope; -1: no Yama, or unreadable
    bool cap_sys_ptrace = false;     // trace's effective capabilities include CAP_SYS_PTRACE
    bool seccomp_filtered = false;   // trace runs under a seccomp filter (a container profile?)
    uid_t uid = 0;                   // trace's effective uid
    std::optional<uid_t> target_uid; // the process's uid, when /proc tells it
    pid_t target_tracer = 0;         // another tracer of the process (TracerPid), 0 if none
};

// Reads the facts for a refused process (capget, prctl, /proc; what cannot be read stays unknown).
PtraceFacts gather_ptrace_facts(pid_t pid, bool own_child);

// One line, without a program prefix: the likely cause and the fix.
std::string explain_ptrace_refusal(const PtraceFacts& facts, pid_t pid);

} // namespace trace
