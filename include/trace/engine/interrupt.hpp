#pragma once
// SIGINT, SIGTERM, SIGHUP (and SIGQUIT, SIGPIPE) ask the tracer to stop: detach from attached
// processes, end started ones, print what it has. The handler only records the signal; the
// tracer loop acts on it. This is the one piece of process-wide state: signal handlers need it.

#include <array>
#include <csignal>

namespace trace {

// What trace's caller gave it: the signal mask and the dispositions of the signals trace takes over.
// The command is started with exactly these, so that tracing changes neither (an ignored SIGHUP under
// nohup stays ignored, a blocked signal stays blocked).
struct CallerSignals {
    sigset_t mask{};
    std::array<struct sigaction, 7> actions{}; // kTakenSignals, in order
};
// Puts the caller's mask and dispositions back (in the command's process, before its execve).
void restore_caller_signals(const CallerSignals& saved);

// blocked: -I never (and never_tstp): these signals are blocked instead, so that trace cannot be
// interrupted (a Ctrl-C reaches the command only); also_tstp blocks SIGTSTP too.
// Returns what the caller had, for the command.
CallerSignals install_interrupt_handlers(bool blocked = false, bool also_tstp = false);
// The signal that asked to stop, or 0.
int pending_interrupt();

// Output is flushed at most about this long after it was written, even while the tracer blocks in
// wait4: a periodic timer (SIGALRM) interrupts the wait. Flushing on every stop would cost a write()
// per call. The timer is periodic so that a tick that lands just before wait4 blocks is not lost.
inline constexpr long kFlushDelayMicros = 50'000;
void start_flush_timer(); // idempotent
void stop_flush_timer();  // idempotent
// True once the timer has fired since the last call; clears it.
bool take_flush_due();

} // namespace trace
