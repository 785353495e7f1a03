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

constexpr unsigned kBaseOptions = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC;
constexpr unsigned kFollowOptions = PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE;

long ptrace_req(int request, pid_t tid, std::uintptr_t addr = 0, std::uintptr_t data = 0) {
    return ptrace(static_cast<__ptrace_request>(request), tid, reinterpret_cast<void*>(addr),
                  reinterpret_cast<void*>(data));
}

bool is_error_return(std::int64_t ret) {
    return ret < 0 && ret >= -4095;
}

// ERESTARTSYS, ERESTARTNOINTR, ERESTARTNOHAND, ERESTART_RESTARTBLOCK: the call is not over.
bool is_restart_return(std::int64_t ret) {
    return ret <= -512 && ret >= -516 && ret != -515;
}

// How long detaching waits for tracees to stop. One that does not stop by then (a vfork parent
// waiting for its child, a sleep in state D) cannot be detached by PTRACE_DETACH; trace's exit
// releases it instead (an attached process runs on; a started command is killed by EXITKILL).
constexpr Nanos kDetachGrace = 500'000'000;

// Until a tracee has something to report (left for wait4 to collect), or the deadline passes.
bool wait_for_event(Nanos deadline) {
    while (true) {
        siginfo_t info{};
        const int r = waitid(P_ALL, 0, &info, WEXITED | WSTOPPED | WNOHANG | WNOWAIT | __WALL);
        if (r != 0 && errno != EINTR) return true; // ECHILD: wait4 says so too
        if (r == 0 && info.si_pid != 0) return true;
        if (monotonic_ns() >= deadline) return false;
        const timespec pause{0, 1'000'000};
        nanosleep(&pause, nullptr);
    }
}

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

unsigned tracer_options(bool follow, bool exit_kill, bool seccomp) {
    unsigned options = kBaseOptions | (follow ? kFollowOptions : 0u);
    if (exit_kill) options |= PTRACE_O_EXITKILL;
    if (seccomp) options |= PTRACE_O_TRACESECCOMP;
    return options;
}

Tracer::Tracer(EngineConfig config, EventSink& events)
    : m_config(std::move(config)), m_events(events), m_want_values(events.wants_values()),
      m_regs(make_syscall_regs(m_config.force_getregs)), m_memory(!m_config.force_peekdata),
      m_injector(m_config.inject), m_path_filter(m_config.trace_paths, m_config.trace_fds),
      // Under a seccomp filter stops are rare: nothing to gain from sharing a CPU.
      m_placement(m_config.cpu_placement && m_config.seccomp == SeccompUse::off) {
    if (m_config.stack_trace) init_stack_traces();
    // Sandboxes and containers without /proc: the trace works, but these options have nothing to show.
    if ((m_config.decode.fds.any() || m_config.stack_trace) && access("/proc/self/maps", R_OK) != 0) {
        const bool fds = m_config.decode.fds.any();
        fmt::print(stderr, "{}: /proc is not available: no {}\n", program_invocation_name,
                   fds && m_config.stack_trace ? "descriptor paths (-y) and stack traces (-k)"
                   : fds                       ? "descriptor paths (-y)"
                                               : "stack traces (-k)");
    }
}

Tracer::~Tracer() {
    // Never leave a tracee stopped: whatever is still traced (after an exception) is released.
    for (auto& [tid, t] : m_tracees) {
        if (t.attached) {
            ptrace_req(PTRACE_DETACH, tid);
        } else {
            kill(tid, SIGKILL);
        }
    }
}

Tracee& Tracer::add_tracee(pid_t tid, pid_t pid, bool attached, pid_t parent) {
    Tracee& t = m_tracees[tid];
    t.tid = tid;
    t.pid = pid;
    t.attached = attached;
    m_placement.add(tid, parent, attached, monotonic_ns());
    return t;
}

void Tracer::remove_tracee(pid_t tid) {
    m_tracees.erase(tid);
    m_placement.forget(tid);
}

namespace {

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

void Tracer::resume(Tracee& t, int sig) {
    if (t.detaching) {
        detach(t, sig);
        return;
    }
    // Under the seccomp filter, only a call in progress needs its exit stop; the next traced call
    // stops by itself. ESRCH: the tracee is gone; its exit arrives through wait4.
    if (t.filtered && !t.in_syscall && !t.hidden && !t.first_exec) {
        t.skip_exit = false;
        ptrace_req(PTRACE_CONT, t.tid, 0, static_cast<std::uintptr_t>(sig));
        return;
    }
    ptrace_req(PTRACE_SYSCALL, t.tid, 0, static_cast<std::uintptr_t>(sig));
}

void Tracer::detach(Tracee& t, int sig) {
    // Untraced, its filter would fail every traced call with ENOSYS: it is followed to its end instead.
    assert(!t.filtered);
    finish_pending(t, true);
    ptrace_req(PTRACE_DETACH, t.tid, 0, static_cast<std::uintptr_t>(sig));
    const ProcessEvent e{t.tid, t.pid, 0, monotonic_ns(), t.attached};
    remove_tracee(t.tid);
    m_events.on_detach(e);
}

// One wait4 per stop. Output written since the last flush goes out when the flush timer fires
// (wait4 returns EINTR), so a tracee blocked in a call still shows it within about kFlushDelayMicros.
pid_t Tracer::wait_next(int& status) {
    service_timer();
    const bool ticking = m_config.tick_interval > 0;
    if (m_unflushed || ticking || m_placement.wants_ticks()) {
        start_flush_timer();
    } else {
        stop_flush_timer();
    }
    rusage ru{};
    const pid_t tid = wait4(-1, &status, __WALL, &ru);
    if (tid < 0) {
        const int err = errno;
        service_timer();
        errno = err;
        return tid;
    }
    m_stime = static_cast<Nanos>(ru.ru_stime.tv_sec) * 1'000'000'000 +
              static_cast<Nanos>(ru.ru_stime.tv_usec) * 1000;
    return tid;
}

void Tracer::service_timer() {
    if (!take_flush_due()) return;
    m_events.flush();
    m_unflushed = false;
    if (m_placement.wants_ticks()) m_placement.on_tick(monotonic_ns());
    if (m_config.tick_interval > 0) {
        const Nanos now = monotonic_ns();
        if (m_last_tick == 0) m_last_tick = now;
        if (now - m_last_tick >= m_config.tick_interval) {
            m_last_tick = now;
            m_events.on_tick(now);
        }
    }
}

ChildStatus Tracer::run() {
    Nanos detach_deadline = 0;
    while (!m_tracees.empty() || !m_early.empty()) {
        if (const int sig = pending_interrupt(); sig != 0 && !m_detaching) start_detach_all(sig);
        if (!any_detaching()) {
            detach_deadline = 0;
        } else {
            if (detach_deadline == 0) detach_deadline = monotonic_ns() + kDetachGrace;
            if (!wait_for_event(detach_deadline)) {
                std::vector<pid_t> unstopped;
                for (const auto& [tid, t] : m_tracees)
                    if (t.detaching) unstopped.push_back(tid);
                for (const pid_t tid : unstopped)
                    detach(m_tracees.at(tid), 0); // reported; released at exit
                continue;                         // muted tracees are followed on
            }
        }
        int status = 0;
        const pid_t tid = wait_next(status);
        if (tid < 0) {
            if (errno == EINTR) continue;
            break; // ECHILD: nothing left to wait for, whatever the table says
        }
        m_placement.count_stop();
        handle(tid, WaitStatus(status));
        m_unflushed = true;
    }
    m_tracees.clear();
    stop_flush_timer();
    m_events.on_finish();
    if (m_interrupt_signal != 0 && !m_child_ended_before_interrupt) {
        // Interrupted: trace ends as the signal that stopped it would have ended it (also when it
        // followed filtered processes on to their end).
        m_child_status = ChildStatus{true, true, m_interrupt_signal, false};
    }
    return m_child_status;
}

void Tracer::start_detach_all(int sig) {
    m_detaching = true;
    m_interrupt_signal = sig;
    m_child_ended_before_interrupt = m_child_status.known;
    if (m_child > 0 && sig != 0 && !m_daemonized) {
        // As strace does: the started command gets the signal that stopped the tracer (not under -D,
        // where the tracer is apart from the command, which its caller signals itself).
        kill(m_child, SIGCONT);
        kill(m_child, sig);
    }
    for (auto& [tid, t] : m_tracees) {
        if (t.filtered) {
            // Let go, its filter would fail its traced calls: it runs on unseen until it ends.
            finish_pending(t, true);
            t.muted = true;
            continue;
        }
        t.detaching = true;
        ptrace_req(PTRACE_INTERRUPT, tid); // ESRCH: already gone, its death is on its way
    }
}

bool Tracer::any_detaching() const {
    for (const auto& [tid, t] : m_tracees)
        if (t.detaching) return true;
    return false;
}

void Tracer::handle(pid_t tid, WaitStatus status) {
    if (m_config.debug) debug_status(tid, status);
    auto it = m_tracees.find(tid);
    if (it == m_tracees.end()) {
        if (status.kind() == WaitStatus::Kind::exited || status.kind() == WaitStatus::Kind::killed) {
            m_early.erase(tid);
            return;
        }
        // A new task whose first stop came before its creator's fork/clone event: it waits for it.
        m_early.insert_or_assign(tid, status);
        return;
    }
    Tracee& t = it->second;
    switch (status.kind()) {
    case WaitStatus::Kind::exited:
    case WaitStatus::Kind::killed:
        handle_death(t, status);
        return;
    case WaitStatus::Kind::syscall_stop:
        handle_syscall_stop(t);
        return;
    case WaitStatus::Kind::event_stop:
        handle_event_stop(t, status.ptrace_event());
        return;
    case WaitStatus::Kind::group_stop:
        handle_group_stop(t, status.stop_signal());
        return;
    case WaitStatus::Kind::interrupt_stop:
        t.group_stopped = false;
        resume(t);
        return;
    case WaitStatus::Kind::signal_stop:
        handle_signal_stop(t, status.stop_signal());
        return;
    case WaitStatus::Kind::other:
        return;
    }
}

// -d: the wait status as strace -d shows it, e.g. "[wait(0x8057f) = 1234] WIFSTOPPED,sig=SIGTRAP|0x80".
void Tracer::debug_status(pid_t tid, WaitStatus status) const {
    std::string what;
    switch (status.kind()) {
    case WaitStatus::Kind::exited:
        what = fmt::format("WIFEXITED,exitcode={}", status.exit_code());
        break;
    case WaitStatus::Kind::killed:
        what = fmt::format("WIFSIGNALED,{}sig={}", status.core_dumped() ? "core," : "",
                           signal_name(status.term_signal()));
        break;
    case WaitStatus::Kind::syscall_stop:
        what = "WIFSTOPPED,sig=SIGTRAP|0x80";
        break;
    case WaitStatus::Kind::event_stop:
        what = fmt::format("WIFSTOPPED,sig=SIGTRAP,EVENT={}", status.ptrace_event());
        break;
    case WaitStatus::Kind::group_stop:
    case WaitStatus::Kind::interrupt_stop:
        what = fmt::format("WIFSTOPPED,sig={},EVENT_STOP", signal_name(status.stop_signal()));
        break;
    case WaitStatus::Kind::signal_stop:
        what = fmt::format("WIFSTOPPED,sig={}", signal_name(status.stop_signal()));
        break;
    case WaitStatus::Kind::other:
        what = "?";
        break;
    }
    fmt::print(stderr, "{}: [wait({:#x}) = {}] {}\n", program_invocation_name,
               static_cast<unsigned>(status.raw()), tid, what);
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

void Tracer::handle_signal_stop(Tracee& t, int sig) {
    siginfo_t si{};
    if (ptrace_req(PTRACE_GETSIGINFO, t.tid, 0, reinterpret_cast<std::uintptr_t>(&si)) != 0) {
        if (errno == ESRCH) return;
        // EINVAL: not a signal-delivery-stop after all (a group-stop seen without SEIZE semantics).
        handle_group_stop(t, sig);
        return;
    }
    const bool shown = m_config.signals_shown.empty() ||
                       (sig > 0 && static_cast<std::size_t>(sig) < m_config.signals_shown.size() &&
                        m_config.signals_shown[static_cast<std::size_t>(sig)]);
    if (!t.hidden && !t.muted && shown) {
        SignalEvent e;
        e.tid = t.tid;
        e.pid = t.pid;
        e.signo = sig;
        e.last_nr = t.call.nr;
        e.siginfo = siginfo_value(si);
        e.time = monotonic_ns();
        if (m_unwinder) m_unwinder->capture(t.tid, t.pid, e.stack);
        m_events.on_signal(e);
    }
    resume(t, sig);
}

void Tracer::handle_group_stop(Tracee& t, int sig) {
    if (t.detaching) {
        detach(t, 0); // stays stopped, as it would be untraced
        return;
    }
    if (t.hidden) {
        resume(t); // the started command's own SIGSTOP, before its execve
        return;
    }
    const bool shown =
        m_config.signals_shown.empty() || (static_cast<std::size_t>(sig) < m_config.signals_shown.size() &&
                                           m_config.signals_shown[static_cast<std::size_t>(sig)]);
    if (shown && !t.muted) {
        SignalEvent e;
        e.tid = t.tid;
        e.pid = t.pid;
        e.signo = sig;
        e.last_nr = t.call.nr;
        e.group_stop = true;
        e.time = monotonic_ns();
        m_events.on_signal(e);
    }
    t.group_stopped = true;
    // PTRACE_LISTEN keeps it stopped until SIGCONT, so job control works as without the tracer.
    ptrace_req(PTRACE_LISTEN, t.tid);
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
