#pragma once
// Reporters: what receives the engine's events and makes output of them.
#include "trace/events/event_sink.hpp"

#include <memory>
#include <vector>

namespace trace {

using Reporter = EventSink;

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
