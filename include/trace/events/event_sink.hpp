#pragma once
// The interface through which the engine hands out its events, in order. Those who receive them
// (the reporters) never call ptrace.
#include "trace/events/events.hpp"

namespace trace {

class EventSink {
public:
    virtual ~EventSink() = default;
    // Whether this sink needs decoded argument values (the -c summary does not).
    virtual bool wants_values() const { return false; }
    virtual void on_process_start(const ProcessEvent&) {}
    virtual void on_syscall_entry(const SyscallEvent&) {}
    virtual void on_syscall_exit(const SyscallEvent&) {}
    virtual void on_signal(const SignalEvent&) {}
    virtual void on_exec(const ExecEvent&) {}
    virtual void on_process_exit(const ExitEvent&) {}
    virtual void on_detach(const ProcessEvent&) {}
    // A periodic tick (for --summary-interval); now is the current monotonic time.
    virtual void on_tick(Nanos) {}
    // Tracing is over: print summaries, flush.
    virtual void on_finish() {}
    // Make everything written so far visible (the tracer is about to block).
    virtual void flush() {}
};

} // namespace trace
