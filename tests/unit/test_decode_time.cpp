#include "call_fixture.hpp"
#include "trace/decode/time.hpp"

#include <cerrno>
#include <doctest/doctest.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/times.h>
#include <time.h>

using trace::test::Call;
using trace::test::raw_bytes;

namespace {

constexpr std::int64_t kErestartsys = -512;
constexpr std::int64_t kErestartRestartblock = -516;

} // namespace

TEST_CASE("decode::nanosleep") {
    SUBCASE("the remaining time is an address unless a signal cut the sleep") {
        Call call("nanosleep", {0x1000, 0x2000});
        call.mem.map(0x1000, raw_bytes(timespec{2, 0}));
        call.mem.map(0x2000, raw_bytes(timespec{1, 990024428}));
        CHECK(call.entry() == "nanosleep({tv_sec=2, tv_nsec=0}, ");
        CHECK(call.exit_with(0) == "nanosleep({tv_sec=2, tv_nsec=0}, 0x2000) = 0");
    }
    SUBCASE("interrupted") {
        Call call("nanosleep", {0x1000, 0x2000});
        call.mem.map(0x1000, raw_bytes(timespec{2, 0}));
        call.mem.map(0x2000, raw_bytes(timespec{1, 990024428}));
        CHECK(call.exit_with(kErestartRestartblock) ==
              "nanosleep({tv_sec=2, tv_nsec=0}, {tv_sec=1, tv_nsec=990024428}) = ? "
              "ERESTART_RESTARTBLOCK (Interrupted by signal)");
    }
    SUBCASE("unreadable and NULL") {
        Call call("nanosleep", {0x8, 0});
        CHECK(call.exit_with(-EFAULT) == "nanosleep(0x8, NULL) = -1");
        Call shortread("nanosleep", {0x1000, 0});
        shortread.mem.map(0x1000, raw_bytes(timespec{2, 0}).substr(0, 12));
        CHECK(shortread.exit_with(0) == "nanosleep(0x1000, NULL) = 0");
    }
}

TEST_CASE("decode::clock_nanosleep") {
    Call rel("clock_nanosleep", {CLOCK_REALTIME, 0, 0x1000, 0x2000});
    rel.mem.map(0x1000, raw_bytes(timespec{2, 0}));
    rel.mem.map(0x2000, raw_bytes(timespec{1, 5}));
    CHECK(rel.exit_with(kErestartsys) ==
          "clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=2, tv_nsec=0}, {tv_sec=1, tv_nsec=5}) = ? "
          "ERESTARTSYS (To be restarted if SA_RESTART is set)");
    // an absolute sleep leaves the remaining time alone
    Call abs("clock_nanosleep", {CLOCK_MONOTONIC, TIMER_ABSTIME | 4, 0x1000, 0x2000});
    abs.mem.map(0x1000, raw_bytes(timespec{2, 0}));
    abs.mem.map(0x2000, raw_bytes(timespec{1, 5}));
    CHECK(abs.exit_with(kErestartsys) ==
          "clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME|0x4, {tv_sec=2, tv_nsec=0}, 0x2000) = ? "
          "ERESTARTSYS (To be restarted if SA_RESTART is set)");
}

TEST_CASE("decode::clock_gettime") {
    Call call("clock_gettime", {CLOCK_BOOTTIME, 0x1000});
    call.mem.map(0x1000, raw_bytes(timespec{3524, 44328132}));
    CHECK(call.entry() == "clock_gettime(CLOCK_BOOTTIME, ");
    CHECK(call.exit_with(0) == "clock_gettime(CLOCK_BOOTTIME, {tv_sec=3524, tv_nsec=44328132}) = 0");
    Call bad("clock_gettime", {77, 0x1000});
    bad.mem.map(0x1000, raw_bytes(timespec{1, 1}));
    CHECK(bad.exit_with(-EINVAL) == "clock_gettime(0x4d /* CLOCK_??? */, 0x1000) = -1");
    Call cpu("clock_getres", {0xfffffffe, 0x1000});
    cpu.mem.map(0x1000, raw_bytes(timespec{0, 1}));
    CHECK(cpu.exit_with(0) == "clock_getres(0xfffffffe /* CLOCK_??? */, {tv_sec=0, tv_nsec=1}) = 0");
}

TEST_CASE("decode::itimers") {
    Call set("setitimer", {ITIMER_REAL, 0x1000, 0x2000});
    set.mem.map(0x1000, raw_bytes(itimerval{{0, 0}, {0, 200000}}));
    set.mem.map(0x2000, raw_bytes(itimerval{{1, 2}, {3, 4}}));
    CHECK(
        set.entry() ==
        "setitimer(ITIMER_REAL, {it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=0, tv_usec=200000}}, ");
    CHECK(set.exit_with(0) ==
          "setitimer(ITIMER_REAL, {it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=0, "
          "tv_usec=200000}}, {it_interval={tv_sec=1, tv_usec=2}, it_value={tv_sec=3, "
          "tv_usec=4}}) = 0");
    Call bad("setitimer", {9, 0x1000, 0});
    bad.mem.map(0x1000, raw_bytes(itimerval{}));
    CHECK(bad.exit_with(-EINVAL) == "setitimer(0x9 /* ITIMER_??? */, {it_interval={tv_sec=0, tv_usec=0}, "
                                    "it_value={tv_sec=0, tv_usec=0}}, NULL) = -1");
    Call get("getitimer", {ITIMER_PROF, 0x2000});
    get.mem.map(0x2000, raw_bytes(itimerval{}).substr(0, 31));
    CHECK(get.exit_with(0) == "getitimer(ITIMER_PROF, 0x2000) = 0");
}

TEST_CASE("decode::timerfd") {
    Call create("timerfd_create", {CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK});
    CHECK(create.exit_with(3) == "timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC|TFD_NONBLOCK) = 3");
    Call set("timerfd_settime", {3, TFD_TIMER_ABSTIME, 0x1000, 0});
    set.mem.map(0x1000, raw_bytes(itimerspec{{1, 0}, {2, 500}}));
    CHECK(set.exit_with(0) == "timerfd_settime(3, TFD_TIMER_ABSTIME, {it_interval={tv_sec=1, tv_nsec=0}, "
                              "it_value={tv_sec=2, tv_nsec=500}}, NULL) = 0");
    Call get("timerfd_gettime", {3, 0x2000});
    get.mem.map(0x2000, raw_bytes(itimerspec{}));
    CHECK(get.exit_with(-EBADF) == "timerfd_gettime(3, 0x2000) = -1");
}

TEST_CASE("decode::times_and_gettimeofday") {
    Call t("times", {0x1000});
    t.mem.map(0x1000, raw_bytes(tms{1, 2, 3, 4}));
    CHECK(t.exit_with(1718309298) ==
          "times({tms_utime=1, tms_stime=2, tms_cutime=3, tms_cstime=4}) = 1718309298");
    Call g("gettimeofday", {0x1000, 0x2000});
    g.mem.map(0x1000, raw_bytes(timeval{1795923891, 400230}));
    struct timezone tz {
        - 60, 0
    };
    g.mem.map(0x2000, raw_bytes(tz));
    CHECK(g.exit_with(0) ==
          "gettimeofday({tv_sec=1795923891, tv_usec=400230}, {tz_minuteswest=-60, tz_dsttime=0}) = 0");
}

TEST_CASE("decode::time") {
    setenv("TZ", "UTC", 1);
    tzset();
    Call t("time", {0x1000});
    t.mem.map(0x1000, raw_bytes(std::int64_t{1795923891}));
    CHECK(t.exit_with(1795923891) ==
          "time([1795923891 /* 2026-11-29T03:44:51+0000 */]) = 1795923891 (2026-11-29T03:44:51+0000)");
    Call null("time", {0});
    CHECK(null.exit_with(0) == "time(NULL) = 0 (1970-01-01T00:00:00+0000)");
}
