#include "decode_fixture.hpp"
#include "trace/decode/siginfo.hpp"

#include <csignal>
#include <cstring>
#include <doctest/doctest.h>
#include <linux/audit.h>
#include <sys/syscall.h>

using trace::test::render;

namespace {

siginfo_t make(int signo, int code) {
    siginfo_t si;
    std::memset(&si, 0, sizeof si);
    si.si_signo = signo;
    si.si_code = code;
    return si;
}

std::string text(const siginfo_t& si) {
    return render(trace::siginfo_value(si));
}

void* ptr(std::uintptr_t v) {
    return reinterpret_cast<void*>(v);
}

} // namespace

TEST_CASE("decode::siginfo_sigchld") {
    siginfo_t si = make(SIGCHLD, CLD_EXITED);
    si.si_pid = 1234;
    si.si_uid = 0;
    si.si_status = 3;
    CHECK(text(si) ==
          "{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=1234, si_uid=0, si_status=3, si_utime=0, "
          "si_stime=0}");
    si.si_code = CLD_KILLED;
    si.si_status = SIGKILL;
    si.si_utime = 5;
    si.si_stime = 7;
    CHECK(text(si) == "{si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=1234, si_uid=0, si_status=SIGKILL, "
                      "si_utime=5, si_stime=7}");
    si = make(SIGCHLD, CLD_STOPPED);
    si.si_status = SIGSTOP;
    CHECK(text(si) ==
          "{si_signo=SIGCHLD, si_code=CLD_STOPPED, si_pid=0, si_uid=0, si_status=SIGSTOP, si_utime=0, "
          "si_stime=0}");
    si = make(SIGCHLD, CLD_DUMPED);
    CHECK(text(si) == "{si_signo=SIGCHLD, si_code=CLD_DUMPED, si_pid=0, si_uid=0, si_status=0, si_utime=0, "
                      "si_stime=0}");
    si = make(SIGCHLD, 77);
    CHECK(text(si) ==
          "{si_signo=SIGCHLD, si_code=0x4d, si_pid=0, si_uid=0, si_status=0, si_utime=0, si_stime=0}");
    // a SIGCHLD a process sent is a user signal
    si = make(SIGCHLD, SI_USER);
    si.si_pid = 11;
    si.si_uid = 12;
    CHECK(text(si) == "{si_signo=SIGCHLD, si_code=SI_USER, si_pid=11, si_uid=12}");
}

TEST_CASE("decode::siginfo_faults") {
    CHECK(text(make(SIGSEGV, SEGV_MAPERR)) == "{si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL}");
    siginfo_t si = make(SIGSEGV, SEGV_ACCERR);
    si.si_addr = ptr(0xdead);
    CHECK(text(si) == "{si_signo=SIGSEGV, si_code=SEGV_ACCERR, si_addr=0xdead}");
    si.si_code = 99;
    CHECK(text(si) == "{si_signo=SIGSEGV, si_code=0x63, si_addr=0xdead}");
    si.si_code = SEGV_PKUERR;
    CHECK(text(si) == "{si_signo=SIGSEGV, si_code=SEGV_PKUERR, si_addr=0xdead, si_pkey=0}");
    si.si_code = SEGV_BNDERR;
    CHECK(text(si) ==
          "{si_signo=SIGSEGV, si_code=SEGV_BNDERR, si_addr=0xdead, si_lower=NULL, si_upper=NULL}");
    si.si_code = SEGV_MTESERR;
    CHECK(text(si) == "{si_signo=SIGSEGV, si_code=SEGV_MTESERR, si_addr=0xdead}");
    si = make(SIGBUS, BUS_ADRERR);
    si.si_addr = ptr(0x1000);
    CHECK(text(si) == "{si_signo=SIGBUS, si_code=BUS_ADRERR, si_addr=0x1000}");
    si.si_code = BUS_MCEERR_AR;
    CHECK(text(si) == "{si_signo=SIGBUS, si_code=BUS_MCEERR_AR, si_addr=0x1000, si_addr_lsb=0}");
    si = make(SIGILL, ILL_ILLOPN);
    si.si_addr = ptr(0x55a323b3bc76);
    CHECK(text(si) == "{si_signo=SIGILL, si_code=ILL_ILLOPN, si_addr=0x55a323b3bc76}");
    CHECK(text(make(SIGILL, ILL_BADIADDR)) == "{si_signo=SIGILL, si_code=ILL_BADIADDR, si_addr=NULL}");
    CHECK(text(make(SIGFPE, FPE_INTDIV)) == "{si_signo=SIGFPE, si_code=FPE_INTDIV, si_addr=NULL}");
    CHECK(text(make(SIGFPE, FPE_CONDTRAP)) == "{si_signo=SIGFPE, si_code=FPE_CONDTRAP, si_addr=NULL}");
    CHECK(text(make(SIGTRAP, TRAP_BRKPT)) == "{si_signo=SIGTRAP, si_code=TRAP_BRKPT, si_addr=NULL}");
    CHECK(text(make(SIGTRAP, 6)) == "{si_signo=SIGTRAP, si_code=TRAP_PERF, si_addr=NULL}");
    // int3: SI_KERNEL, still a fault address
    CHECK(text(make(SIGTRAP, SI_KERNEL)) == "{si_signo=SIGTRAP, si_code=SI_KERNEL, si_addr=NULL}");
}

TEST_CASE("decode::siginfo_user") {
    siginfo_t si = make(SIGINT, SI_USER);
    si.si_pid = 9354;
    si.si_uid = 1000;
    CHECK(text(si) == "{si_signo=SIGINT, si_code=SI_USER, si_pid=9354, si_uid=1000}");
    si = make(SIGUSR1, SI_TKILL);
    si.si_pid = 9354;
    CHECK(text(si) == "{si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=9354, si_uid=0}");
    si = make(SIGUSR1, SI_QUEUE);
    si.si_pid = 9354;
    si.si_value.sival_ptr = ptr(0x1234);
    CHECK(text(si) ==
          "{si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=9354, si_uid=0, si_int=4660, si_ptr=0x1234}");
    si.si_value.sival_ptr = nullptr;
    CHECK(text(si) == "{si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=9354, si_uid=0}");
    si = make(36, SI_QUEUE);
    si.si_pid = 11;
    si.si_uid = 12;
    si.si_value.sival_ptr = ptr(~std::uintptr_t{0});
    CHECK(text(si) ==
          "{si_signo=SIGRT_4, si_code=SI_QUEUE, si_pid=11, si_uid=12, si_int=-1, si_ptr=0xffffffffffffffff}");
    for (const auto& [code, name] :
         {std::pair{SI_MESGQ, "SI_MESGQ"}, std::pair{SI_ASYNCIO, "SI_ASYNCIO"},
          std::pair{SI_DETHREAD, "SI_DETHREAD"}, std::pair{SI_ASYNCNL, "SI_ASYNCNL"}}) {
        si = make(SIGUSR1, code);
        si.si_pid = 11;
        si.si_uid = 12;
        CHECK(text(si) == fmt::format("{{si_signo=SIGUSR1, si_code={}, si_pid=11, si_uid=12}}", name));
    }
}

TEST_CASE("decode::siginfo_errno_and_unknown_codes") {
    siginfo_t si = make(SIGUSR1, -100);
    si.si_errno = ENOENT;
    si.si_pid = 5;
    si.si_uid = 6;
    CHECK(text(si) == "{si_signo=SIGUSR1, si_code=0xffffff9c, si_errno=ENOENT, si_pid=5, si_uid=6}");
    si.si_errno = 200;
    si.si_value.sival_ptr = ptr(0x10);
    CHECK(text(si) ==
          "{si_signo=SIGUSR1, si_code=0xffffff9c, si_errno=200, si_pid=5, si_uid=6, si_int=16, si_ptr=0x10}");
    // a kernel code of a signal without its own codes
    si = make(SIGPROF, 1);
    si.si_pid = 1;
    si.si_uid = 2;
    CHECK(text(si) == "{si_signo=SIGPROF, si_code=0x1, si_pid=1, si_uid=2}");
    si = make(SIGWINCH, 3);
    si.si_pid = 1;
    si.si_uid = 2;
    si.si_value.sival_ptr = ptr(0x30);
    CHECK(text(si) == "{si_signo=SIGWINCH, si_code=0x3, si_pid=1, si_uid=2, si_int=48, si_ptr=0x30}");
}

TEST_CASE("decode::siginfo_kernel") {
    CHECK(text(make(SIGHUP, SI_KERNEL)) == "{si_signo=SIGHUP, si_code=SI_KERNEL}");
    CHECK(text(make(SIGALRM, SI_KERNEL)) == "{si_signo=SIGALRM, si_code=SI_KERNEL}");
    siginfo_t si = make(SIGHUP, SI_KERNEL);
    si.si_pid = 7;
    si.si_uid = 8;
    si.si_value.sival_ptr = ptr(0x20);
    CHECK(text(si) == "{si_signo=SIGHUP, si_code=SI_KERNEL, si_pid=7, si_uid=8, si_int=32, si_ptr=0x20}");
}

TEST_CASE("decode::siginfo_timer") {
    siginfo_t si = make(SIGALRM, SI_TIMER);
    si.si_value.sival_int = 42;
    CHECK(text(si) ==
          "{si_signo=SIGALRM, si_code=SI_TIMER, si_timerid=0, si_overrun=0, si_int=42, si_ptr=0x2a}");
    si = make(SIGUSR1, SI_TIMER);
    si.si_timerid = 3;
    si.si_overrun = 2;
    CHECK(text(si) ==
          "{si_signo=SIGUSR1, si_code=SI_TIMER, si_timerid=0x3, si_overrun=2, si_int=0, si_ptr=NULL}");
}

TEST_CASE("decode::siginfo_poll") {
    siginfo_t si = make(SIGIO, POLL_IN);
    si.si_band = 65;
    si.si_fd = 3;
    CHECK(text(si) == "{si_signo=SIGIO, si_code=POLL_IN, si_band=65, si_fd=3}");
    CHECK(text(make(SIGIO, POLL_HUP)) == "{si_signo=SIGIO, si_code=POLL_HUP, si_band=0, si_fd=0}");
    CHECK(text(make(SIGIO, POLL_ERR)) == "{si_signo=SIGIO, si_code=POLL_ERR, si_band=0, si_fd=0}");
    CHECK(text(make(SIGIO, 7)) == "{si_signo=SIGIO, si_code=0x7}");
    CHECK(text(make(SIGUSR1, SI_SIGIO)) == "{si_signo=SIGUSR1, si_code=SI_SIGIO, si_band=0, si_fd=0}");
}

TEST_CASE("decode::siginfo_sigsys") {
    siginfo_t si = make(SIGSYS, 1);
    si.si_errno = EIO;
    si.si_call_addr = ptr(0x7f4f9e5e2829);
    si.si_syscall = SYS_getppid;
    si.si_arch = AUDIT_ARCH_X86_64;
    CHECK(text(si) == "{si_signo=SIGSYS, si_code=SYS_SECCOMP, si_errno=EIO, si_call_addr=0x7f4f9e5e2829, "
                      "si_syscall=__NR_getppid, si_arch=AUDIT_ARCH_X86_64}");
    CHECK(text(make(SIGSYS, 2)) ==
          "{si_signo=SIGSYS, si_code=SYS_USER_DISPATCH, si_call_addr=NULL, si_syscall=0, "
          "si_arch=0 /* AUDIT_ARCH_??? */}");
    si = make(SIGSYS, 3);
    si.si_syscall = 5;
    si.si_arch = AUDIT_ARCH_I386;
    CHECK(text(si) ==
          "{si_signo=SIGSYS, si_code=0x3, si_call_addr=NULL, si_syscall=5, si_arch=AUDIT_ARCH_I386}");
}

TEST_CASE("decode::siginfo_empty") {
    siginfo_t si;
    std::memset(&si, 0, sizeof si);
    CHECK(text(si) == "{}");
}
