#pragma once
// The tracer's own notes, as strace prints them: "trace: Process N attached" for each new child under
// -f, "trace: Process N detached". They go into the trace's stream when the trace goes to stderr, so
// that they land in order with it.
#include "trace/report/output.hpp"
#include "trace/report/reporter.hpp"

#include <memory>
#include <string>

namespace trace {

class MessagesReporter final : public Reporter {
public:
    // program_name: argv[0], the prefix of each line.
    MessagesReporter(std::shared_ptr<Output> out, bool announce_children, std::string program_name = "trace")
        : m_out(std::move(out)), m_announce_children(announce_children), m_program(std::move(program_name)) {}
    void on_process_start(const ProcessEvent& e) override;
    void on_detach(const ProcessEvent& e) override;
    void flush() override { m_out->flush(); }
    void on_finish() override { m_out->flush(); }

private:
    std::shared_ptr<Output> m_out;
    bool m_announce_children;
    std::string m_program;
};

} // namespace trace
