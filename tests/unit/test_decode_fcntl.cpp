// fcntl: each command's argument and the flags some commands return.
#include "call_fixture.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>

using namespace trace;
using namespace trace::test;

namespace {

constexpr std::uint64_t kBuf = 0x2000;

} // namespace

TEST_CASE("decode::fcntl commands without an argument, and their results") {
    CHECK(Call("fcntl", {3, F_GETFD}).exit_with(0) == "fcntl(3, F_GETFD) = 0");
    CHECK(Call("fcntl", {3, F_GETFD}).exit_with(1) == "fcntl(3, F_GETFD) = 0x1 (flags FD_CLOEXEC)");
    CHECK(Call("fcntl", {3, F_GETFL}).exit_with(0x8002) ==
          "fcntl(3, F_GETFL) = 0x8002 (flags O_RDWR|O_LARGEFILE)");
    CHECK(Call("fcntl", {3, F_GETFL}).exit_with(0) == "fcntl(3, F_GETFL) = 0 (flags O_RDONLY)");
    CHECK(Call("fcntl", {3, F_GETFL}).exit_with(-EBADF) == "fcntl(3, F_GETFL) = -1");
    CHECK(Call("fcntl", {4, F_GETLEASE}).exit_with(2) == "fcntl(4, F_GETLEASE) = 0x2 (F_UNLCK)");
    CHECK(Call("fcntl", {7, F_GET_SEALS}).exit_with(6) ==
          "fcntl(7, F_GET_SEALS) = 0x6 (seals F_SEAL_SHRINK|F_SEAL_GROW)");
    CHECK(Call("fcntl", {7, F_GET_SEALS}).exit_with(0) == "fcntl(7, F_GET_SEALS) = 0");
    CHECK(Call("fcntl", {3, F_GETSIG}).exit_with(10) == "fcntl(3, F_GETSIG) = 10 (SIGUSR1)");
    CHECK(Call("fcntl", {5, F_GETPIPE_SZ}).exit_with(65536) == "fcntl(5, F_GETPIPE_SZ) = 65536");
}

TEST_CASE("decode::fcntl arguments by command") {
    CHECK(Call("fcntl", {3, F_SETFD, FD_CLOEXEC}).exit_with(0) == "fcntl(3, F_SETFD, FD_CLOEXEC) = 0");
    CHECK(Call("fcntl", {3, F_SETFD, 5}).exit_with(0) == "fcntl(3, F_SETFD, FD_CLOEXEC|0x4) = 0");
    CHECK(Call("fcntl", {3, F_SETFD, 0}).exit_with(0) == "fcntl(3, F_SETFD, 0) = 0");
    CHECK(Call("fcntl", {3, F_SETFL, O_NONBLOCK | O_APPEND}).exit_with(0) ==
          "fcntl(3, F_SETFL, O_RDONLY|O_APPEND|O_NONBLOCK) = 0");
    CHECK(Call("fcntl", {3, F_DUPFD, 10}).exit_with(11) == "fcntl(3, F_DUPFD, 10) = 11");
    CHECK(Call("fcntl", {3, F_DUPFD_CLOEXEC, 20}).exit_with(20) == "fcntl(3, F_DUPFD_CLOEXEC, 20) = 20");
    CHECK(Call("fcntl", {4, F_SETSIG, 10}).exit_with(0) == "fcntl(4, F_SETSIG, SIGUSR1) = 0");
    CHECK(Call("fcntl", {4, F_SETLEASE, F_UNLCK}).exit_with(0) == "fcntl(4, F_SETLEASE, F_UNLCK) = 0");
    CHECK(Call("fcntl", {4, F_SETLEASE, 7}).exit_with(-EINVAL) ==
          "fcntl(4, F_SETLEASE, 0x7 /* F_??? */) = -1");
    CHECK(Call("fcntl", {4, F_NOTIFY, DN_MODIFY | DN_CREATE | DN_MULTISHOT}).exit_with(0) ==
          "fcntl(4, F_NOTIFY, DN_MODIFY|DN_CREATE|DN_MULTISHOT) = 0");
    CHECK(Call("fcntl", {7, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW}).exit_with(0) ==
          "fcntl(7, F_ADD_SEALS, F_SEAL_SHRINK|F_SEAL_GROW) = 0");
    CHECK(Call("fcntl", {4, 1234, 5}).exit_with(-EINVAL) == "fcntl(4, 0x4d2 /* F_??? */, 0x5) = -1");
}

TEST_CASE("decode::fcntl locks: in at entry, out at exit with l_pid") {
    struct flock fl {};
    fl.l_type = F_RDLCK;
    fl.l_whence = SEEK_SET;
    fl.l_len = 10;
    Call set("fcntl", {3, F_SETLK, kBuf});
    set.mem.map(kBuf, raw_bytes(fl));
    CHECK(set.entry() == "fcntl(3, F_SETLK, {l_type=F_RDLCK, l_whence=SEEK_SET, l_start=0, l_len=10}");
    CHECK(set.exit_with(0) ==
          "fcntl(3, F_SETLK, {l_type=F_RDLCK, l_whence=SEEK_SET, l_start=0, l_len=10}) = 0");

    Call get("fcntl", {3, F_GETLK, kBuf});
    get.mem.map(kBuf, raw_bytes(fl));
    CHECK(get.entry() == "fcntl(3, F_GETLK, ");
    fl.l_type = F_UNLCK;
    fl.l_pid = 42;
    get.mem.map(kBuf, raw_bytes(fl));
    CHECK(get.exit_with(0) ==
          "fcntl(3, F_GETLK, {l_type=F_UNLCK, l_whence=SEEK_SET, l_start=0, l_len=10, l_pid=42}) = 0");

    CHECK(Call("fcntl", {3, F_GETLK, 0}).exit_with(-EFAULT) == "fcntl(3, F_GETLK, NULL) = -1");
    CHECK(Call("fcntl", {3, F_SETLK, 1}).exit_with(-EFAULT) == "fcntl(3, F_SETLK, 0x1) = -1");
    Call short_read("fcntl", {3, F_OFD_SETLK, kBuf});
    short_read.mem.map(kBuf, raw_bytes(fl).substr(0, 8));
    CHECK(short_read.exit_with(-EFAULT) == "fcntl(3, F_OFD_SETLK, 0x2000) = -1");
}

TEST_CASE("decode::fcntl owners") {
    const struct f_owner_ex owner { F_OWNER_PID, 7 };
    Call set("fcntl", {4, F_SETOWN_EX, kBuf});
    set.mem.map(kBuf, raw_bytes(owner));
    CHECK(set.exit_with(0) == "fcntl(4, F_SETOWN_EX, {type=F_OWNER_PID, pid=7}) = 0");
    Call get("fcntl", {4, F_GETOWN_EX, kBuf});
    get.mem.map(kBuf, raw_bytes(owner));
    CHECK(get.exit_with(0) == "fcntl(4, F_GETOWN_EX, {type=F_OWNER_PID, pid=7}) = 0");
    Call failed("fcntl", {4, F_GETOWN_EX, kBuf});
    CHECK(failed.exit_with(-EBADF) == "fcntl(4, F_GETOWN_EX, 0x2000) = -1");
}
