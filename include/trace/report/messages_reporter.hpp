#pragma once
// The tracer's own notes on stderr, as strace prints them: "trace: Process N detached".
#include "trace/report/reporter.hpp"

namespace trace {

class MessagesReporter final : public Reporter {
public:
    void on_detach(const ProcessEvent& e) override;
};

} // namespace trace
