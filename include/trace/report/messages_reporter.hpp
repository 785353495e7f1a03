#pragma once
// The tracer's own notes, as strace prints them: "trace: Process N attached" for each new child under
// -f, "trace: Process N detached". They go into the trace's stream when the trace goes to stderr, so
// that they land in order with it.
#include "trace/report/output.hpp"
#include "trace/report/reporter.hpp"

#include <memory>

namespace trace {

class MessagesReporter final : public Reporter {
public:
    MessagesReporter(std::shared_ptr<Output> out, bool announce_children)
        : m_out(std::move(out)), m_announce_children(announce_children) {}
    void on_process_start(const ProcessEvent& e) override;
    void on_detach(const ProcessEvent& e) override;
    void flush() override { m_out->flush(); }
    void on_finish() override { m_out->flush(); }

private:
    std::shared_ptr<Output> m_out;
    bool m_announce_children;
};

} // namespace trace
