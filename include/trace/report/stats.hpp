#pragma once
// --stats: the analyses people otherwise write bpftrace or bcc scripts for, printed at the end:
//  - latency histograms of each syscall (log2 buckets of microseconds), overall and per process;
//  - the epoll_wait family: how often a call returned as many events as maxevents allowed, the
//    (maxevents, returned) and (timeout, returned) distributions, errors by errno;
//  - the read/recv family per fd: bytes asked for against bytes returned, how often the buffer filled;
//  - sleeps and waits: durations nanosleep, clock_nanosleep and futex waits asked for, interruptions;
//  - whether sockets, pipes and opened files are non-blocking, and what made them so.
#include "trace/report/fd_stats_tracker.hpp"
#include "trace/report/histogram.hpp"
#include "trace/report/output.hpp"
#include "trace/report/reporter.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace trace {

struct LatencyStats {
    Log2Histogram micros; // each call's latency in microseconds (rounded down)
    Nanos total = 0;
    Nanos min = 0;
    Nanos max = 0;
    void add(Nanos latency);
};

// Latencies by syscall number.
using LatencyTable = std::map<long, LatencyStats>;

// Timeouts: kTimeoutInfinite waits for ever, kTimeoutUnknown was not decoded.
inline constexpr std::int64_t kTimeoutInfinite = -1;
inline constexpr std::int64_t kTimeoutUnknown = INT64_MIN;

struct EpollStats {
    std::uint64_t calls = 0;
    std::uint64_t full = 0; // returned == maxevents
    std::uint64_t failed = 0;
    std::map<std::pair<std::int64_t, std::int64_t>, std::uint64_t> by_maxevents; // (maxevents, returned)
    std::map<std::pair<std::int64_t, std::int64_t>, std::uint64_t> by_timeout;   // (timeout ms, returned)
    std::map<int, std::uint64_t> errnos;
};

struct ReadStats {
    std::uint64_t calls = 0;
    std::uint64_t filled = 0; // returned as many bytes as asked for
    std::uint64_t failed = 0;
    std::uint64_t eagain = 0;
    std::uint64_t unknown_size = 0; // calls whose size was not decoded (readv with undecoded iovecs)
    std::map<std::uint64_t, std::uint64_t> requested; // size -> calls
    Log2Histogram returned;                           // bytes returned by the successful calls
};

struct SleepStats {
    std::uint64_t calls = 0;
    std::uint64_t interrupted = 0; // EINTR (and the kernel's restart codes)
    std::uint64_t timed_out = 0;   // ETIMEDOUT (futex)
    std::uint64_t no_timeout = 0;  // a futex wait without a timeout
    std::uint64_t absolute = 0;    // TIMER_ABSTIME, FUTEX_WAIT_BITSET: a deadline, not a duration
    std::uint64_t unknown = 0;     // the duration was not decoded
    Log2Histogram requested;       // microseconds asked for
    Log2Histogram slept;           // microseconds the call took
};

class StatsReporter final : public Reporter {
public:
    StatsReporter(std::shared_ptr<Output> out, FdTrackerConfig fds = {});

    bool wants_values() const override { return true; } // timespecs, iovecs, paths
    void on_process_start(const ProcessEvent& e) override { m_fds.on_process_start(e); }
    void on_syscall_entry(const SyscallEvent& e) override { m_fds.on_syscall_entry(e); }
    void on_syscall_exit(const SyscallEvent& e) override;
    void on_exec(const ExecEvent& e) override { m_fds.on_exec(e); }
    void on_process_exit(const ExitEvent& e) override { m_fds.on_process_exit(e); }
    void on_finish() override;

    // The report, as on_finish prints it.
    void render(fmt::memory_buffer& out) const;

    const LatencyTable& latency() const { return m_latency; }
    const std::map<long, EpollStats>& epoll() const { return m_epoll; }
    const std::map<std::size_t, ReadStats>& reads() const { return m_reads; }
    const std::map<std::string, SleepStats>& sleeps() const { return m_sleeps; }
    const FdTracker& fds() const { return m_fds; }

private:
    void add_epoll(const SyscallEvent& e);
    void add_read(const SyscallEvent& e, const std::vector<std::size_t>& lives);
    void add_sleep(const SyscallEvent& e);

    std::shared_ptr<Output> m_out;
    FdTracker m_fds;
    LatencyTable m_latency;
    std::vector<std::pair<pid_t, LatencyTable>> m_latency_by_pid; // in order of first call
    std::map<long, EpollStats> m_epoll;
    std::map<std::size_t, ReadStats> m_reads;   // by fd life
    std::map<std::string, SleepStats> m_sleeps; // "nanosleep", "clock_nanosleep", "futex wait"
};

// The duration in a decoded struct timespec ({tv_sec=1, tv_nsec=500000000}), or nullopt.
std::optional<Nanos> timespec_nanos(const Value& v);

} // namespace trace
