// The tracer at syscall stops: entry and exit, their decoding and reporting, -e trace= and -P, and
// what -k and CPU placement must see of the calls.
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

bool is_error_return(std::int64_t ret) {
    return ret < 0 && ret >= -4095;
}

// ERESTARTSYS, ERESTARTNOINTR, ERESTARTNOHAND, ERESTART_RESTARTBLOCK: the call is not over.
bool is_restart_return(std::int64_t ret) {
    return ret <= -512 && ret >= -516 && ret != -515;
}

// The thread a sched_{get,set}affinity call is about: its pid argument, 0 being the caller.
pid_t affinity_target(const Tracee& t, const std::array<std::uint64_t, 6>& args) {
    const auto target = static_cast<pid_t>(args[0]);
    return target == 0 ? t.tid : target;
}

} // namespace

// A tracee setting a thread's mask takes that thread out of CPU placement before the call.
void Tracer::note_affinity_entry(const Tracee& t) {
    if (t.call.nr == SYS_sched_setaffinity) m_placement.tracee_sets_affinity(affinity_target(t, t.call.args));
}

// sched_getaffinity() of a tracee that shares the tracer's CPU shows the mask it had before.
void Tracer::note_affinity_exit(const Tracee& t, std::int64_t ret) {
    if (t.call.nr != SYS_sched_getaffinity) return;
    const pid_t target = affinity_target(t, t.call.args);
    if (target == t.tid) m_placement.hide_pin(t.tid, t.call.args[2], ret);
}

bool Tracer::is_traced(long nr) const {
    if (m_config.traced.empty()) return true;
    if (nr < 0) return false;
    const auto n = static_cast<std::size_t>(nr);
    const std::vector<bool>& shown = m_reported.empty() ? m_config.traced : m_reported;
    return n < shown.size() ? shown[n] : m_config.trace_unknown;
}

void Tracer::handle_syscall_stop(Tracee& t) {
    SyscallStop stop;
    if (!m_regs->read(t.tid, !t.in_syscall && !t.skip_exit, stop)) {
        resume(t); // gone (ESRCH): its death is reported by waitpid
        return;
    }
    if (t.detaching) {
        // A call the kernel will restart after the detach is shown as "<detached ...>", not as ERESTART*.
        if (stop.phase == SyscallStop::Phase::exit && !is_restart_return(stop.ret))
            handle_syscall_exit(t, stop);
        detach(t, 0);
        return;
    }
    if (stop.phase == SyscallStop::Phase::entry) {
        handle_syscall_entry(t, stop);
    } else if (stop.phase == SyscallStop::Phase::exit) {
        handle_syscall_exit(t, stop);
    }
    resume(t);
}

void Tracer::handle_syscall_entry(Tracee& t, const SyscallStop& stop) {
    const Nanos now = monotonic_ns();
    if (t.in_syscall) finish_pending(t, false); // an entry without the previous exit (should not happen)
    const SyscallEntry* entry = find_syscall(stop.nr);
    t.call.nr = stop.nr;
    t.call.args = stop.args;
    note_affinity_entry(t);
    if (t.hidden) {
        // The started command shows from its execve on, as in strace.
        if (!has_fact(entry, Fact::execs)) {
            t.skip_exit = true;
            return;
        }
        t.hidden = false;
        t.first_exec = true;
    }
    if (m_unwinder) note_mapping_change(t.pid, stop.nr, stop.args);
    if (t.muted || !is_traced(stop.nr) || !touches_traced_path(t, entry, stop)) {
        t.skip_exit = true;
        return;
    }
    t.skip_exit = false;
    t.in_syscall = true;
    SyscallEvent& call = t.call;
    call.tid = t.tid;
    call.pid = t.pid;
    call.nr = stop.nr;
    call.entry = entry;
    call.args = stop.args;
    call.ret = 0;
    call.error = 0;
    call.exited = false;
    call.unfinished = false;
    call.detached = false;
    call.injected = false;
    call.ip = stop.ip;
    call.sp = stop.sp;
    call.ret_detail = Value{};
    call.entry_time = now;
    call.exit_time = 0;
    call.entry_stime = m_stime;
    call.exit_stime = m_stime;
    call.values.clear();
    call.split = -1;
    // The command's own execve is trace's way of starting it: never tampered with, as in strace.
    if (!m_injector.empty() && !t.first_exec) t.inject = m_injector.on_entry(t.tid, stop.nr);
    if (m_want_values && entry != nullptr) decode_args(t, false);
    call.stack.clear();
    // The command's first execve shows the new program's stack, at exit (trace's own code runs it).
    if (m_unwinder && !t.first_exec && stack_wanted(stop.nr)) m_unwinder->capture(t.tid, t.pid, call.stack);
    m_events.on_syscall_entry(call);
}

// A failed exec of the command: what its child does next (report the error, exit) is trace's own
// code at work, not the program, and is not shown; its exit status is.
void Tracer::end_first_exec(Tracee& t, std::int64_t ret) {
    if (!t.first_exec) return;
    t.first_exec = false;
    t.hidden = is_error_return(ret);
    if (t.hidden) m_events.flush(); // the execve line before the child's own "trace: exec: ..." message
}

bool Tracer::touches_traced_path(Tracee& t, const SyscallEntry* entry, const SyscallStop& stop) {
    if (m_path_filter.empty()) return true;
    if (entry == nullptr) return false;
    m_memory.set_pid(t.tid);
    return m_path_filter.matches(t.pid, *entry, stop.args, m_memory);
}

void Tracer::handle_syscall_exit(Tracee& t, const SyscallStop& stop) {
    note_affinity_exit(t, stop.ret);
    if (!t.in_syscall) {
        end_first_exec(t, stop.ret);
        // The exit of a call we did not report (untraced, hidden, or begun before attach). The started
        // command's own seccomp() call, before its execve, says whether the filter is in place.
        if (t.hidden && t.call.nr == SYS_seccomp && m_config.seccomp != SeccompUse::off)
            t.filtered = stop.ret == 0;
        t.skip_exit = false;
        return;
    }
    t.in_syscall = false;
    SyscallEvent& call = t.call;
    call.exit_time = monotonic_ns();
    call.exit_stime = m_stime;
    call.ret = stop.ret;
    if (t.inject.active) {
        call.ret = m_injector.on_exit(t.pid, t.tid, t.inject, stop.ret);
        call.injected = t.inject.replace_result;
        t.inject = InjectAction{};
    }
    call.error = is_error_return(call.ret) ? static_cast<int>(-call.ret) : 0;
    call.exited = true;
    if (m_want_values && call.entry != nullptr) decode_args(t, true);
    if (m_unwinder) {
        note_mapping_change(t.pid, call.nr, call.args);
        if (call.stack.empty() && stack_wanted(call.nr)) m_unwinder->capture(t.tid, t.pid, call.stack);
    }
    m_events.on_syscall_exit(call);
    end_first_exec(t, stop.ret);
    if (m_config.syscall_limit != 0 && ++m_syscalls == m_config.syscall_limit && !m_detaching)
        start_detach_all(0);
}

void Tracer::decode_args(Tracee& t, bool exiting) {
    SyscallEvent& call = t.call;
    const SyscallEntry& entry = *call.entry;
    CallView view;
    view.entry = &entry;
    view.args = call.args;
    view.ret = call.ret;
    view.exiting = exiting;
    view.failed = exiting && call.error != 0;
    view.pid = t.pid;
    view.sp = call.sp;
    view.ret_detail = &call.ret_detail;
    m_memory.set_pid(t.tid);
    const DecodeContext ctx{m_memory, m_config.decode, view, &call.values};
    const int split = decode_call(ctx, call.values);
    if (!exiting) {
        call.split = split;
        call.ret_value = Value::unknown();
        call.dumps.clear();
        return;
    }
    call.ret_value = decode_return(ctx);
    call.dumps = decode_dumps(ctx);
}

// The call in progress will not return to us: report it as unfinished ("= ?") or detached.
void Tracer::finish_pending(Tracee& t, bool detached) {
    if (!t.in_syscall) return;
    // A call cut short by a mute is shown as detached; its exit stop is then ignored.
    t.in_syscall = false;
    t.call.exited = false;
    t.call.unfinished = !detached;
    t.call.detached = detached;
    t.call.exit_time = monotonic_ns();
    m_events.on_syscall_exit(t.call);
}
// -k: the unwinder must see every call that moves code, reported or not; with -e trace= they stop
// too (also under the seccomp filter) and are left out of the trace.
void Tracer::init_stack_traces() {
    m_unwinder = std::make_unique<Unwinder>(m_config.unwind);
    if (m_config.traced.empty()) return;
    m_reported = m_config.traced;
    for (const long nr : {SYS_mmap, SYS_munmap, SYS_mremap, SYS_mprotect, SYS_pkey_mprotect}) {
        const auto n = static_cast<std::size_t>(nr);
        if (n < m_config.traced.size()) m_config.traced[n] = true;
    }
}

bool Tracer::stack_wanted(long nr) const {
    if (m_config.stack_traced.empty()) return true;
    return nr >= 0 && static_cast<std::size_t>(nr) < m_config.stack_traced.size() &&
           m_config.stack_traced[static_cast<std::size_t>(nr)];
}

// A call that may move code or unwind tables: the unwinder reads the memory map again when needed.
void Tracer::note_mapping_change(pid_t pid, long nr, const std::array<std::uint64_t, 6>& args) {
    const bool exec = (args[2] & PROT_EXEC) != 0;
    switch (nr) {
    case SYS_mmap:
        // A new mapping elsewhere changes nothing known; code, or one placed over others, does.
        if (exec || (args[3] & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0)
            m_unwinder->mappings_changed(pid, args[0], args[1], exec);
        break;
    case SYS_munmap:
    case SYS_mremap:
        m_unwinder->mappings_changed(pid, args[0], args[1], false);
        break;
    case SYS_mprotect:
    case SYS_pkey_mprotect:
        m_unwinder->mappings_changed(pid, args[0], args[1], exec);
        break;
    default:
        break;
    }
}

} // namespace trace
