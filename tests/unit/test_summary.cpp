// The -c summary: the table's exact bytes, sorting, columns, timing sources, and the reporter's extras.
#include "trace/report/summary_reporter.hpp"
#include "trace/report/summary_table.hpp"
#include "trace/syscalls/table.hpp"

#include <doctest/doctest.h>

#include <cerrno>
#include <cstdio>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using trace::Nanos;
using trace::SummaryColumn;
using trace::SummarySort;
using trace::SyscallCounts;

constexpr Nanos kUs = 1000;
constexpr Nanos kSec = 1'000'000'000;

long nr_of(const char* name) {
    const trace::SyscallEntry* e = trace::find_syscall(std::string_view(name));
    REQUIRE(e != nullptr);
    return e->nr;
}

std::string render(const SyscallCounts& counts, const trace::SummaryFormat& format = {}) {
    fmt::memory_buffer out;
    trace::render_summary(out, counts, format);
    return fmt::to_string(out);
}

// The syscall names of a rendered default table, in row order.
std::vector<std::string> row_names(const std::string& table) {
    std::vector<std::string> names;
    std::size_t pos = 0;
    int dividers = 0;
    while (pos < table.size()) {
        const std::size_t end = table.find('\n', pos);
        const std::string line = table.substr(pos, end - pos);
        pos = end + 1;
        if (line.rfind("------", 0) == 0) {
            ++dividers;
            continue;
        }
        if (dividers == 1) names.push_back(line.substr(line.rfind(' ') + 1));
    }
    return names;
}

// read: 1 us (EAGAIN) + 3 us; write: 6 us; openat: twice 0 us, both ENOENT.
SyscallCounts sample_counts() {
    SyscallCounts c;
    c.add(nr_of("read"), 1 * kUs, 10 * kUs, EAGAIN);
    c.add(nr_of("read"), 3 * kUs, 30 * kUs, 0);
    c.add(nr_of("write"), 6 * kUs, 7 * kUs, 0);
    c.add(nr_of("openat"), 0, 1 * kUs, ENOENT);
    c.add(nr_of("openat"), 0, 2 * kUs, ENOENT);
    return c;
}

// A finished call of pid (also its tid) between entry and exit, using stime of system time.
trace::SyscallEvent call(const char* name, Nanos entry, Nanos exit, Nanos stime, int error = 0,
                         pid_t pid = 100) {
    trace::SyscallEvent e;
    e.tid = pid;
    e.pid = pid;
    e.nr = nr_of(name);
    e.entry = trace::find_syscall(e.nr);
    e.error = error;
    e.ret = error != 0 ? -error : 0;
    e.exited = true;
    e.entry_time = entry;
    e.exit_time = exit;
    e.entry_stime = 5 * kSec;
    e.exit_stime = 5 * kSec + stime;
    return e;
}

// A reporter writing to a temporary file, and what it wrote.
class Capture {
public:
    explicit Capture(trace::SummaryConfig config) : m_file(std::tmpfile()) {
        REQUIRE(m_file != nullptr);
        auto out = std::make_shared<trace::Output>(trace::Output::borrowed(fileno(m_file)));
        reporter = std::make_unique<trace::SummaryReporter>(std::move(config), std::move(out));
    }
    ~Capture() { std::fclose(m_file); }
    Capture(const Capture&) = delete;
    Capture& operator=(const Capture&) = delete;

    std::string text() {
        std::string s;
        std::rewind(m_file);
        char buf[4096];
        std::size_t n = 0;
        while ((n = std::fread(buf, 1, sizeof buf, m_file)) > 0)
            s.append(buf, n);
        return s;
    }

    std::unique_ptr<trace::SummaryReporter> reporter;

private:
    std::FILE* m_file;
};

} // namespace

TEST_CASE("summary::column_names") {
    CHECK(trace::summary_column_from_name("time") == SummaryColumn::time_percent);
    CHECK(trace::summary_column_from_name("time-percent") == SummaryColumn::time_percent);
    CHECK(trace::summary_column_from_name("total_time") == SummaryColumn::total_time);
    CHECK(trace::summary_column_from_name("shortest") == SummaryColumn::min_time);
    CHECK(trace::summary_column_from_name("longest") == SummaryColumn::max_time);
    CHECK(trace::summary_column_from_name("time-avg") == SummaryColumn::avg_time);
    CHECK(trace::summary_column_from_name("count") == SummaryColumn::calls);
    CHECK(trace::summary_column_from_name("error") == SummaryColumn::errors);
    CHECK(trace::summary_column_from_name("syscall-name") == SummaryColumn::name);
    CHECK(trace::summary_column_from_name("avg-wall") == SummaryColumn::wall_avg);
    CHECK_FALSE(trace::summary_column_from_name("nothing").has_value());
    CHECK_FALSE(trace::summary_column_from_name("bogus").has_value());
    CHECK_FALSE(trace::summary_column_from_name("").has_value());
}

TEST_CASE("summary::sort_names") {
    CHECK(trace::summary_sort_from_name("time") == SummarySort::time);
    CHECK(trace::summary_sort_from_name("total-time") == SummarySort::time);
    CHECK(trace::summary_sort_from_name("time_percent") == SummarySort::time);
    CHECK(trace::summary_sort_from_name("min-time") == SummarySort::min_time);
    CHECK(trace::summary_sort_from_name("longest") == SummarySort::max_time);
    CHECK(trace::summary_sort_from_name("avg_time") == SummarySort::avg_time);
    CHECK(trace::summary_sort_from_name("calls") == SummarySort::calls);
    CHECK(trace::summary_sort_from_name("errors") == SummarySort::errors);
    CHECK(trace::summary_sort_from_name("syscall") == SummarySort::name);
    CHECK(trace::summary_sort_from_name("nothing") == SummarySort::none);
    CHECK(trace::summary_sort_from_name("none") == SummarySort::none);
    CHECK(trace::summary_sort_from_name("wall-max") == SummarySort::wall_max);
    CHECK_FALSE(trace::summary_sort_from_name("fastest").has_value());
}

TEST_CASE("summary::default_table") {
    CHECK(render(sample_counts()) == "% time     seconds  usecs/call     calls    errors syscall\n"
                                     "------ ----------- ----------- --------- --------- ----------------\n"
                                     " 60.00    0.000006           6         1           write\n"
                                     " 40.00    0.000004           2         2         1 read\n"
                                     "  0.00    0.000000           0         2         2 openat\n"
                                     "------ ----------- ----------- --------- --------- ----------------\n"
                                     "100.00    0.000010           2         5         3 total\n");
}

TEST_CASE("summary::empty_table_prints_nothing") {
    CHECK(render(SyscallCounts{}).empty());
}

TEST_CASE("summary::all_zero_times") {
    SyscallCounts c;
    c.add(nr_of("close"), 0, 0, 0);
    c.add(nr_of("read"), 0, 0, 0);
    // Ties keep the order of syscall numbers; no error anywhere leaves the errors column blank.
    CHECK(render(c) == "% time     seconds  usecs/call     calls    errors syscall\n"
                       "------ ----------- ----------- --------- --------- ----------------\n"
                       "  0.00    0.000000           0         1           read\n"
                       "  0.00    0.000000           0         1           close\n"
                       "------ ----------- ----------- --------- --------- ----------------\n"
                       "100.00    0.000000           0         2           total\n");
}

TEST_CASE("summary::sort_keys") {
    // min / max / avg / calls / errors / name all differ between these three.
    SyscallCounts c;
    c.add(nr_of("read"), 5 * kUs, 50 * kUs, 0); // read: 1 call, 5 us
    c.add(nr_of("write"), 1 * kUs, 10 * kUs, EPIPE);
    c.add(nr_of("write"), 8 * kUs, 20 * kUs, EPIPE); // write: 2 calls, 9 us, min 1, max 8, avg 4.5
    c.add(nr_of("close"), 2 * kUs, 90 * kUs, 0);
    c.add(nr_of("close"), 2 * kUs, 1 * kUs, EBADF);
    c.add(nr_of("close"), 3 * kUs, 2 * kUs, 0); // close: 3 calls, 7 us, min 2, max 3, avg 2.33
    using V = std::vector<std::string>;
    auto order = [&c](SummarySort s) { return row_names(render(c, trace::SummaryFormat{{}, s, false})); };
    CHECK(order(SummarySort::time) == V{"write", "close", "read"});
    CHECK(order(SummarySort::min_time) == V{"read", "close", "write"});
    CHECK(order(SummarySort::max_time) == V{"write", "read", "close"});
    CHECK(order(SummarySort::avg_time) == V{"read", "write", "close"});
    CHECK(order(SummarySort::calls) == V{"close", "write", "read"});
    CHECK(order(SummarySort::errors) == V{"write", "close", "read"});
    CHECK(order(SummarySort::name) == V{"close", "read", "write"});
    CHECK(order(SummarySort::none) == V{"read", "write", "close"});
    // wall: read 50, write 30 (min 10, max 20, avg 15), close 93 (min 1, max 90, avg 31)
    CHECK(order(SummarySort::wall_total) == V{"close", "read", "write"});
    CHECK(order(SummarySort::wall_min) == V{"read", "write", "close"});
    CHECK(order(SummarySort::wall_max) == V{"close", "read", "write"});
    CHECK(order(SummarySort::wall_avg) == V{"read", "close", "write"});
}

TEST_CASE("summary::every_column") {
    trace::SummaryFormat f;
    f.sort = SummarySort::calls;
    f.columns = {SummaryColumn::name,       SummaryColumn::calls,       SummaryColumn::errors,
                 SummaryColumn::min_time,   SummaryColumn::max_time,    SummaryColumn::avg_time,
                 SummaryColumn::total_time, SummaryColumn::time_percent};
    CHECK(render(sample_counts(), f) ==
          "syscall              calls    errors shortest  longest  usecs/call     seconds % time\n"
          "---------------- --------- --------- -------- -------- ----------- ----------- ------\n"
          "read                     2         1 0.000001 0.000003           2    0.000004  40.00\n"
          "openat                   2         2 0.000000 0.000000           0    0.000000   0.00\n"
          "write                    1           0.000006 0.000006           6    0.000006  60.00\n"
          "---------------- --------- --------- -------- -------- ----------- ----------- ------\n"
          "total                    5         3 0.000000 0.000006           2    0.000010 100.00\n");

    f.columns = {SummaryColumn::wall_total, SummaryColumn::wall_min, SummaryColumn::wall_max,
                 SummaryColumn::wall_avg, SummaryColumn::name};
    CHECK(render(sample_counts(), f) == " wall-total wall-min wall-max    wall-avg syscall\n"
                                        "----------- -------- -------- ----------- ----------------\n"
                                        "   0.000040 0.000010 0.000030          20 read\n"
                                        "   0.000003 0.000001 0.000002           1 openat\n"
                                        "   0.000007 0.000007 0.000007           7 write\n"
                                        "----------- -------- -------- ----------- ----------------\n"
                                        "   0.000050 0.000001 0.000030          10 total\n");
}

TEST_CASE("summary::widths_grow") {
    SyscallCounts c;
    // 123456 s in one call, a long name, and a minimum over 10 s.
    c.add(nr_of("sched_get_priority_max"), 123456 * kSec, 0, 0);
    c.add(nr_of("read"), 12 * kSec, 0, 0);
    trace::SummaryFormat f;
    f.columns = {SummaryColumn::total_time, SummaryColumn::min_time, SummaryColumn::max_time,
                 SummaryColumn::avg_time,   SummaryColumn::name,     SummaryColumn::calls};
    CHECK(render(c, f) ==
          "      seconds      shortest       longest   usecs/call syscall                     calls\n"
          "------------- ------------- ------------- ------------ ----------------------- ---------\n"
          "123456.000000 123456.000000 123456.000000 123456000000 sched_get_priority_max          1\n"
          "    12.000000     12.000000     12.000000     12000000 read                            1\n"
          "------------- ------------- ------------- ------------ ----------------------- ---------\n"
          "123468.000000     12.000000 123456.000000  61734000000 total                           2\n");
}

TEST_CASE("summary::unknown_syscall_name") {
    CHECK(trace::summary_syscall_name(nr_of("read")) == "read");
    CHECK(trace::summary_syscall_name(400) == "syscall_0x190");
    SyscallCounts c;
    c.add(100000, 0, 0, ENOSYS);
    c.add(nr_of("write"), 0, 0, 0);
    CHECK(row_names(render(c, trace::SummaryFormat{{}, SummarySort::none, false})) ==
          std::vector<std::string>{"write", "syscall_0x186a0"});
}

TEST_CASE("summary::errno_breakdown") {
    SyscallCounts c = sample_counts();
    c.add(nr_of("read"), 0, 0, EINTR);
    c.add(nr_of("read"), 0, 0, EINTR);
    c.add(nr_of("read"), 0, 0, 4000); // no name
    trace::SummaryFormat f;
    f.errno_breakdown = true;
    const std::string text = render(c, f);
    const std::string table_end = "100.00    0.000010           1         8         6 total\n";
    REQUIRE(text.find(table_end) != std::string::npos);
    CHECK(text.substr(text.find(table_end) + table_end.size()) == "Errors:\n"
                                                                  "  read: 2 EINTR, 1 EAGAIN, 1 errno 4000\n"
                                                                  "  openat: 2 ENOENT\n");
    f.errno_breakdown = false;
    CHECK(render(c, f).find("Errors:") == std::string::npos);
}

TEST_CASE("summary::reporter_system_time_and_status") {
    trace::SummaryConfig config;
    Capture cap(config);
    auto& r = *cap.reporter;
    r.on_syscall_exit(call("write", 0, 50 * kUs, 6 * kUs));
    r.on_syscall_exit(call("read", 100 * kUs, 200 * kUs, 4 * kUs, EAGAIN));
    trace::SyscallEvent gone = call("exit_group", 300 * kUs, 400 * kUs, 0);
    gone.exited = false;
    gone.unfinished = true; // the process died in it: not counted
    r.on_syscall_exit(gone);
    r.on_finish();
    CHECK(cap.text() == "% time     seconds  usecs/call     calls    errors syscall\n"
                        "------ ----------- ----------- --------- --------- ----------------\n"
                        " 60.00    0.000006           6         1           write\n"
                        " 40.00    0.000004           4         1         1 read\n"
                        "------ ----------- ----------- --------- --------- ----------------\n"
                        "100.00    0.000010           5         2         1 total\n");
}

TEST_CASE("summary::reporter_wall_clock_and_overhead") {
    trace::SummaryConfig config;
    config.wall_clock = true;
    config.overhead = 10 * kUs;
    Capture cap(config);
    auto& r = *cap.reporter;
    r.on_syscall_exit(call("write", 0, 50 * kUs, 6 * kUs));         // 50 - 10 = 40 us
    r.on_syscall_exit(call("read", 100 * kUs, 105 * kUs, 4 * kUs)); // 5 - 10 -> 0
    r.on_finish();
    CHECK(cap.text() == "% time     seconds  usecs/call     calls    errors syscall\n"
                        "------ ----------- ----------- --------- --------- ----------------\n"
                        "100.00    0.000040          40         1           write\n"
                        "  0.00    0.000000           0         1           read\n"
                        "------ ----------- ----------- --------- --------- ----------------\n"
                        "100.00    0.000040          20         2           total\n");
}

TEST_CASE("summary::reporter_counts_only_selected_statuses") {
    trace::SummaryConfig config;
    config.count_successful = false; // -e status=failed / -Z
    Capture cap(config);
    cap.reporter->on_syscall_exit(call("write", 0, 50 * kUs, 6 * kUs));
    cap.reporter->on_syscall_exit(call("read", 100 * kUs, 200 * kUs, 4 * kUs, EAGAIN));
    cap.reporter->on_finish();
    CHECK(row_names(cap.text()) == std::vector<std::string>{"read"});
}

TEST_CASE("summary::reporter_nothing_counted_prints_nothing") {
    Capture cap(trace::SummaryConfig{});
    trace::SyscallEvent gone = call("exit_group", 0, 10, 0);
    gone.exited = false;
    cap.reporter->on_syscall_exit(gone);
    cap.reporter->on_finish();
    CHECK(cap.text().empty());
}

TEST_CASE("summary::per_pid") {
    trace::SummaryConfig config;
    config.per_pid = true;
    config.format.columns = {SummaryColumn::calls, SummaryColumn::errors, SummaryColumn::name};
    Capture cap(config);
    auto& r = *cap.reporter;
    r.on_syscall_exit(call("write", 0, 10, 0, 0, 200));
    r.on_syscall_exit(call("read", 0, 10, 0, EINTR, 100));
    r.on_syscall_exit(call("write", 0, 10, 0, 0, 200));
    trace::SyscallEvent thread = call("read", 0, 10, 0, 0, 100);
    thread.tid = 101; // a thread of process 100 counts with it
    r.on_syscall_exit(thread);
    r.on_finish();
    CHECK(cap.text() == "System call usage summary for pid 200:\n"
                        "    calls    errors syscall\n"
                        "--------- --------- ----------------\n"
                        "        2           write\n"
                        "--------- --------- ----------------\n"
                        "        2           total\n"
                        "\n"
                        "System call usage summary for pid 100:\n"
                        "    calls    errors syscall\n"
                        "--------- --------- ----------------\n"
                        "        2         1 read\n"
                        "--------- --------- ----------------\n"
                        "        2         1 total\n");
}

TEST_CASE("summary::interval") {
    trace::SummaryConfig config;
    config.interval = 1 * kSec;
    config.format.columns = {SummaryColumn::calls, SummaryColumn::name};
    Capture cap(config);
    auto& r = *cap.reporter;
    const Nanos t0 = 50 * kSec;
    r.on_process_start(trace::ProcessEvent{100, 100, 0, 0, false}); // no time: ignored
    r.on_process_start(trace::ProcessEvent{100, 100, 0, t0, false});
    r.on_syscall_exit(call("read", t0 + 100, t0 + 200, 0));
    r.on_syscall_exit(call("read", t0 + 300, t0 + 400, 0));
    // Entered in the first second, returned in the second: counted in the second.
    r.on_syscall_exit(call("write", t0 + kSec - 10, t0 + kSec + 10, 0));
    CHECK(cap.text() == "System call usage summary for 0.000 s to 1.000 s:\n"
                        "    calls syscall\n"
                        "--------- ----------------\n"
                        "        2 read\n"
                        "--------- ----------------\n"
                        "        2 total\n");
    r.on_tick(t0 + kSec + kSec / 2); // not yet the end of the second interval
    r.on_tick(t0 + 2 * kSec);
    // Nothing happens for a while: empty intervals print nothing.
    r.on_tick(t0 + 7 * kSec + 5);
    r.on_syscall_exit(call("close", t0 + 7 * kSec + 10, t0 + 7 * kSec + 1'500'000, 0));
    r.on_finish();
    CHECK(cap.text() == "System call usage summary for 0.000 s to 1.000 s:\n"
                        "    calls syscall\n"
                        "--------- ----------------\n"
                        "        2 read\n"
                        "--------- ----------------\n"
                        "        2 total\n"
                        "\n"
                        "System call usage summary for 1.000 s to 2.000 s:\n"
                        "    calls syscall\n"
                        "--------- ----------------\n"
                        "        1 write\n"
                        "--------- ----------------\n"
                        "        1 total\n"
                        "\n"
                        "System call usage summary for 7.000 s to 7.001 s:\n"
                        "    calls syscall\n"
                        "--------- ----------------\n"
                        "        1 close\n"
                        "--------- ----------------\n"
                        "        1 total\n");
}

TEST_CASE("summary::interval_per_pid") {
    trace::SummaryConfig config;
    config.interval = 2 * kSec;
    config.per_pid = true;
    config.format.columns = {SummaryColumn::name, SummaryColumn::calls};
    Capture cap(config);
    auto& r = *cap.reporter;
    const Nanos t0 = 10 * kSec;
    r.on_syscall_exit(call("read", t0, t0 + 100, 0, 0, 7));
    r.on_syscall_exit(call("read", t0 + 3 * kSec, t0 + 3 * kSec + 100, 0, 0, 8));
    r.on_finish();
    CHECK(cap.text() == "System call usage summary for pid 7, 0.000 s to 2.000 s:\n"
                        "syscall              calls\n"
                        "---------------- ---------\n"
                        "read                     1\n"
                        "---------------- ---------\n"
                        "total                    1\n"
                        "\n"
                        "System call usage summary for pid 8, 2.000 s to 3.000 s:\n"
                        "syscall              calls\n"
                        "---------------- ---------\n"
                        "read                     1\n"
                        "---------------- ---------\n"
                        "total                    1\n");
}
