#pragma once
// What the tracer keeps for each traced thread.
#include "trace/engine/inject.hpp"
#include "trace/events/events.hpp"

#include <sys/types.h>

namespace trace {

struct Tracee {
    pid_t tid = 0;
    pid_t pid = 0;              // thread group id
    bool attached = false;      // by -p (detached on exit), else started or followed by trace
    bool hidden = false;        // the started command before its execve: nothing is reported
    bool first_exec = false;    // its first execve is in progress: hidden again if it fails
    bool in_syscall = false;    // between a reported entry and its exit
    bool skip_exit = false;     // the current call is not traced: its exit is not reported either
    bool detaching = false;     // PTRACE_INTERRUPT sent; detach at the next stop
    bool group_stopped = false; // in a group-stop, restarted with PTRACE_LISTEN
    bool filtered = false;      // under trace's seccomp filter (inherited by its children): resumed
                                // with PTRACE_CONT between traced calls, and never let go
    bool muted = false;         // filtered, after trace was asked to stop: followed to its end unseen
    SyscallEvent call;          // the call in progress (reused from call to call)
    InjectAction inject;        // -e inject= tampering with the call in progress
};

} // namespace trace
