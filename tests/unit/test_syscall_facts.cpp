// The [facts] section of syscalls/x86_64.tbl, as the generated table carries it.
#include "trace/syscalls/table.hpp"

#include <doctest/doctest.h>

#include <string_view>

namespace {

using trace::Fact;
using trace::IoVia;
using trace::NewFdKind;
using trace::SyscallEntry;
using trace::TimeoutKind;

const SyscallEntry& row(std::string_view name) {
    const SyscallEntry* entry = trace::find_syscall(name);
    REQUIRE_MESSAGE(entry != nullptr, name);
    return *entry;
}

const SyscallEntry& row(long nr) {
    const SyscallEntry* entry = trace::find_syscall(nr);
    REQUIRE_MESSAGE(entry != nullptr, nr);
    return *entry;
}

// The name of the argument a fact points at, or "" when it has none.
std::string_view fact_arg(const SyscallEntry& entry, Fact f) {
    const int i = entry.facts.arg_of(f);
    return i < 0 ? std::string_view() : std::string_view(entry.args[i].name);
}

} // namespace

TEST_CASE("syscall_facts::descriptors made, copied and closed, by number") {
    const SyscallEntry& socket = row(41);
    CHECK(socket.facts.has(Fact::new_fd));
    CHECK(socket.facts.fd_kind == NewFdKind::socket);
    CHECK_FALSE(socket.facts.has(Fact::accepts));

    const SyscallEntry& accept4 = row(288);
    CHECK(accept4.facts.fd_kind == NewFdKind::socket);
    CHECK(fact_arg(accept4, Fact::accepts) == "fd");

    const SyscallEntry& pipe2 = row(293);
    CHECK(pipe2.facts.has(Fact::new_fds));
    CHECK(pipe2.facts.fd_kind == NewFdKind::pipe);
    CHECK(pipe2.facts.arg_of(Fact::new_fds) == 0);
    CHECK(row(53).facts.arg_of(Fact::new_fds) == 3); // socketpair's usockvec

    CHECK(row(3).facts.arg_of(Fact::closes_fd) == 0); // close
    CHECK(row(436).facts.has(Fact::closes_range));
    CHECK(row(72).facts.has(Fact::fcntl));

    const SyscallEntry& dup3 = row(292);
    CHECK(fact_arg(dup3, Fact::dups_fd) == "oldfd");
    CHECK(fact_arg(dup3, Fact::replaces_fd) == "newfd");
    CHECK_FALSE(row(32).facts.has(Fact::replaces_fd)); // dup
}

TEST_CASE("syscall_facts::kinds of new descriptors, by name") {
    CHECK(row("openat").facts.fd_kind == NewFdKind::file);
    CHECK(row("memfd_create").facts.fd_kind == NewFdKind::memfd);
    CHECK(row("eventfd2").facts.fd_kind == NewFdKind::eventfd);
    CHECK(row("epoll_create1").facts.fd_kind == NewFdKind::epoll);
    CHECK(row("signalfd4").facts.fd_kind == NewFdKind::signalfd);
    CHECK(row("inotify_init").facts.fd_kind == NewFdKind::inotify);
    CHECK(row("pidfd_open").facts.fd_kind == NewFdKind::pidfd);
    CHECK(row("fanotify_init").facts.fd_kind == NewFdKind::fanotify);
    CHECK(row("perf_event_open").facts.fd_kind == NewFdKind::perf_event);
    CHECK(row("timerfd_create").facts.fd_kind == NewFdKind::timerfd);
    // Described from /proc: no kind in the table.
    CHECK_FALSE(row("mq_open").facts.has(Fact::new_fd));
    CHECK_FALSE(row("fsopen").facts.has(Fact::new_fd));
    CHECK(row("fsopen").facts.fd_kind == NewFdKind::none);
}

TEST_CASE("syscall_facts::every fact that makes or copies a returned fd is on a call returning one") {
    for (const SyscallEntry& entry : trace::syscall_table()) {
        INFO(entry.name);
        if (entry.facts.has(Fact::new_fd) || entry.facts.has(Fact::dups_fd))
            CHECK(entry.ret == trace::RetKind::fd);
        for (std::size_t f = 0; f < trace::kFactCount; ++f) {
            const auto fact = static_cast<Fact>(f);
            CHECK(entry.facts.arg_of(fact) < static_cast<int>(entry.nargs));
            if (!entry.facts.has(fact)) CHECK(entry.facts.arg_of(fact) == trace::kNoFactArg);
        }
    }
}

TEST_CASE("syscall_facts::processes") {
    CHECK(row(59).facts.has(Fact::execs));  // execve
    CHECK(row(322).facts.has(Fact::execs)); // execveat
    CHECK_FALSE(row("execve").facts.has(Fact::clones));
    CHECK(fact_arg(row(56), Fact::clones) == "clone_flags");
    CHECK_FALSE(row(56).facts.clone_args);
    CHECK(row(435).facts.clone_args); // clone3
    CHECK(row("fork").facts.has(Fact::clones));
    CHECK(row("fork").facts.arg_of(Fact::clones) == trace::kNoFactArg);
    CHECK(fact_arg(row("unshare"), Fact::unshares) == "unshare_flags");
    CHECK(trace::has_fact(&row("vfork"), Fact::clones));
    CHECK_FALSE(trace::has_fact(nullptr, Fact::execs));
}

TEST_CASE("syscall_facts::data read and written") {
    const SyscallEntry& read = row(0);
    CHECK(read.facts.has(Fact::reads));
    CHECK(read.facts.io == IoVia::count);
    CHECK(fact_arg(read, Fact::reads) == "count");
    const SyscallEntry& write = row(1);
    CHECK(write.facts.has(Fact::writes));
    CHECK_FALSE(write.facts.has(Fact::reads));
    CHECK(row("readv").facts.io == IoVia::iovecs);
    CHECK(row("recvmmsg").facts.io == IoVia::mmsgs);
    CHECK(row("splice").facts.arg_of(Fact::writes) == 4);
    CHECK(row("sendfile").facts.arg_of(Fact::writes) == 3);
    CHECK(row("recvfrom").facts.arg_of(Fact::reads) == 2);
    CHECK(row("lseek").facts.io == IoVia::none);
}

TEST_CASE("syscall_facts::waits and sleeps") {
    for (const char* name :
         {"poll", "ppoll", "select", "pselect6", "epoll_wait", "epoll_pwait", "epoll_pwait2"})
        CHECK_MESSAGE(row(name).facts.has(Fact::polls), name);
    const SyscallEntry& epoll_wait = row(232);
    CHECK(fact_arg(epoll_wait, Fact::events) == "maxevents");
    CHECK(epoll_wait.facts.timeout == TimeoutKind::ms);
    CHECK(epoll_wait.facts.arg_of(Fact::timeout) == 3);
    CHECK(row(441).facts.timeout == TimeoutKind::timespec); // epoll_pwait2
    CHECK_FALSE(row("poll").facts.has(Fact::events));

    const SyscallEntry& nanosleep = row(35);
    CHECK(nanosleep.facts.has(Fact::sleeps));
    CHECK(nanosleep.facts.timeout == TimeoutKind::timespec);
    CHECK(nanosleep.facts.arg_of(Fact::timeout) == 0);
    CHECK(row(230).facts.timeout == TimeoutKind::clock); // clock_nanosleep
    CHECK(row(230).facts.arg_of(Fact::timeout) == 2);
    const SyscallEntry& futex = row(202);
    CHECK(futex.facts.timeout == TimeoutKind::futex);
    CHECK(fact_arg(futex, Fact::timeout) == "utime");
    CHECK_FALSE(row("getpid").facts.has(Fact::sleeps));
    CHECK(row("getpid").facts.set == 0);
}
