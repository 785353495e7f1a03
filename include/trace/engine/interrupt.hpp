#pragma once
// SIGINT, SIGTERM, SIGHUP (and SIGQUIT, SIGPIPE) ask the tracer to stop: detach from attached
// processes, end started ones, print what it has. The handler only records the signal; the
// tracer loop acts on it. This is the one piece of process-wide state: signal handlers need it.

namespace trace {

void install_interrupt_handlers();
// The signal that asked to stop, or 0.
int pending_interrupt();

} // namespace trace
