#pragma once
// What the engine tells reporters. Reporters never call ptrace; each gets every event, in order.
#include "trace/report/events.hpp"

#include <memory>
#include <vector>

namespace trace {

class Reporter {
public:
    virtual ~Reporter() = default;
    // Whether this reporter needs decoded argument values (the -c summary does not).
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

// Hands each event to every reporter.
class ReporterSet final : public Reporter {
public:
    void add(std::unique_ptr<Reporter> r) { m_reporters.push_back(std::move(r)); }
    bool empty() const { return m_reporters.empty(); }
    bool wants_values() const override;
    void on_process_start(const ProcessEvent& e) override;
    void on_syscall_entry(const SyscallEvent& e) override;
    void on_syscall_exit(const SyscallEvent& e) override;
    void on_signal(const SignalEvent& e) override;
    void on_exec(const ExecEvent& e) override;
    void on_process_exit(const ExitEvent& e) override;
    void on_detach(const ProcessEvent& e) override;
    void on_tick(Nanos now) override;
    void on_finish() override;
    void flush() override;

private:
    std::vector<std::unique_ptr<Reporter>> m_reporters;
};

} // namespace trace
