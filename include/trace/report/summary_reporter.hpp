#pragma once
// -c / -C: counts each finished syscall and prints strace's summary table when tracing ends.
// Beyond strace: one table per process (--summary-per-pid), a table every N seconds with the counts
// since the previous one (--summary-interval), and the errno values of failed calls (--summary-errors).
#include "trace/report/output.hpp"
#include "trace/report/reporter.hpp"
#include "trace/report/summary_table.hpp"

#include <memory>
#include <sys/types.h>
#include <unordered_map>
#include <vector>

namespace trace {

struct SummaryConfig {
    SummaryFormat format;
    bool wall_clock = false; // -w: latency instead of system CPU time
    Nanos overhead = 0;      // -O: subtracted from each call's time
    // -e status=: which calls are counted (calls that never returned are never counted, as in strace)
    bool count_successful = true;
    bool count_failed = true;
    bool per_pid = false; // --summary-per-pid
    Nanos interval = 0;   // --summary-interval, 0: one table at the end
};

class SummaryReporter final : public Reporter {
public:
    // out may be shared with the trace reporter (-C), so that the table follows the trace in order.
    SummaryReporter(SummaryConfig config, std::shared_ptr<Output> out);

    void on_process_start(const ProcessEvent& e) override;
    void on_syscall_exit(const SyscallEvent& e) override;
    void on_tick(Nanos now) override;
    void on_finish() override;

private:
    struct ProcessCounts {
        pid_t pid;
        SyscallCounts counts;
    };

    SyscallCounts& counts_for(pid_t pid);
    void start_clock(Nanos now);
    void end_intervals_before(Nanos now);
    void print_tables(const char* period);
    void clear_counts();

    SummaryConfig m_config;
    std::shared_ptr<Output> m_out;
    SyscallCounts m_all;
    std::vector<ProcessCounts> m_processes;          // --summary-per-pid, in order of first call
    std::unordered_map<pid_t, std::size_t> m_by_pid; // index into m_processes
    bool m_printed = false; // a table was printed: the next one is preceded by a blank
    bool m_started = false;
    Nanos m_start = 0;          // time of the first event: intervals are counted from here
    Nanos m_interval_begin = 0; // --summary-interval: the current interval
    Nanos m_interval_end = 0;
    Nanos m_last_time = 0; // time of the latest event
};

} // namespace trace
