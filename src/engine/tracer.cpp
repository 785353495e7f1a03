#include "trace/engine/tracer.hpp"
#include "trace/engine/ptrace_request.hpp"

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

} // namespace trace
