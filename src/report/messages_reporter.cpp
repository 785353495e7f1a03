#include "trace/report/messages_reporter.hpp"

#include <fmt/format.h>

namespace trace {

void MessagesReporter::on_process_start(const ProcessEvent& e) {
    if (m_announce_children && e.parent != 0)
        m_out->write_message(fmt::format("{}: Process {} attached\n", m_program, e.tid));
}

void MessagesReporter::on_detach(const ProcessEvent& e) {
    if (e.attached && e.tid == e.pid)
        m_out->write_message(fmt::format("{}: Process {} detached\n", m_program, e.tid));
}

} // namespace trace
