#include "trace/report/messages_reporter.hpp"

#include <fmt/format.h>

namespace trace {

void MessagesReporter::on_detach(const ProcessEvent& e) {
    if (e.attached && e.tid == e.pid) fmt::print(stderr, "trace: Process {} detached\n", e.tid);
}

} // namespace trace
