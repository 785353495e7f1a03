#pragma once
// SIGINT, SIGTERM, SIGHUP (and SIGQUIT, SIGPIPE) ask the tracer to stop: detach from attached
// processes, end started ones, print what it has. The handler only records the signal; the
// tracer loop acts on it. This is the one piece of process-wide state: signal handlers need it.

namespace trace {

void install_interrupt_handlers();
// The signal that asked to stop, or 0.
int pending_interrupt();

// Output is flushed at most this long after it was written, even while the tracer blocks in wait4:
// a one-shot timer (SIGALRM) interrupts the wait. Flushing on every stop would cost a write() per call.
inline constexpr long kFlushDelayMicros = 50'000;
// Arms the flush timer (once; it stays armed until it fires).
void arm_flush_timer();
// True once the armed timer has fired; clears it.
bool take_flush_due();

} // namespace trace
