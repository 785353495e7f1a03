// --stats: histograms, latency, epoll, reads, sleeps and the non-blocking table.
#include "trace/report/histogram.hpp"
#include "trace/report/stats.hpp"

#include <cerrno>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <sys/socket.h>
#include <time.h>

using namespace trace;

namespace {

constexpr Nanos kUs = 1000;

std::string render(const Log2Histogram& h) {
    fmt::memory_buffer out;
    h.render(out);
    return fmt::to_string(out);
}

std::string render(const StatsReporter& r) {
    fmt::memory_buffer out;
    r.render(out);
    return fmt::to_string(out);
}

Value ts_value(std::int64_t sec, std::int64_t nsec) {
    return Value::structure().add("tv_sec", Value::signed_int(sec)).add("tv_nsec", Value::signed_int(nsec));
}

class Driver {
public:
    explicit Driver(Reporter& r) : m_r(r) {}
    void call(pid_t pid, const char* name, std::vector<std::uint64_t> args, std::int64_t ret, Nanos took,
              std::vector<Value> values = {}) {
        SyscallEvent e;
        e.tid = pid;
        e.pid = pid;
        e.entry = find_syscall(name);
        REQUIRE(e.entry != nullptr);
        e.nr = e.entry->nr;
        for (std::size_t i = 0; i < args.size(); ++i)
            e.args[i] = args[i];
        e.values = std::move(values);
        e.ret = ret;
        e.error = ret < 0 && ret >= -4095 ? static_cast<int>(-ret) : 0;
        e.exited = true;
        e.entry_time = m_now;
        e.exit_time = m_now + took;
        m_now += took + kUs;
        m_r.on_syscall_entry(e);
        m_r.on_syscall_exit(e);
    }

private:
    Reporter& m_r;
    Nanos m_now = 1'000'000'000;
};

FdTrackerConfig no_proc() {
    FdTrackerConfig c;
    c.resolver = nullptr;
    c.describer = nullptr;
    return c;
}

} // namespace

TEST_CASE("histogram::Log2Histogram buckets and labels") {
    CHECK(Log2Histogram::bucket_of(0) == 0);
    CHECK(Log2Histogram::bucket_of(1) == 1);
    CHECK(Log2Histogram::bucket_of(2) == 2);
    CHECK(Log2Histogram::bucket_of(3) == 2);
    CHECK(Log2Histogram::bucket_of(4) == 3);
    CHECK(Log2Histogram::bucket_of(1023) == 10);
    CHECK(Log2Histogram::bucket_of(1024) == 11);
    CHECK(Log2Histogram::label(0) == "[0]");
    CHECK(Log2Histogram::label(1) == "[1]");
    CHECK(Log2Histogram::label(2) == "[2, 4)");
    CHECK(Log2Histogram::label(10) == "[512, 1K)");
    CHECK(Log2Histogram::label(11) == "[1K, 2K)");
    CHECK(Log2Histogram::label(21) == "[1M, 2M)");
    CHECK(Log2Histogram::label(64) == "[8E, ...)");
}

TEST_CASE(
    "histogram::Log2Histogram rows from the lowest to the highest bucket used, bars scaled to the peak") {
    Log2Histogram h;
    h.add(2);
    h.add(3, 3);
    h.add(9);
    CHECK(h.count() == 5);
    CHECK(h.sum() == 2 + 9 + 9);
    CHECK(render(h) == "[2, 4)                 4 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
                       "[4, 8)                 0 |                                                    |\n"
                       "[8, 16)                1 |@@@@@@@@@@@@@                                       |\n");
    CHECK(render(Log2Histogram{}).empty());
}

TEST_CASE("stats::latency overall and per process") {
    StatsReporter r(nullptr, no_proc());
    Driver d(r);
    d.call(1, "getpid", {}, 1, 3 * kUs);
    d.call(1, "getpid", {}, 1, 5 * kUs);
    d.call(2, "getpid", {}, 2, 500);
    const long getpid = find_syscall("getpid")->nr;
    const LatencyStats& s = r.latency().at(getpid);
    CHECK(s.micros.count() == 3);
    CHECK(s.total == 8500);
    CHECK(s.min == 500);
    CHECK(s.max == 5000);
    const std::string text = render(r);
    CHECK(text.find(
              "getpid: 3 calls, total 0.000008 s, avg 2.833 us, min 0.500 us, max 5.000 us; latency in us:\n"
              "  [0]                    1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
              "  [1]                    0 |                                                    |\n"
              "  [2, 4)                 1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
              "  [4, 8)                 1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n") !=
          std::string::npos);
    CHECK(text.find("=== syscall latency by process ===\nprocess 1:\n  getpid: 2 calls") !=
          std::string::npos);
    CHECK(text.find("process 2:\n  getpid: 1 call,") != std::string::npos);
}

TEST_CASE("stats::epoll: full buffers, (maxevents, returned), (timeout, returned), errors") {
    StatsReporter r(nullptr, no_proc());
    Driver d(r);
    d.call(1, "epoll_wait", {3, 0x1000, 8, static_cast<std::uint64_t>(-1)}, 8, kUs);
    d.call(1, "epoll_wait", {3, 0x1000, 8, 100}, 0, kUs);
    d.call(1, "epoll_wait", {3, 0x1000, 8, 100}, 0, kUs);
    d.call(1, "epoll_wait", {3, 0x1000, 8, 100}, -EINTR, kUs);
    d.call(1, "epoll_pwait2", {3, 0x1000, 4, 0x2000, 0, 8}, 1, kUs,
           {Value::fd(3), Value::address(0x1000), Value::signed_int(4), ts_value(1, 500'000'000)});
    const EpollStats& s = r.epoll().at(find_syscall("epoll_wait")->nr);
    CHECK(s.calls == 4);
    CHECK(s.full == 1);
    CHECK(s.failed == 1);
    CHECK(s.by_maxevents.at({8, 0}) == 2);
    CHECK(s.by_timeout.at({kTimeoutInfinite, 8}) == 1);
    CHECK(s.by_timeout.at({100, 0}) == 2);
    CHECK(s.errnos.at(EINTR) == 1);
    CHECK(r.epoll().at(find_syscall("epoll_pwait2")->nr).by_timeout.at({1500, 1}) == 1);
    const std::string text = render(r);
    CHECK(text.find(
              "epoll_wait: 4 calls, 1 call returned maxevents events (33.3% of the successful calls): the "
              "events buffer may be too small, 1 failed\n"
              "  by maxevents:\n"
              "       maxevents  returned events      calls\n"
              "               8                0          2\n"
              "               8                8          1\n"
              "  by timeout:\n"
              "         timeout  returned events      calls\n"
              "          100 ms                0          2\n"
              "        infinite                8          1\n"
              "  errors: EINTR 1 call\n") != std::string::npos);
}

TEST_CASE("stats::reads per fd: requested sizes, returned bytes, filled buffers") {
    StatsReporter r(nullptr, no_proc());
    Driver d(r);
    d.call(1, "socket", {AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0}, 3, kUs);
    d.call(1, "recvfrom", {3, 0x1000, 1024, 0, 0, 0}, 1024, kUs);
    d.call(1, "recvfrom", {3, 0x1000, 1024, 0, 0, 0}, 100, kUs);
    d.call(1, "recvfrom", {3, 0x1000, 1024, 0, 0, 0}, -EAGAIN, kUs);
    d.call(1, "read", {3, 0x1000, 16}, 16, kUs);
    d.call(1, "write", {3, 0x1000, 16}, 16, kUs);
    REQUIRE(r.reads().size() == 1);
    const ReadStats& s = r.reads().begin()->second;
    CHECK(s.calls == 4);
    CHECK(s.filled == 2);
    CHECK(s.failed == 1);
    CHECK(s.eagain == 1);
    CHECK(s.requested.at(1024) == 3);
    CHECK(s.returned.count() == 3);
    const std::string text = render(r);
    CHECK(text.find("pid 1 fd 3 (socket AF_INET SOCK_STREAM): 4 calls, buffer filled 2 times (66.7% of the "
                    "successful calls), 1 failed (1 EAGAIN)\n"
                    "  bytes requested: 1024 bytes x 3 calls, 16 bytes x 1 call\n"
                    "  bytes returned:\n") != std::string::npos);
}

TEST_CASE("stats::sleeps: requested durations, absolute deadlines, futex waits, EINTR") {
    StatsReporter r(nullptr, no_proc());
    Driver d(r);
    d.call(1, "nanosleep", {0x1000, 0}, 0, 1200 * kUs, {ts_value(0, 1'000'000), Value::address(0)});
    d.call(1, "nanosleep", {0x1000, 0x2000}, -EINTR, 10 * kUs,
           {ts_value(0, 1'000'000), Value::address(0x2000)});
    d.call(1, "clock_nanosleep", {CLOCK_MONOTONIC, TIMER_ABSTIME, 0x1000, 0}, 0, 5 * kUs,
           {Value::symbol("CLOCK_MONOTONIC", 1), Value::symbol("TIMER_ABSTIME", 1), ts_value(100, 0),
            Value::address(0)});
    d.call(1, "futex", {0x1000, FUTEX_WAIT_PRIVATE, 0, 0, 0, 0}, 0, kUs);
    d.call(1, "futex", {0x1000, FUTEX_WAIT, 0, 0x2000, 0, 0}, -ETIMEDOUT, 2 * kUs);
    d.call(1, "futex", {0x1000, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0}, 0, kUs);
    const SleepStats& n = r.sleeps().at("nanosleep");
    CHECK(n.calls == 2);
    CHECK(n.interrupted == 1);
    CHECK(n.requested.count() == 2);
    CHECK(n.requested.min() == 1000);
    CHECK(n.slept.max() == 1200);
    CHECK(r.sleeps().at("clock_nanosleep").absolute == 1);
    const SleepStats& f = r.sleeps().at("futex wait");
    CHECK(f.calls == 2);
    CHECK(f.no_timeout == 1);
    CHECK(f.timed_out == 1);
    CHECK(f.unknown == 1); // its timespec was not decoded
    const std::string text = render(r);
    CHECK(
        text.find("futex wait: 2 calls, 0 interrupted (EINTR), 1 timed out (ETIMEDOUT), 1 without a timeout, "
                  "1 not decoded\n") != std::string::npos);
    CHECK(text.find("nanosleep: 2 calls, 1 interrupted (EINTR)\n  requested, us:\n"
                    "  [512, 1K)              2 |") != std::string::npos);
}

TEST_CASE("stats::non-blocking mode of sockets, pipes and files") {
    StatsReporter r(nullptr, no_proc());
    Driver d(r);
    d.call(1, "socket", {AF_INET, SOCK_STREAM, 0}, 3, kUs);
    d.call(1, "fcntl", {3, F_SETFL, O_RDWR | O_NONBLOCK}, 0, kUs);
    d.call(1, "socket", {AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0}, 4, kUs);
    d.call(1, "openat", {static_cast<std::uint64_t>(AT_FDCWD), 0x1000, O_RDONLY}, 5, kUs,
           {Value::symbol("AT_FDCWD", 0), Value::string("/etc/hosts", false)});
    d.call(1, "openat", {static_cast<std::uint64_t>(AT_FDCWD), 0x1000, O_RDONLY | O_NONBLOCK}, 6, kUs,
           {Value::symbol("AT_FDCWD", 0), Value::string("/dev/tty", false)});
    const std::string text = render(r);
    CHECK(text.find("=== non-blocking mode of sockets, pipes and files ===\n"
                    "    pid    fd  kind    mode          set by           what\n"
                    "      1     3  socket  non-blocking  fcntl(F_SETFL)   socket AF_INET SOCK_STREAM\n"
                    "      1     4  socket  non-blocking  creation         socket AF_UNIX SOCK_DGRAM\n"
                    "      1     6  file    non-blocking  creation         /dev/tty\n"
                    "1 file opened in blocking mode (not listed)\n") != std::string::npos);
}
