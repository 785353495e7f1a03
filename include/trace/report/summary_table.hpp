#pragma once
// Per-syscall counts and their rendering as strace -c's table, byte for byte:
//
//   % time     seconds  usecs/call     calls    errors syscall
//   ------ ----------- ----------- --------- --------- ----------------
//    60.00    0.000006           3         2         1 openat
//   ...
//   ------ ----------- ----------- --------- --------- ----------------
//   100.00    0.000010           2         5         1 total
#include "trace/events/events.hpp"
#include "trace/report/summary_columns.hpp"

#include <cstdint>
#include <fmt/format.h>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace trace {

struct SyscallStats {
    static constexpr Nanos kNoTime = std::numeric_limits<Nanos>::max();

    std::uint64_t calls = 0;
    std::uint64_t errors = 0;
    // time: system CPU time, or wall-clock latency with -w; wall: always the latency.
    Nanos time = 0;
    Nanos time_min = kNoTime;
    Nanos time_max = 0;
    Nanos wall = 0;
    Nanos wall_min = kNoTime;
    Nanos wall_max = 0;
    std::vector<std::pair<int, std::uint64_t>> errnos; // errno -> count, in order of first sight

    void add(Nanos t, Nanos w, int error);
};

// The counts of one table, by syscall number.
class SyscallCounts {
public:
    struct Row {
        long nr;
        const SyscallStats* stats;
    };

    // One finished call: its time (already without overhead, not negative), latency and errno (0: success).
    void add(long nr, Nanos time, Nanos wall, int error);
    bool empty() const { return m_calls == 0; }
    std::uint64_t calls() const { return m_calls; }
    void clear();
    // Every syscall with calls, by number.
    std::vector<Row> rows() const;

private:
    SyscallStats& slot(long nr);

    std::vector<std::uint16_t> m_index;                 // nr -> position in m_known + 1, 0: none yet
    std::vector<std::pair<long, SyscallStats>> m_known; // in order of first sight
    std::vector<std::pair<long, SyscallStats>> m_other; // numbers past the index (rare)
    std::uint64_t m_calls = 0;
};

struct SummaryFormat {
    std::vector<SummaryColumn> columns; // empty: the default columns
    SummarySort sort = SummarySort::time;
    bool errno_breakdown = false; // "Errors:" lines under the table
};

// The name a syscall number has in the table ("read"), or "syscall_0x1c8" for an unknown one.
std::string summary_syscall_name(long nr);

// Appends the table (nothing when counts is empty), and with errno_breakdown the errors of each syscall:
//   Errors:
//     read: 457 EAGAIN, 2 EINTR
void render_summary(fmt::memory_buffer& out, const SyscallCounts& counts, const SummaryFormat& format);

} // namespace trace
