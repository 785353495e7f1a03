// The tracer as tasks come and go: fork, vfork and clone events, tasks that stop before their
// creator's event, exec, seccomp stops and deaths.
#include "trace/engine/ptrace_request.hpp"
#include "trace/engine/tracer.hpp"

#include "trace/decode/call.hpp"
#include "trace/decode/names.hpp"
#include "trace/decode/siginfo.hpp"
#include "trace/engine/interrupt.hpp"
#include "trace/events/time.hpp"

#include <cassert>
#include <cerrno>
#include <csignal>
#include <cstddef>
#include <cstdio>
#include <ctime>
#include <fmt/format.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

namespace trace {
namespace {

// Tgid and PPid of a task, from /proc; false where /proc cannot tell.
bool read_task_ids(pid_t tid, pid_t& tgid, pid_t& ppid) {
    const std::string path = fmt::format("/proc/{}/status", tid);
    FILE* f = std::fopen(path.c_str(), "re");
    if (f == nullptr) return false;
    char line[256];
    int found = 0;
    while (found < 2 && std::fgets(line, sizeof line, f) != nullptr) {
        if (std::sscanf(line, "Tgid: %d", &tgid) == 1) ++found;
        if (std::sscanf(line, "PPid: %d", &ppid) == 1) ++found;
    }
    std::fclose(f);
    return found == 2;
}

} // namespace

void Tracer::handle_death(Tracee& t, WaitStatus status) {
    finish_pending(t, false);
    ExitEvent e;
    e.tid = t.tid;
    e.pid = t.pid;
    e.time = monotonic_ns();
    e.killed = status.kind() == WaitStatus::Kind::killed;
    e.code = e.killed ? status.term_signal() : status.exit_code();
    e.core_dumped = e.killed && status.core_dumped();
    e.last_nr = t.call.nr;
    if (t.tid == m_child) {
        m_child_status = ChildStatus{true, e.killed, e.code, e.core_dumped};
    }
    m_injector.forget(t.tid);
    if (!t.muted) m_events.on_process_exit(e);
    if (m_unwinder && t.tid == t.pid)
        m_unwinder->forget(t.pid); // a leader's death is the last of its process
    if (m_early.empty()) {
        remove_tracee(t.tid);
        return;
    }
    Tracee dead; // what its held children inherit (not its call in progress)
    dead.tid = t.tid;
    dead.pid = t.pid;
    dead.attached = t.attached;
    dead.filtered = t.filtered;
    dead.muted = t.muted;
    remove_tracee(t.tid);
    adopt_early_children(dead);
}

void Tracer::handle_event_stop(Tracee& t, int event) {
    switch (event) {
    case PTRACE_EVENT_FORK:
    case PTRACE_EVENT_VFORK:
    case PTRACE_EVENT_CLONE: {
        unsigned long msg = 0;
        if (ptrace_req(PTRACE_GETEVENTMSG, t.tid, 0, reinterpret_cast<std::uintptr_t>(&msg)) == 0) {
            handle_new_child(t, static_cast<pid_t>(msg), event);
        }
        break;
    }
    case PTRACE_EVENT_EXEC:
        handle_exec(t);
        return; // handle_exec resumes: the tracee may have changed its tid
    case PTRACE_EVENT_SECCOMP:
        handle_seccomp_stop(t);
        break;
    default:
        break;
    }
    resume(t);
}

// A traced call under the seccomp filter. When the tracee was resumed with PTRACE_SYSCALL (its
// entry already seen, or skipped), this stop adds nothing.
void Tracer::handle_seccomp_stop(Tracee& t) {
    unsigned long data = 0;
    ptrace_req(PTRACE_GETEVENTMSG, t.tid, 0, reinterpret_cast<std::uintptr_t>(&data));
    const bool program_filter = data != kTraceFilterData;
    if (t.in_syscall || t.skip_exit || t.hidden) {
        if (program_filter) emulate_program_filter(t);
        return;
    }
    SyscallStop stop;
    const bool read = m_regs->read(t.tid, true, stop) && stop.phase == SyscallStop::Phase::entry;
    if (program_filter) emulate_program_filter(t);
    if (read) handle_syscall_entry(t, stop);
}

// A SECCOMP_RET_TRACE of the program's own filter, seen only because trace's filter asked for these
// stops: without them the kernel fails the call with ENOSYS, and so does trace.
void Tracer::emulate_program_filter(Tracee& t) {
    ptrace_req(PTRACE_POKEUSER, t.tid, offsetof(user_regs_struct, orig_rax), static_cast<std::uintptr_t>(-1));
    ptrace_req(PTRACE_POKEUSER, t.tid, offsetof(user_regs_struct, rax), static_cast<std::uintptr_t>(-ENOSYS));
}

void Tracer::handle_new_child(Tracee& parent, pid_t child_tid, int event) {
    const bool is_thread = event == PTRACE_EVENT_CLONE && clone_made_thread(parent);
    const pid_t pid = is_thread ? parent.pid : child_tid;
    if (m_tracees.count(child_tid) != 0) return; // reported already (a repeated event)
    add_child(child_tid, pid, parent, parent.tid);
    auto early = m_early.find(child_tid);
    if (early != m_early.end()) {
        const WaitStatus first = early->second;
        m_early.erase(early);
        handle(child_tid, first);
    }
}

// A task created by creator: it inherits its seccomp filter and whether it is followed unseen, and is
// let go at its first stop if it appears while trace lets go.
Tracee& Tracer::add_child(pid_t tid, pid_t pid, const Tracee& creator, pid_t placement_parent) {
    Tracee& child = add_tracee(tid, pid, creator.attached, placement_parent);
    child.filtered = creator.filtered;
    child.muted = creator.muted;
    child.detaching = m_detaching && !child.muted;
    if (!child.muted)
        m_events.on_process_start(ProcessEvent{tid, pid, creator.tid, monotonic_ns(), creator.attached});
    return child;
}

// Whether the clone at this PTRACE_EVENT_CLONE stop made a thread, from the call's own registers (the
// call may be one that -e trace= leaves out, so nothing of it was decoded).
bool Tracer::clone_made_thread(const Tracee& parent) {
    user_regs_struct regs{};
    if (ptrace_req(PTRACE_GETREGS, parent.tid, 0, reinterpret_cast<std::uintptr_t>(&regs)) != 0) return false;
    std::uint64_t flags = regs.rdi;
    if (regs.orig_rax == SYS_clone3) {
        m_memory.set_pid(parent.tid);
        if (!m_memory.read_object(regs.rdi, flags)) return false; // clone_args.flags comes first
    } else if (regs.orig_rax != SYS_clone) {
        return false;
    }
    return (flags & CLONE_THREAD) != 0;
}

// A tracee died before the fork/clone event of a task it created (killed in between): the tasks held
// for their creator's event are taken in now, those of this process from what /proc says of them
// (all of them where /proc cannot tell).
void Tracer::adopt_early_children(const Tracee& dead) {
    std::vector<std::pair<pid_t, pid_t>> adopted; // tid, pid
    for (const auto& [tid, status] : m_early) {
        pid_t tgid = 0;
        pid_t ppid = 0;
        if (!read_task_ids(tid, tgid, ppid)) {
            adopted.emplace_back(tid, tid);
        } else if (tgid == dead.pid) {
            adopted.emplace_back(tid, tgid);
        } else if (ppid == dead.pid) {
            adopted.emplace_back(tid, tid);
        }
    }
    for (const auto& [tid, pid] : adopted) {
        const WaitStatus first = m_early.at(tid);
        m_early.erase(tid);
        add_child(tid, pid, dead, 0); // its creator is gone: not its CPU placement's parent
        handle(tid, first);
    }
}

void Tracer::handle_exec(Tracee& t) {
    unsigned long former = 0;
    ptrace_req(PTRACE_GETEVENTMSG, t.tid, 0, reinterpret_cast<std::uintptr_t>(&former));
    const auto former_tid = static_cast<pid_t>(former);
    const pid_t leader = t.tid;
    if (former_tid > 0 && former_tid != leader) {
        // A thread other than the leader called execve: it now has the leader's tid, and the old
        // leader is gone without a death report.
        finish_pending(t, false); // the old leader's call ends with it: "<... pause resumed>) = ?"
        auto execer = m_tracees.find(former_tid);
        if (execer != m_tracees.end()) {
            Tracee moved = std::move(execer->second);
            m_tracees.erase(execer);
            moved.tid = leader;
            moved.pid = leader;
            moved.call.tid = leader;
            moved.call.pid = leader;
            m_tracees[leader] = std::move(moved);
            if (!m_tracees.at(leader).muted) m_events.on_exec(ExecEvent{former_tid, leader, monotonic_ns()});
        }
    }
    if (m_unwinder) m_unwinder->forget(m_tracees.at(leader).pid);
    Tracee& execer = m_tracees.at(leader);
    if (m_config.detach_on_execve && !execer.first_exec && !execer.hidden) {
        detach(execer, 0);
        return;
    }
    resume(execer);
}

} // namespace trace
