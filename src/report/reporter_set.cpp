#include "trace/report/reporter.hpp"

#include <algorithm>

namespace trace {

bool ReporterSet::wants_values() const {
    return std::any_of(m_reporters.begin(), m_reporters.end(), [](const auto& r) { return r->wants_values(); });
}

void ReporterSet::on_process_start(const ProcessEvent& e) {
    for (auto& r : m_reporters) r->on_process_start(e);
}
void ReporterSet::on_syscall_entry(const SyscallEvent& e) {
    for (auto& r : m_reporters) r->on_syscall_entry(e);
}
void ReporterSet::on_syscall_exit(const SyscallEvent& e) {
    for (auto& r : m_reporters) r->on_syscall_exit(e);
}
void ReporterSet::on_signal(const SignalEvent& e) {
    for (auto& r : m_reporters) r->on_signal(e);
}
void ReporterSet::on_exec(const ExecEvent& e) {
    for (auto& r : m_reporters) r->on_exec(e);
}
void ReporterSet::on_process_exit(const ExitEvent& e) {
    for (auto& r : m_reporters) r->on_process_exit(e);
}
void ReporterSet::on_detach(const ProcessEvent& e) {
    for (auto& r : m_reporters) r->on_detach(e);
}
void ReporterSet::on_tick(Nanos now) {
    for (auto& r : m_reporters) r->on_tick(now);
}
void ReporterSet::on_finish() {
    for (auto& r : m_reporters) r->on_finish();
}
void ReporterSet::flush() {
    for (auto& r : m_reporters) r->flush();
}

} // namespace trace
