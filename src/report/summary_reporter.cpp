#include "trace/report/summary_reporter.hpp"


#include <algorithm>
#include <iterator>
#include <string>

namespace trace {
namespace {

// Seconds since the start, with millisecond precision: "1.500".
std::string since(Nanos start, Nanos t) {
    const Nanos d = std::max<Nanos>(t - start, 0);
    return fmt::format("{}.{:03}", d / kNanosPerSecond, (d % kNanosPerSecond) / 1'000'000);
}

} // namespace

SummaryReporter::SummaryReporter(SummaryConfig config, std::shared_ptr<Output> out)
    : m_config(std::move(config)), m_out(std::move(out)) {}

void SummaryReporter::start_clock(Nanos now) {
    if (now <= 0) return; // an event without a time (spawn and attach events may carry none)
    m_last_time = std::max(m_last_time, now);
    if (m_started) return;
    m_started = true;
    m_start = now;
    m_interval_begin = now;
    m_interval_end = now + m_config.interval;
}

void SummaryReporter::on_process_start(const ProcessEvent& e) {
    start_clock(e.time);
}

SyscallCounts& SummaryReporter::counts_for(pid_t pid) {
    if (!m_config.per_pid) return m_all;
    auto [it, added] = m_by_pid.try_emplace(pid, m_processes.size());
    if (added) m_processes.push_back(ProcessCounts{pid, {}});
    return m_processes[it->second].counts;
}

void SummaryReporter::on_syscall_exit(const SyscallEvent& e) {
    // A call that never returned (the process died in it, or was detached) is not counted, as in strace.
    if (!e.exited) return;
    start_clock(e.entry_time);
    end_intervals_before(e.exit_time);
    m_last_time = std::max(m_last_time, e.exit_time);
    if (e.error != 0 ? !m_config.count_failed : !m_config.count_successful) return;

    const Nanos latency = e.exit_time - e.entry_time;
    const Nanos time = m_config.wall_clock ? latency : e.exit_stime - e.entry_stime;
    counts_for(e.pid).add(e.nr, std::max<Nanos>(time - m_config.overhead, 0),
                          std::max<Nanos>(latency - m_config.overhead, 0), e.error);
}

void SummaryReporter::on_tick(Nanos now) {
    start_clock(now);
    end_intervals_before(now);
}

// Prints the table of every interval that ended by now; calls exiting later belong to later ones.
void SummaryReporter::end_intervals_before(Nanos now) {
    if (m_config.interval <= 0 || !m_started || now < m_interval_end) return;
    const std::string period =
        fmt::format("{} s to {} s", since(m_start, m_interval_begin), since(m_start, m_interval_end));
    print_tables(period.c_str());
    clear_counts();
    // Intervals without calls print nothing: skip to the one holding now.
    const Nanos skipped = (now - m_interval_end) / m_config.interval;
    m_interval_begin = m_interval_end + skipped * m_config.interval;
    m_interval_end = m_interval_begin + m_config.interval;
}

void SummaryReporter::on_finish() {
    if (m_config.interval > 0) {
        const std::string period =
            fmt::format("{} s to {} s", since(m_start, m_interval_begin), since(m_start, m_last_time));
        print_tables(period.c_str());
    } else {
        print_tables(nullptr);
    }
    clear_counts();
    m_out->flush();
}

void SummaryReporter::clear_counts() {
    m_all.clear();
    m_processes.clear();
    m_by_pid.clear();
}

// period: nullptr, or the interval the counts are from.
void SummaryReporter::print_tables(const char* period) {
    fmt::memory_buffer text;
    auto it = std::back_inserter(text);
    auto heading = [&](const std::string& what) {
        if (m_printed) fmt::format_to(it, "\n");
        m_printed = true;
        if (!what.empty()) fmt::format_to(it, "System call usage summary for {}:\n", what);
    };
    if (m_config.per_pid) {
        for (const ProcessCounts& p : m_processes) {
            if (p.counts.empty()) continue;
            heading(period != nullptr ? fmt::format("pid {}, {}", p.pid, period)
                                      : fmt::format("pid {}", p.pid));
            render_summary(text, p.counts, m_config.format);
        }
    } else if (!m_all.empty()) {
        heading(period != nullptr ? period : "");
        render_summary(text, m_all, m_config.format);
    }
    if (text.size() == 0) return;
    m_out->write(std::string_view(text.data(), text.size()));
    m_out->flush();
}

} // namespace trace
