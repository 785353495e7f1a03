#include "call_fixture.hpp"
#include "trace/decode/mount_ns.hpp"

#include <doctest/doctest.h>
#include <sched.h>
#include <sys/mount.h>

using trace::test::Call;

TEST_CASE("decode::umount2") {
    Call call("umount2", {0, MNT_DETACH | UMOUNT_NOFOLLOW});
    CHECK(call.exit_with(-14) == "umount2(NULL, MNT_DETACH|UMOUNT_NOFOLLOW) = -1");
    Call none("umount2", {0, 0});
    CHECK(none.exit_with(-14) == "umount2(NULL, 0) = -1");
    Call unknown("umount2", {0, 0x10});
    CHECK(unknown.exit_with(-22) == "umount2(NULL, 0x10 /* UMOUNT_??? */) = -1");
}

TEST_CASE("decode::setns") {
    Call net("setns", {-1, CLONE_NEWNET});
    CHECK(net.exit_with(-9) == "setns(-1, CLONE_NEWNET) = -1");
    Call two("setns", {3, CLONE_NEWUSER | CLONE_NEWNS | 0x80});
    CHECK(two.exit_with(0) == "setns(3, CLONE_NEWTIME|CLONE_NEWNS|CLONE_NEWUSER) = 0");
    Call bad("setns", {3, 0x1});
    CHECK(bad.exit_with(-22) == "setns(3, 0x1 /* CLONE_NEW??? */) = -1");
}

namespace {

constexpr std::uint64_t kSource = 0x1000;
constexpr std::uint64_t kTarget = 0x2000;
constexpr std::uint64_t kType = 0x3000;
constexpr std::uint64_t kData = 0x4000;

// mount("none", "/mnt", type, flags, data) with the strings mapped.
std::string mount_line(std::uint64_t flags, std::uint64_t type = kType, std::uint64_t data = kData) {
    Call call("mount", {kSource, kTarget, type, flags, data});
    call.mem.put_cstring(kSource, "none");
    call.mem.put_cstring(kTarget, "/mnt");
    call.mem.put_cstring(kType, "tmpfs");
    call.mem.put_cstring(kData, "size=1m");
    return call.exit_with(-2);
}

} // namespace

TEST_CASE("decode::mount: flags, the old magic, type and data by the flags") {
    CHECK(mount_line(MS_NOSUID | MS_NODEV) ==
          "mount(\"none\", \"/mnt\", \"tmpfs\", MS_NOSUID|MS_NODEV, \"size=1m\") = -1");
    CHECK(mount_line(0) == "mount(\"none\", \"/mnt\", \"tmpfs\", 0, \"size=1m\") = -1");
    CHECK(mount_line(MS_MGC_VAL) == "mount(\"none\", \"/mnt\", \"tmpfs\", MS_MGC_VAL, \"size=1m\") = -1");
    CHECK(mount_line(MS_MGC_VAL | MS_RDONLY) ==
          "mount(\"none\", \"/mnt\", \"tmpfs\", MS_MGC_VAL|MS_RDONLY, \"size=1m\") = -1");
    // A remount ignores the type; binds, moves and propagation changes ignore the data too.
    CHECK(mount_line(MS_MGC_VAL | MS_REMOUNT) ==
          "mount(\"none\", \"/mnt\", 0x3000, MS_MGC_VAL|MS_REMOUNT, \"size=1m\") = -1");
    CHECK(mount_line(MS_BIND | MS_REC) == "mount(\"none\", \"/mnt\", 0x3000, MS_BIND|MS_REC, 0x4000) = -1");
    CHECK(mount_line(MS_REC | MS_PRIVATE) ==
          "mount(\"none\", \"/mnt\", 0x3000, MS_REC|MS_PRIVATE, 0x4000) = -1");
    CHECK(mount_line(MS_MOVE, 0, 0) == "mount(\"none\", \"/mnt\", NULL, MS_MOVE, NULL) = -1");
    CHECK(mount_line(MS_SHARED) == "mount(\"none\", \"/mnt\", 0x3000, MS_SHARED, 0x4000) = -1");
    CHECK(mount_line(MS_SLAVE) == "mount(\"none\", \"/mnt\", 0x3000, MS_SLAVE, 0x4000) = -1");
    CHECK(mount_line(MS_UNBINDABLE) == "mount(\"none\", \"/mnt\", 0x3000, MS_UNBINDABLE, 0x4000) = -1");
    CHECK(mount_line(0x80000200U) ==
          "mount(\"none\", \"/mnt\", \"tmpfs\", MS_NOUSER|0x200, \"size=1m\") = -1");
    CHECK(mount_line(0x200) == "mount(\"none\", \"/mnt\", \"tmpfs\", 0x200 /* MS_??? */, \"size=1m\") = -1");
    // Without the whole magic in the high half, the bits there are flags.
    CHECK(mount_line(0xc0000000) ==
          "mount(\"none\", \"/mnt\", \"tmpfs\", MS_ACTIVE|MS_NOUSER, \"size=1m\") = -1");
    // Unmapped strings print as addresses.
    CHECK(mount_line(0, 0x5000, 0x6000) == "mount(\"none\", \"/mnt\", 0x5000, 0, 0x6000) = -1");
}
