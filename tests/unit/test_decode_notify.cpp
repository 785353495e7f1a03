#include "call_fixture.hpp"
#include "trace/decode/notify.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/fanotify.h>
#include <sys/inotify.h>

using trace::test::Call;

TEST_CASE("decode::inotify") {
    Call init("inotify_init1", {IN_NONBLOCK | IN_CLOEXEC});
    CHECK(init.exit_with(3) == "inotify_init1(IN_NONBLOCK|IN_CLOEXEC) = 3");
    Call unknown("inotify_init1", {IN_CLOEXEC | 0x4});
    CHECK(unknown.exit_with(-22) == "inotify_init1(IN_CLOEXEC|0x4) = -1");
    Call none("inotify_init1", {0x4});
    CHECK(none.exit_with(-22) == "inotify_init1(0x4 /* IN_??? */) = -1");

    Call watch("inotify_add_watch", {3, 0x1000, IN_CLOSE | IN_ISDIR | IN_ONESHOT | IN_MASK_CREATE});
    watch.mem.put_cstring(0x1000, "/tmp");
    CHECK(watch.exit_with(1) ==
          "inotify_add_watch(3, \"/tmp\", IN_CLOSE_WRITE|IN_CLOSE_NOWRITE|IN_MASK_CREATE|IN_ISDIR|IN_ONESHOT) = 1");
    Call empty("inotify_add_watch", {3, 0, 0});
    CHECK(empty.exit_with(-14) == "inotify_add_watch(3, NULL, 0) = -1");
    Call high("inotify_add_watch", {3, 0, 0xffffffff00000001});
    CHECK(high.exit_with(-14) == "inotify_add_watch(3, NULL, IN_ACCESS) = -1");
    Call rm("inotify_rm_watch", {3, -5});
    CHECK(rm.exit_with(-22) == "inotify_rm_watch(3, -5) = -1");
}

TEST_CASE("decode::fanotify_init") {
    Call notif("fanotify_init", {FAN_CLASS_NOTIF | FAN_CLOEXEC | FAN_REPORT_DFID_NAME, O_RDONLY | O_CLOEXEC});
    CHECK(notif.exit_with(3) ==
          "fanotify_init(FAN_CLASS_NOTIF|FAN_CLOEXEC|FAN_REPORT_DIR_FID|FAN_REPORT_NAME, O_RDONLY|O_CLOEXEC) = 3");
    Call bare("fanotify_init", {FAN_CLASS_PRE_CONTENT, O_RDWR});
    CHECK(bare.exit_with(3) == "fanotify_init(FAN_CLASS_PRE_CONTENT, O_RDWR) = 3");
    Call bad("fanotify_init", {0xc | 0x80000000, 0});
    CHECK(bad.exit_with(-22) == "fanotify_init(0xc /* FAN_CLASS_??? */|0x80000000 /* FAN_??? */, O_RDONLY) = -1");
}

TEST_CASE("decode::fanotify_mark") {
    Call mark("fanotify_mark", {3, FAN_MARK_ADD | FAN_MARK_MOUNT | FAN_MARK_FILESYSTEM,
                                FAN_MODIFY | FAN_EVENT_ON_CHILD | FAN_ONDIR, AT_FDCWD, 0x1000});
    mark.mem.put_cstring(0x1000, ".");
    // strace 7.2's order (by value); strace 6.1 printed FAN_ONDIR before FAN_EVENT_ON_CHILD
    CHECK(mark.exit_with(0) ==
          "fanotify_mark(3, FAN_MARK_ADD|FAN_MARK_MNTNS, FAN_MODIFY|FAN_EVENT_ON_CHILD|FAN_ONDIR, AT_FDCWD, \".\") = 0");
    Call nofd("fanotify_mark", {3, FAN_MARK_FLUSH, 0x400000000, -1, 0});
    CHECK(nofd.exit_with(-22) == "fanotify_mark(3, FAN_MARK_FLUSH, 0x400000000 /* FAN_??? */, FAN_NOFD, NULL) = -1");
    Call fd("fanotify_mark", {3, 0x80000, FAN_ACCESS, 0xffffffff00000005, 0});
    CHECK(fd.exit_with(-22) == "fanotify_mark(3, 0x80000 /* FAN_MARK_??? */, FAN_ACCESS, 5, NULL) = -1");
}
