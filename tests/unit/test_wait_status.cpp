#include "trace/engine/wait_status.hpp"

#include <csignal>
#include <initializer_list>
#include <doctest/doctest.h>
#include <sys/ptrace.h>

using trace::WaitStatus;
using Kind = WaitStatus::Kind;

namespace {
int stopped(int sig, int event = 0) { return ((sig | (event << 8)) << 8) | 0x7f; }
} // namespace

TEST_CASE("WaitStatus: exits and deaths") {
    WaitStatus exited(3 << 8);
    CHECK(exited.kind() == Kind::exited);
    CHECK(exited.exit_code() == 3);

    WaitStatus killed(SIGKILL);
    CHECK(killed.kind() == Kind::killed);
    CHECK(killed.term_signal() == SIGKILL);
    CHECK_FALSE(killed.core_dumped());

    WaitStatus core(SIGSEGV | 0x80);
    CHECK(core.kind() == Kind::killed);
    CHECK(core.core_dumped());
}

TEST_CASE("WaitStatus: ptrace stops") {
    CHECK(WaitStatus(stopped(SIGTRAP | 0x80)).kind() == Kind::syscall_stop);
    CHECK(WaitStatus(stopped(SIGUSR1)).kind() == Kind::signal_stop);
    CHECK(WaitStatus(stopped(SIGUSR1)).stop_signal() == SIGUSR1);
    // A plain SIGTRAP (no event bits) is a signal like any other.
    CHECK(WaitStatus(stopped(SIGTRAP)).kind() == Kind::signal_stop);

    WaitStatus fork(stopped(SIGTRAP, PTRACE_EVENT_FORK));
    CHECK(fork.kind() == Kind::event_stop);
    CHECK(fork.ptrace_event() == PTRACE_EVENT_FORK);
    CHECK(WaitStatus(stopped(SIGTRAP, PTRACE_EVENT_EXEC)).ptrace_event() == PTRACE_EVENT_EXEC);
}

TEST_CASE("WaitStatus: PTRACE_EVENT_STOP is a group-stop only with a stopping signal") {
    for (int sig : {SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU}) {
        WaitStatus s(stopped(sig, PTRACE_EVENT_STOP));
        CHECK(s.kind() == Kind::group_stop);
        CHECK(s.stop_signal() == sig);
    }
    CHECK(WaitStatus(stopped(SIGTRAP, PTRACE_EVENT_STOP)).kind() == Kind::interrupt_stop);
}
