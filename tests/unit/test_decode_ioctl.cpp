// ioctl: request names, _IOC(...) for the others, terminal structures and int arguments.
#include "call_fixture.hpp"

#include <asm/termbits.h>
#include <doctest/doctest.h>
#include <sys/ioctl.h>

using namespace trace;
using namespace trace::test;

namespace {

constexpr std::uint64_t kBuf = 0x2000;

struct termios kernel_termios() {
    struct termios t {};
    t.c_iflag = ICRNL | IXON;
    t.c_oflag = OPOST | ONLCR;
    t.c_cflag = B38400 | CS8 | CREAD;
    t.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | IEXTEN | ECHOCTL | ECHOKE;
    t.c_cc[VINTR] = 3;
    t.c_cc[VMIN] = 1;
    return t;
}

} // namespace

TEST_CASE("decode::ioctl requests by name or as _IOC") {
    CHECK(Call("ioctl", {5, FIOCLEX}).exit_with(0) == "ioctl(5, FIOCLEX) = 0");
    CHECK(Call("ioctl", {9, TIOCSCTTY, 0}).exit_with(-EPERM) == "ioctl(9, TIOCSCTTY, 0) = -1");
    CHECK(Call("ioctl", {3, _IOC(_IOC_READ, 'x', 1, 4), kBuf}).exit_with(-ENOTTY) ==
          "ioctl(3, _IOC(_IOC_READ, 0x78, 0x1, 0x4), 0x2000) = -1");
    CHECK(Call("ioctl", {3, _IOC(_IOC_READ | _IOC_WRITE, 'x', 3, 100), kBuf}).exit_with(-ENOTTY) ==
          "ioctl(3, _IOC(_IOC_READ|_IOC_WRITE, 0x78, 0x3, 0x64), 0x2000) = -1");
    CHECK(Call("ioctl", {3, 0x1234, 0}).exit_with(-ENOTTY) ==
          "ioctl(3, _IOC(_IOC_NONE, 0x12, 0x34, 0), 0) = -1");
    CHECK(Call("ioctl", {9, TCFLSH, TCIFLUSH}).exit_with(0) == "ioctl(9, TCFLSH, TCIFLUSH) = 0");
    CHECK(Call("ioctl", {9, TCXONC, TCOON}).exit_with(0) == "ioctl(9, TCXONC, TCOON) = 0");
    CHECK(Call("ioctl", {8, TIOCGPTPEER, 0x102}).exit_with(9) == "ioctl(8, TIOCGPTPEER, 0x102) = 9");
}

TEST_CASE("decode::ioctl int arguments: in at entry, out at exit") {
    const int one = 1;
    Call in("ioctl", {5, FIONBIO, kBuf});
    in.mem.map(kBuf, raw_bytes(one));
    CHECK(in.exit_with(0) == "ioctl(5, FIONBIO, [1]) = 0");
    Call out("ioctl", {5, FIONREAD, kBuf});
    CHECK(out.entry() == "ioctl(5, FIONREAD, ");
    out.mem.map(kBuf, raw_bytes(one));
    CHECK(out.exit_with(0) == "ioctl(5, FIONREAD, [1]) = 0");
    Call failed("ioctl", {9, TIOCGPGRP, kBuf});
    CHECK(failed.exit_with(-ENOTTY) == "ioctl(9, TIOCGPGRP, 0x2000) = -1");
}

TEST_CASE("decode::ioctl termios, abbreviated and in full") {
    const struct termios t = kernel_termios();
    Call get("ioctl", {9, TCGETS, kBuf});
    get.mem.map(kBuf, raw_bytes(t));
    CHECK(get.exit_with(0) ==
          "ioctl(9, TCGETS, {c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, "
          "c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|ICANON|ECHO|ECHOE|ECHOK|IEXTEN|ECHOCTL|ECHOKE, "
          "...}) = 0");
    Call set("ioctl", {9, TCSETSW, kBuf});
    set.opts.verbose = true;
    set.mem.map(kBuf, raw_bytes(t));
    CHECK(
        set.exit_with(0) ==
        "ioctl(9, SNDCTL_TMR_STOP or TCSETSW, {c_iflag=ICRNL|IXON, "
        "c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, "
        "c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|ICANON|ECHO|ECHOE|ECHOK|IEXTEN|ECHOCTL|ECHOKE, c_line=N_TTY, "
        "c_cc=[[VINTR]=0x3, [VQUIT]=0, [VERASE]=0, [VKILL]=0, [VEOF]=0, [VTIME]=0, [VMIN]=0x1, [VSWTC]=0, "
        "[VSTART]=0, [VSTOP]=0, [VSUSP]=0, [VEOL]=0, [VREPRINT]=0, [VDISCARD]=0, [VWERASE]=0, [VLNEXT]=0, "
        "[VEOL2]=0, [17]=0, [18]=0]}) = 0");
    Call failed("ioctl", {0, TCGETS, kBuf});
    CHECK(failed.exit_with(-ENOTTY) == "ioctl(0, TCGETS, 0x2000) = -1");
    Call cut("ioctl", {9, TCSETS, kBuf});
    cut.mem.map(kBuf, raw_bytes(t).substr(0, 20));
    CHECK(cut.exit_with(0) == "ioctl(9, SNDCTL_TMR_START or TCSETS, 0x2000) = 0");
}

TEST_CASE("decode::ioctl winsize") {
    const struct winsize ws { 24, 80, 0, 0 };
    Call c("ioctl", {1, TIOCGWINSZ, kBuf});
    c.mem.map(kBuf, raw_bytes(ws));
    CHECK(c.exit_with(0) == "ioctl(1, TIOCGWINSZ, {ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0}) = 0");
    Call s("ioctl", {1, TIOCSWINSZ, kBuf});
    s.mem.map(kBuf, raw_bytes(ws));
    CHECK(s.entry() == "ioctl(1, TIOCSWINSZ, {ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0}");
}
