#include "call_fixture.hpp"
#include "trace/decode/signal.hpp"

#include <csignal>
#include <cstring>
#include <doctest/doctest.h>
#include <sys/signalfd.h>
#include <ucontext.h>

using trace::sigset_value;
using trace::test::Call;
using trace::test::raw_bytes;
using trace::test::render;

namespace {

constexpr std::uint64_t bit(int sig) {
    return std::uint64_t{1} << (sig - 1);
}

struct KernelSigaction {
    std::uint64_t handler;
    std::uint64_t flags;
    std::uint64_t restorer;
    std::uint64_t mask[8];
};

} // namespace

TEST_CASE("decode::sigset_value") {
    CHECK(render(sigset_value(0)) == "[]");
    CHECK(render(sigset_value(bit(SIGINT) | bit(SIGTERM))) == "[INT TERM]");
    CHECK(render(sigset_value(bit(32) | bit(33) | bit(64))) == "[RTMIN RT_1 RT_32]");
    // two thirds or more set: the signals not in it
    CHECK(render(sigset_value(~(bit(SIGKILL) | bit(SIGSTOP) | bit(32) | bit(33)))) ==
          "~[KILL STOP RTMIN RT_1]");
    CHECK(render(sigset_value(~std::uint64_t{0})) == "~[]");
    std::uint64_t many = 0;
    for (int s = 1; s <= 41; ++s)
        many |= bit(s);
    CHECK(render(sigset_value(many)).starts_with("[HUP INT "));
    many |= bit(42);
    CHECK(render(sigset_value(many)) ==
          "~[RT_11 RT_12 RT_13 RT_14 RT_15 RT_16 RT_17 RT_18 RT_19 RT_20 "
          "RT_21 RT_22 RT_23 RT_24 RT_25 RT_26 RT_27 RT_28 RT_29 RT_30 RT_31 RT_32]");
    // a 4-byte set: 32 signals, inverted from 21 up
    CHECK(render(sigset_value(bit(SIGHUP), 4)) == "[HUP]");
    CHECK(render(sigset_value(0xffffffffu & ~bit(SIGHUP), 4)) == "~[HUP]");
}

TEST_CASE("decode::rt_sigprocmask") {
    SUBCASE("sets at entry and exit") {
        Call call("rt_sigprocmask", {SIG_BLOCK, 0x1000, 0x2000, 8});
        call.mem.map(0x1000, raw_bytes(bit(SIGINT) | bit(SIGTERM)));
        call.mem.map(0x2000, raw_bytes(std::uint64_t{0}));
        CHECK(call.entry() == "rt_sigprocmask(SIG_BLOCK, [INT TERM], ");
        CHECK(call.exit_with(0) == "rt_sigprocmask(SIG_BLOCK, [INT TERM], [], 8) = 0");
    }
    SUBCASE("unknown how, NULL old set") {
        Call call("rt_sigprocmask", {7, 0x1000, 0, 8});
        call.mem.map(0x1000, raw_bytes(~(bit(SIGKILL) | bit(SIGSTOP) | bit(32) | bit(33))));
        CHECK(call.exit_with(-EINVAL) ==
              "rt_sigprocmask(0x7 /* SIG_??? */, ~[KILL STOP RTMIN RT_1], NULL, 8) = -1");
    }
    SUBCASE("a wrong size: addresses") {
        Call call("rt_sigprocmask", {SIG_UNBLOCK, 0x1000, 0x2000, 4});
        call.mem.map(0x1000, raw_bytes(bit(SIGINT)));
        CHECK(call.exit_with(-EINVAL) == "rt_sigprocmask(SIG_UNBLOCK, 0x1000, 0x2000, 4) = -1");
    }
    SUBCASE("unreadable and short sets: addresses") {
        Call call("rt_sigprocmask", {SIG_SETMASK, 0x1000, 0x2000, 8});
        call.mem.map(0x1000, std::string(4, '\0'));
        CHECK(call.exit_with(0) == "rt_sigprocmask(SIG_SETMASK, 0x1000, 0x2000, 8) = 0");
    }
    SUBCASE("a failed call's old set is its address") {
        Call call("rt_sigprocmask", {SIG_BLOCK, 0x1000, 0x2000, 8});
        call.mem.map(0x1000, raw_bytes(bit(SIGINT)));
        call.mem.map(0x2000, raw_bytes(std::uint64_t{0}));
        CHECK(call.exit_with(-EFAULT) == "rt_sigprocmask(SIG_BLOCK, [INT], 0x2000, 8) = -1");
    }
}

TEST_CASE("decode::rt_sigaction") {
    SUBCASE("handler, mask, flags and restorer; the old action at exit") {
        Call call("rt_sigaction", {SIGUSR1, 0x1000, 0x2000, 8});
        KernelSigaction sa{
            0x5555000, SA_RESTART | SA_NODEFER | 0x04000000, 0x7f00050, {bit(SIGINT) | bit(SIGTERM)}};
        call.mem.map(0x1000, raw_bytes(sa));
        call.mem.map(0x2000, raw_bytes(KernelSigaction{}));
        CHECK(call.entry() == "rt_sigaction(SIGUSR1, {sa_handler=0x5555000, sa_mask=[INT TERM], "
                              "sa_flags=SA_RESTORER|SA_RESTART|SA_NODEFER, sa_restorer=0x7f00050}, ");
        CHECK(call.exit_with(0) == "rt_sigaction(SIGUSR1, {sa_handler=0x5555000, sa_mask=[INT TERM], "
                                   "sa_flags=SA_RESTORER|SA_RESTART|SA_NODEFER, sa_restorer=0x7f00050}, "
                                   "{sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}, 8) = 0");
    }
    SUBCASE("SIG_IGN, flags above 32 bits, the full mask") {
        Call call("rt_sigaction", {35, 0x1000, 0, 8});
        KernelSigaction sa{
            1, 0xffffffff00000000 | SA_SIGINFO | SA_ONSTACK | SA_RESETHAND, 0, {~(bit(32) | bit(33))}};
        call.mem.map(0x1000, raw_bytes(sa));
        CHECK(call.exit_with(0) ==
              "rt_sigaction(SIGRT_3, {sa_handler=SIG_IGN, sa_mask=~[RTMIN RT_1], "
              "sa_flags=SA_ONSTACK|SA_RESETHAND|SA_SIGINFO|0xffffffff00000000}, NULL, 8) = 0");
    }
    SUBCASE("unreadable: addresses; strace reads 88 bytes") {
        Call call("rt_sigaction", {SIGINT, 0x1000, 0x2000, 8});
        call.mem.map(0x1000, raw_bytes(KernelSigaction{}).substr(0, 32));
        CHECK(call.exit_with(-EFAULT) == "rt_sigaction(SIGINT, 0x1000, 0x2000, 8) = -1");
    }
}

TEST_CASE("decode::rt_sigreturn") {
    Call call("rt_sigreturn", {});
    call.sp(0x7000);
    SUBCASE("the mask in the frame's ucontext") {
        call.mem.map(0x7000 + offsetof(ucontext_t, uc_sigmask), raw_bytes(bit(SIGCHLD)));
        CHECK(call.entry() == "rt_sigreturn({mask=[CHLD]}");
        CHECK(call.exit_with(0) == "rt_sigreturn({mask=[CHLD]}) = 0");
    }
    SUBCASE("unreadable: the mask's address") {
        CHECK(call.exit_with(-EINTR) == "rt_sigreturn({mask=0x7128}) = -1");
    }
}

TEST_CASE("decode::rt_sigtimedwait") {
    SUBCASE("info and timeout at exit, the signal after the return value") {
        Call call("rt_sigtimedwait", {0x1000, 0x2000, 0x3000, 8});
        call.mem.map(0x1000, raw_bytes(bit(SIGUSR1)));
        siginfo_t si{};
        si.si_signo = SIGUSR1;
        si.si_code = SI_USER;
        si.si_pid = 42;
        call.mem.map(0x2000, raw_bytes(si));
        call.mem.map(0x3000, raw_bytes(timespec{0, 1000}));
        CHECK(call.entry() == "rt_sigtimedwait([USR1], ");
        CHECK(call.exit_with(SIGUSR1) ==
              "rt_sigtimedwait([USR1], {si_signo=SIGUSR1, si_code=SI_USER, si_pid=42, "
              "si_uid=0}, {tv_sec=0, tv_nsec=1000}, 8) = 10 (SIGUSR1)");
    }
    SUBCASE("failed: info as address") {
        Call call("rt_sigtimedwait", {0x1000, 0x2000, 0x3000, 8});
        call.mem.map(0x1000, raw_bytes(bit(SIGUSR1)));
        call.mem.map(0x3000, raw_bytes(timespec{0, 1000}));
        CHECK(call.exit_with(-EAGAIN) == "rt_sigtimedwait([USR1], 0x2000, {tv_sec=0, tv_nsec=1000}, 8) = -1");
    }
    SUBCASE("without info the whole call is printed at entry") {
        Call call("rt_sigtimedwait", {0x1000, 0, 0, 8});
        call.mem.map(0x1000, raw_bytes(bit(SIGUSR1)));
        CHECK(call.entry() == "rt_sigtimedwait([USR1], NULL, NULL, 8");
        CHECK(call.exit_with(SIGUSR1) == "rt_sigtimedwait([USR1], NULL, NULL, 8) = 10 (SIGUSR1)");
    }
}

TEST_CASE("decode::sigaltstack") {
    Call call("sigaltstack", {0x1000, 0x2000});
    struct {
        std::uint64_t sp;
        std::int32_t flags;
        std::uint32_t pad;
        std::uint64_t size;
    } ss{0x5000, SS_DISABLE, 0, 65536}, old{0, 0x10, 0, 0};
    call.mem.map(0x1000, raw_bytes(ss));
    call.mem.map(0x2000, raw_bytes(old));
    CHECK(call.exit_with(0) == "sigaltstack({ss_sp=0x5000, ss_flags=SS_DISABLE, ss_size=65536}, "
                               "{ss_sp=NULL, ss_flags=0x10 /* SS_??? */, ss_size=0}) = 0");
    Call bad("sigaltstack", {0x1000, 0x9000});
    bad.mem.map(0x1000, raw_bytes(ss).substr(0, 20));
    CHECK(bad.exit_with(0) == "sigaltstack(0x1000, 0x9000) = 0");
}

TEST_CASE("decode::rt_sigpending_and_suspend") {
    Call pending("rt_sigpending", {0x1000, 4});
    pending.mem.map(0x1000, raw_bytes(bit(SIGINT)));
    CHECK(pending.exit_with(0) == "rt_sigpending([INT], 4) = 0");
    Call suspend("rt_sigsuspend", {0x1000, 4});
    suspend.mem.map(0x1000, raw_bytes(bit(SIGINT)));
    CHECK(suspend.exit_with(-EINTR) == "rt_sigsuspend(0x1000, 4) = -1");
}

TEST_CASE("decode::signalfd4_and_sigqueueinfo") {
    Call sfd("signalfd4", {-1, 0x1000, 8, SFD_CLOEXEC | SFD_NONBLOCK});
    sfd.mem.map(0x1000, raw_bytes(bit(SIGUSR1)));
    CHECK(sfd.exit_with(3) == "signalfd4(-1, [USR1], 8, SFD_CLOEXEC|SFD_NONBLOCK) = 3");
    Call q("rt_sigqueueinfo", {42, SIGUSR1, 0x1000});
    siginfo_t si{};
    si.si_signo = SIGUSR1;
    si.si_code = SI_QUEUE;
    si.si_pid = 42;
    si.si_value.sival_int = 7;
    q.mem.map(0x1000, raw_bytes(si).substr(0, 100));
    CHECK(q.exit_with(0) == "rt_sigqueueinfo(42, SIGUSR1, 0x1000) = 0");
    q.mem.map(0x1000 + 100, raw_bytes(si).substr(100));
    Call q2("rt_sigqueueinfo", {42, SIGUSR1, 0x1000});
    q2.mem.map(0x1000, raw_bytes(si));
    CHECK(q2.exit_with(0) == "rt_sigqueueinfo(42, SIGUSR1, {si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=42, "
                             "si_uid=0, si_int=7, si_ptr=0x7}) = 0");
}
