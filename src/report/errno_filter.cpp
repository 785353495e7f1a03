#include "trace/report/errno_filter.hpp"

#include "trace/report/poll_filter.hpp"
#include "trace/report/summary_table.hpp"

#include <algorithm>
#include <cerrno>
#include <iterator>

namespace trace {
HideFilter::HideFilter(HideConfig config, std::unique_ptr<Reporter> inner, std::shared_ptr<Output> out)
    : m_config(std::move(config)), m_inner(std::move(inner)), m_out(std::move(out)) {}

bool HideFilter::holds(const SyscallEvent& e) const {
    // Any call may fail with any errno; only the poll family can be an empty poll.
    return !m_config.errnos.empty() || (m_config.empty_polls && is_poll_family(e.entry));
}

bool HideFilter::hides(const SyscallEvent& e) const {
    if (!e.exited || e.unfinished || e.detached) return false;
    const auto listed = [&](int err) {
        return std::find(m_config.errnos.begin(), m_config.errnos.end(), err) != m_config.errnos.end();
    };
    if (e.error != 0 && listed(e.error)) return true;
    // A call a signal interrupts ends, as the tracer sees it, with a restart code (ERESTARTSYS...);
    // the program gets EINTR unless the call is restarted.
    if (e.interrupted() && listed(EINTR)) return true;
    return m_config.empty_polls && is_empty_poll(e);
}

void HideFilter::on_syscall_entry(const SyscallEvent& e) {
    if (!holds(e)) m_inner->on_syscall_entry(e);
}

void HideFilter::on_syscall_exit(const SyscallEvent& e) {
    if (!holds(e)) {
        m_inner->on_syscall_exit(e);
        return;
    }
    if (hides(e)) {
        auto it =
            std::find_if(m_hidden.begin(), m_hidden.end(), [&](const auto& h) { return h.first == e.nr; });
        if (it == m_hidden.end()) {
            m_hidden.emplace_back(e.nr, 1);
        } else {
            ++it->second;
        }
        ++m_total;
        return;
    }
    // The exit event carries the entry's values too: the entry part prints from it unchanged.
    m_inner->on_syscall_entry(e);
    m_inner->on_syscall_exit(e);
}

std::string HideFilter::hidden_line() const {
    std::string line =
        fmt::format("{}: {} call{} hidden", m_config.program_name, m_total, m_total == 1 ? "" : "s");
    auto rows = m_hidden;
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    const char* sep = ": ";
    for (const auto& [nr, count] : rows) {
        fmt::format_to(std::back_inserter(line), "{}{} {}", sep, summary_syscall_name(nr), count);
        sep = ", ";
    }
    return line;
}

void HideFilter::on_finish() {
    m_inner->on_finish();
    m_out->write(hidden_line());
    m_out->write("\n");
    m_out->flush();
}

} // namespace trace
