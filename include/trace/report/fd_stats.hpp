#pragma once
// --fd-stats: per-fd byte accounting. For each life of each fd (see fd_stats_tracker.hpp): the calls
// on it by syscall, the bytes asked for and moved by the read/write family, short transfers, EAGAIN
// failures, other errors and the time spent; printed at the end as a table sorted by bytes moved.
#include "trace/report/fd_stats_tracker.hpp"
#include "trace/report/output.hpp"
#include "trace/report/reporter.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace trace {

// The bytes of one call of the read/write family (read, write, pread64, pwrite64, readv, writev,
// preadv, preadv2, pwritev, pwritev2, recvfrom, sendto, recvmsg, sendmsg, recvmmsg, sendmmsg,
// sendfile, splice, tee, vmsplice, copy_file_range).
struct IoBytes {
    bool reads = false; // read, pread64, readv, preadv(2), recvfrom, recvmsg, recvmmsg: into memory
    std::optional<std::uint64_t> requested; // unknown when the iovecs were not decoded
    std::uint64_t transferred = 0;          // 0 for a failed call
};

// nullopt for a call outside the family.
std::optional<IoBytes> io_bytes(const SyscallEvent& e);

struct FdCallStats {
    std::uint64_t calls = 0;
    std::uint64_t io_calls = 0; // calls of the read/write family
    std::uint64_t requested = 0;
    std::uint64_t transferred = 0;
    std::uint64_t short_transfers = 0;
    std::uint64_t eagain = 0;
    std::uint64_t errors = 0; // every failed call, EAGAIN included
    Nanos time = 0;
    void add(const SyscallEvent& e, const std::optional<IoBytes>& io);
};

struct FdLifeStats {
    FdCallStats total;
    std::vector<std::pair<long, FdCallStats>> by_syscall; // in order of first call
};

class FdStatsReporter final : public Reporter {
public:
    // out may be the trace's output, so that the table follows the trace (and the -c table).
    FdStatsReporter(std::shared_ptr<Output> out, FdTrackerConfig fds = {});

    bool wants_values() const override { return true; } // paths and iovecs
    void on_process_start(const ProcessEvent& e) override { m_tracker.on_process_start(e); }
    void on_syscall_entry(const SyscallEvent& e) override { m_tracker.on_syscall_entry(e); }
    void on_syscall_exit(const SyscallEvent& e) override;
    void on_exec(const ExecEvent& e) override { m_tracker.on_exec(e); }
    void on_process_exit(const ExitEvent& e) override { m_tracker.on_process_exit(e); }
    void on_finish() override;

    const FdTracker& tracker() const { return m_tracker; }
    const std::vector<FdLifeStats>& stats() const { return m_stats; }

private:
    FdLifeStats& stats_of(std::size_t life);

    std::shared_ptr<Output> m_out;
    FdTracker m_tracker;
    std::vector<FdLifeStats> m_stats; // by life id
};

// The table of every life with calls, by bytes transferred (most first):
//
//   fd statistics: 2 descriptors (bytes; time in seconds)
//       pid    fd    calls  requested  transferred  short  EAGAIN  errors     seconds  what
//   ------- ----- -------- ---------- ------------ ------ ------- ------- ----------- ----------------
//      1234     3        5      16384         2949      1       0       0    0.000041  /etc/passwd
//                        3      16384         2949      1       0       0    0.000020    read
//   ...
void render_fd_stats(fmt::memory_buffer& out, const std::vector<FdLife>& lives,
                     const std::vector<FdLifeStats>& stats);

} // namespace trace
