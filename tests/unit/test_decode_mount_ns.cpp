#include "syscall_fixture.hpp"
#include "trace/decode/mount_ns.hpp"

#include <doctest/doctest.h>
#include <sched.h>
#include <sys/mount.h>

using trace::test::SyscallCall;

TEST_CASE("decode::umount2") {
    SyscallCall call("umount2", {0, MNT_DETACH | UMOUNT_NOFOLLOW});
    CHECK(call.exit_with(-14) == "umount2(NULL, MNT_DETACH|UMOUNT_NOFOLLOW) = -1");
    SyscallCall none("umount2", {0, 0});
    CHECK(none.exit_with(-14) == "umount2(NULL, 0) = -1");
    SyscallCall unknown("umount2", {0, 0x10});
    CHECK(unknown.exit_with(-22) == "umount2(NULL, 0x10 /* UMOUNT_??? */) = -1");
}

TEST_CASE("decode::setns") {
    SyscallCall net("setns", {-1, CLONE_NEWNET});
    CHECK(net.exit_with(-9) == "setns(-1, CLONE_NEWNET) = -1");
    SyscallCall two("setns", {3, CLONE_NEWUSER | CLONE_NEWNS | 0x80});
    CHECK(two.exit_with(0) == "setns(3, CLONE_NEWTIME|CLONE_NEWNS|CLONE_NEWUSER) = 0");
    SyscallCall bad("setns", {3, 0x1});
    CHECK(bad.exit_with(-22) == "setns(3, 0x1 /* CLONE_NEW??? */) = -1");
}
