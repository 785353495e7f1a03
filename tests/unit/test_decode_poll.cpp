#include "call_fixture.hpp"
#include "trace/decode/poll.hpp"

#include <array>
#include <cerrno>
#include <csignal>
#include <doctest/doctest.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>

using trace::test::Call;
using trace::test::raw_bytes;

namespace {

std::string pollfds(std::initializer_list<pollfd> fds) {
    std::string out;
    for (const pollfd& f : fds)
        out += raw_bytes(f);
    return out;
}

std::string fdset(std::initializer_list<int> fds) {
    std::uint64_t bits = 0;
    for (const int fd : fds)
        bits |= std::uint64_t{1} << fd;
    return raw_bytes(bits);
}

} // namespace

TEST_CASE("decode::poll") {
    SUBCASE("the pollfds at entry, the ready ones after the return value") {
        Call call("poll", {0x1000, 3, 100});
        call.mem.map(0x1000, pollfds({{3, POLLIN, 0}, {4, POLLOUT | POLLPRI, 0}, {-1, POLLIN, 0}}));
        CHECK(call.entry() ==
              "poll([{fd=3, events=POLLIN}, {fd=4, events=POLLPRI|POLLOUT}, {fd=-1}], 3, 100");
        call.mem.map(0x1000,
                     pollfds({{3, POLLIN, POLLIN}, {4, POLLOUT | POLLPRI, POLLOUT}, {-1, POLLIN, 0}}));
        CHECK(call.exit_with(2) ==
              "poll([{fd=3, events=POLLIN}, {fd=4, events=POLLPRI|POLLOUT}, {fd=-1}], 3, 100) = 2 "
              "([{fd=3, revents=POLLIN}, {fd=4, revents=POLLOUT}])");
    }
    SUBCASE("timeout, failure, unreadable") {
        Call none("poll", {0x1000, 0, 0});
        CHECK(none.exit_with(0) == "poll([], 0, 0) = 0 (Timeout)");
        Call bad("poll", {0x8, 1, 0});
        CHECK(bad.exit_with(-EFAULT) == "poll(0x8, 1, 0) = -1");
        Call partial("poll", {0x1000, 2, -1});
        partial.mem.map(0x1000, pollfds({{3, POLLIN, POLLHUP}}));
        CHECK(
            partial.exit_with(1) ==
            "poll([{fd=3, events=POLLIN}, ... /* 0x1008 */], 2, -1) = 1 ([{fd=3, revents=POLLHUP}, 0x1008])");
    }
    SUBCASE("more than -s elements") {
        Call call("poll", {0x1000, 3, 0});
        call.opts.string_limit = 2;
        call.mem.map(0x1000, pollfds({{3, POLLIN, POLLIN}, {4, POLLIN, POLLIN}, {5, POLLIN, POLLIN}}));
        CHECK(call.exit_with(3) ==
              "poll([{fd=3, events=POLLIN}, {fd=4, events=POLLIN}, ...], 3, 0) = 3 ([{fd=3, "
              "revents=POLLIN}, {fd=4, revents=POLLIN}, ...])");
    }
}

TEST_CASE("decode::ppoll") {
    Call call("ppoll", {0x1000, 1, 0x2000, 0x3000, 8});
    call.mem.map(0x1000, pollfds({{3, POLLIN, 0}}));
    call.mem.map(0x2000, raw_bytes(timespec{1, 0}));
    call.mem.map(0x3000, raw_bytes(std::uint64_t{1} << (SIGUSR1 - 1)));
    CHECK(call.entry() == "ppoll([{fd=3, events=POLLIN}], 1, {tv_sec=1, tv_nsec=0}, [USR1], 8");
    call.mem.map(0x1000, pollfds({{3, POLLIN, POLLIN}}));
    call.mem.map(0x2000, raw_bytes(timespec{0, 999}));
    CHECK(call.exit_with(1) ==
          "ppoll([{fd=3, events=POLLIN}], 1, {tv_sec=1, tv_nsec=0}, [USR1], 8) = 1 ([{fd=3, "
          "revents=POLLIN}], left {tv_sec=0, tv_nsec=999})");
    Call timeout("ppoll", {0x1000, 1, 0x2000, 0, 8});
    timeout.mem.map(0x1000, pollfds({{3, POLLIN, 0}}));
    timeout.mem.map(0x2000, raw_bytes(timespec{0, 0}));
    CHECK(timeout.exit_with(0) ==
          "ppoll([{fd=3, events=POLLIN}], 1, {tv_sec=0, tv_nsec=0}, NULL, 8) = 0 (Timeout)");
}

TEST_CASE("decode::select") {
    Call call("select", {5, 0x1000, 0x2000, 0, 0x3000});
    call.mem.map(0x1000, fdset({0, 3}));
    call.mem.map(0x2000, fdset({4}));
    call.mem.map(0x3000, raw_bytes(timeval{2, 0}));
    CHECK(call.entry() == "select(5, [0 3], [4], NULL, {tv_sec=2, tv_usec=0}");
    call.mem.map(0x1000, fdset({3}));
    call.mem.map(0x3000, raw_bytes(timeval{1, 5}));
    CHECK(call.exit_with(2) ==
          "select(5, [0 3], [4], NULL, {tv_sec=2, tv_usec=0}) = 2 (in [3], out [4], left {tv_sec=1, "
          "tv_usec=5})");
    Call timeout("select", {1, 0, 0, 0, 0x3000});
    timeout.mem.map(0x3000, raw_bytes(timeval{0, 0}));
    CHECK(timeout.exit_with(0) == "select(1, NULL, NULL, NULL, {tv_sec=0, tv_usec=0}) = 0 (Timeout)");
    Call bad("select", {70, 0x8, 0, 0, 0});
    CHECK(bad.exit_with(-EFAULT) == "select(70, 0x8, NULL, NULL, NULL) = -1");
    // as many ready descriptors as it returned
    Call some("select", {5, 0x1000, 0, 0, 0});
    some.mem.map(0x1000, fdset({1, 2, 3}));
    CHECK(some.exit_with(2) == "select(5, [1 2 3], NULL, NULL, NULL) = 2 (in [1 2])");
}

TEST_CASE("decode::pselect6") {
    Call call("pselect6", {5, 0x1000, 0, 0, 0x3000, 0x4000});
    call.mem.map(0x1000, fdset({3}));
    call.mem.map(0x3000, raw_bytes(timespec{1, 0}));
    call.mem.map(0x4000, raw_bytes(std::array<std::uint64_t, 2>{0x5000, 8}));
    call.mem.map(0x5000, raw_bytes(std::uint64_t{1} << (SIGUSR1 - 1)));
    CHECK(call.exit_with(1) ==
          "pselect6(5, [3], NULL, NULL, {tv_sec=1, tv_nsec=0}, {sigmask=[USR1], sigsetsize=8}) = "
          "1 (in [3], left {tv_sec=1, tv_nsec=0})");
}

TEST_CASE("decode::epoll") {
    Call create("epoll_create1", {EPOLL_CLOEXEC});
    CHECK(create.exit_with(5) == "epoll_create1(EPOLL_CLOEXEC) = 5");
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLET;
    ev.data.u64 = 0x1234567890;
    Call ctl("epoll_ctl", {5, EPOLL_CTL_ADD, 3, 0x1000});
    ctl.mem.map(0x1000, raw_bytes(ev));
    CHECK(ctl.exit_with(0) ==
          "epoll_ctl(5, EPOLL_CTL_ADD, 3, {events=EPOLLIN|EPOLLET, data=0x1234567890}) = 0");
    Call del("epoll_ctl", {5, EPOLL_CTL_DEL, 3, 0x1000});
    del.mem.map(0x1000, raw_bytes(ev));
    CHECK(del.exit_with(0) == "epoll_ctl(5, EPOLL_CTL_DEL, 3, 0x1000) = 0");
    Call bad("epoll_ctl", {5, 9, 3, 0x1000});
    CHECK(bad.exit_with(-EINVAL) == "epoll_ctl(5, 0x9 /* EPOLL_CTL_??? */, 3, 0x1000) = -1");
    Call wait("epoll_wait", {5, 0x2000, 4, 100});
    ev.events = EPOLLIN;
    wait.mem.map(0x2000, raw_bytes(ev));
    CHECK(wait.entry() == "epoll_wait(5, ");
    CHECK(wait.exit_with(1) == "epoll_wait(5, [{events=EPOLLIN, data=0x1234567890}], 4, 100) = 1");
    Call none("epoll_pwait", {5, 0x2000, 4, 0, 0x3000, 8});
    none.mem.map(0x3000, raw_bytes(std::uint64_t{1} << (SIGUSR1 - 1)));
    CHECK(none.exit_with(0) == "epoll_pwait(5, [], 4, 0, [USR1], 8) = 0");
    Call intr("epoll_wait", {5, 0x2000, 4, -1});
    CHECK(intr.exit_with(-EINTR) == "epoll_wait(5, 0x2000, 4, -1) = -1");
    Call two("epoll_pwait2", {5, 0x2000, 4, 0x3000, 0, 8});
    two.mem.map(0x3000, raw_bytes(timespec{1, 0}));
    CHECK(two.exit_with(0) == "epoll_pwait2(5, [], 4, {tv_sec=1, tv_nsec=0}, NULL, 8) = 0");
}

TEST_CASE("decode::eventfd2") {
    Call call("eventfd2", {3, EFD_CLOEXEC | EFD_NONBLOCK | EFD_SEMAPHORE});
    CHECK(call.exit_with(7) == "eventfd2(3, EFD_SEMAPHORE|EFD_CLOEXEC|EFD_NONBLOCK) = 7");
}
