#include "syscall_fixture.hpp"
#include "trace/decode/time.hpp"

#include <cerrno>
#include <doctest/doctest.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/times.h>
#include <time.h>

using trace::test::bytes_of;
using trace::test::SyscallCall;

namespace {

constexpr std::int64_t kErestartsys = -512;
constexpr std::int64_t kErestartRestartblock = -516;

} // namespace

TEST_CASE("decode::nanosleep") {
    SUBCASE("the remaining time is an address unless a signal cut the sleep") {
        SyscallCall call("nanosleep", {0x1000, 0x2000});
        call.mem.map(0x1000, bytes_of(timespec{2, 0}));
        call.mem.map(0x2000, bytes_of(timespec{1, 990024428}));
        CHECK(call.entry() == "nanosleep({tv_sec=2, tv_nsec=0}, ");
        CHECK(call.exit_with(0) == "nanosleep({tv_sec=2, tv_nsec=0}, 0x2000) = 0");
    }
    SUBCASE("interrupted") {
        SyscallCall call("nanosleep", {0x1000, 0x2000});
        call.mem.map(0x1000, bytes_of(timespec{2, 0}));
        call.mem.map(0x2000, bytes_of(timespec{1, 990024428}));
        CHECK(call.exit_with(kErestartRestartblock) ==
              "nanosleep({tv_sec=2, tv_nsec=0}, {tv_sec=1, tv_nsec=990024428}) = -1");
    }
    SUBCASE("unreadable and NULL") {
        SyscallCall call("nanosleep", {0x8, 0});
        CHECK(call.exit_with(-EFAULT) == "nanosleep(0x8, NULL) = -1");
        SyscallCall shortread("nanosleep", {0x1000, 0});
        shortread.mem.map(0x1000, bytes_of(timespec{2, 0}).substr(0, 12));
        CHECK(shortread.exit_with(0) == "nanosleep(0x1000, NULL) = 0");
    }
}

TEST_CASE("decode::clock_nanosleep") {
    SyscallCall rel("clock_nanosleep", {CLOCK_REALTIME, 0, 0x1000, 0x2000});
    rel.mem.map(0x1000, bytes_of(timespec{2, 0}));
    rel.mem.map(0x2000, bytes_of(timespec{1, 5}));
    CHECK(rel.exit_with(kErestartsys) ==
          "clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=2, tv_nsec=0}, {tv_sec=1, tv_nsec=5}) = -1");
    // an absolute sleep leaves the remaining time alone
    SyscallCall abs("clock_nanosleep", {CLOCK_MONOTONIC, TIMER_ABSTIME | 4, 0x1000, 0x2000});
    abs.mem.map(0x1000, bytes_of(timespec{2, 0}));
    abs.mem.map(0x2000, bytes_of(timespec{1, 5}));
    CHECK(abs.exit_with(kErestartsys) ==
          "clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME|0x4, {tv_sec=2, tv_nsec=0}, 0x2000) = -1");
}

TEST_CASE("decode::clock_gettime") {
    SyscallCall call("clock_gettime", {CLOCK_BOOTTIME, 0x1000});
    call.mem.map(0x1000, bytes_of(timespec{3524, 44328132}));
    CHECK(call.entry() == "clock_gettime(CLOCK_BOOTTIME, ");
    CHECK(call.exit_with(0) == "clock_gettime(CLOCK_BOOTTIME, {tv_sec=3524, tv_nsec=44328132}) = 0");
    SyscallCall bad("clock_gettime", {77, 0x1000});
    bad.mem.map(0x1000, bytes_of(timespec{1, 1}));
    CHECK(bad.exit_with(-EINVAL) == "clock_gettime(0x4d /* CLOCK_??? */, 0x1000) = -1");
    SyscallCall cpu("clock_getres", {0xfffffffe, 0x1000});
    cpu.mem.map(0x1000, bytes_of(timespec{0, 1}));
    CHECK(cpu.exit_with(0) == "clock_getres(0xfffffffe /* CLOCK_??? */, {tv_sec=0, tv_nsec=1}) = 0");
}

TEST_CASE("decode::itimers") {
    SyscallCall set("setitimer", {ITIMER_REAL, 0x1000, 0x2000});
    set.mem.map(0x1000, bytes_of(itimerval{{0, 0}, {0, 200000}}));
    set.mem.map(0x2000, bytes_of(itimerval{{1, 2}, {3, 4}}));
    CHECK(
        set.entry() ==
        "setitimer(ITIMER_REAL, {it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=0, tv_usec=200000}}, ");
    CHECK(set.exit_with(0) ==
          "setitimer(ITIMER_REAL, {it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=0, "
          "tv_usec=200000}}, {it_interval={tv_sec=1, tv_usec=2}, it_value={tv_sec=3, "
          "tv_usec=4}}) = 0");
    SyscallCall bad("setitimer", {9, 0x1000, 0});
    bad.mem.map(0x1000, bytes_of(itimerval{}));
    CHECK(bad.exit_with(-EINVAL) == "setitimer(0x9 /* ITIMER_??? */, {it_interval={tv_sec=0, tv_usec=0}, "
                                    "it_value={tv_sec=0, tv_usec=0}}, NULL) = -1");
    SyscallCall get("getitimer", {ITIMER_PROF, 0x2000});
    get.mem.map(0x2000, bytes_of(itimerval{}).substr(0, 31));
    CHECK(get.exit_with(0) == "getitimer(ITIMER_PROF, 0x2000) = 0");
}

TEST_CASE("decode::timerfd") {
    SyscallCall create("timerfd_create", {CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK});
    CHECK(create.exit_with(3) == "timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC|TFD_NONBLOCK) = 3");
    SyscallCall set("timerfd_settime", {3, TFD_TIMER_ABSTIME, 0x1000, 0});
    set.mem.map(0x1000, bytes_of(itimerspec{{1, 0}, {2, 500}}));
    CHECK(set.exit_with(0) == "timerfd_settime(3, TFD_TIMER_ABSTIME, {it_interval={tv_sec=1, tv_nsec=0}, "
                              "it_value={tv_sec=2, tv_nsec=500}}, NULL) = 0");
    SyscallCall get("timerfd_gettime", {3, 0x2000});
    get.mem.map(0x2000, bytes_of(itimerspec{}));
    CHECK(get.exit_with(-EBADF) == "timerfd_gettime(3, 0x2000) = -1");
}

TEST_CASE("decode::times_and_gettimeofday") {
    SyscallCall t("times", {0x1000});
    t.mem.map(0x1000, bytes_of(tms{1, 2, 3, 4}));
    CHECK(t.exit_with(1718309298) ==
          "times({tms_utime=1, tms_stime=2, tms_cutime=3, tms_cstime=4}) = 1718309298");
    SyscallCall g("gettimeofday", {0x1000, 0x2000});
    g.mem.map(0x1000, bytes_of(timeval{1795923891, 400230}));
    struct timezone tz {
        - 60, 0
    };
    g.mem.map(0x2000, bytes_of(tz));
    CHECK(g.exit_with(0) ==
          "gettimeofday({tv_sec=1795923891, tv_usec=400230}, {tz_minuteswest=-60, tz_dsttime=0}) = 0");
}

TEST_CASE("decode::time") {
    setenv("TZ", "UTC", 1);
    tzset();
    SyscallCall t("time", {0x1000});
    t.mem.map(0x1000, bytes_of(std::int64_t{1795923891}));
    CHECK(t.exit_with(1795923891) ==
          "time([1795923891 /* 2026-11-29T03:44:51+0000 */]) = 1795923891 (2026-11-29T03:44:51+0000)");
    SyscallCall null("time", {0});
    CHECK(null.exit_with(0) == "time(NULL) = 0 (1970-01-01T00:00:00+0000)");
}
