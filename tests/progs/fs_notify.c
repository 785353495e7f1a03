// inotify and fanotify: flags, masks and marks. fanotify needs CAP_SYS_ADMIN: its calls that succeed only
// as root have their own lines; the marks use a bad descriptor, refused the same way for everyone.
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/fanotify.h>
#include <sys/inotify.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
    int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    int wd = inotify_add_watch(in, ".", IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ONLYDIR);
    inotify_add_watch(in, "missing", IN_ALL_EVENTS | IN_DONT_FOLLOW | IN_EXCL_UNLINK | IN_MASK_ADD);
    inotify_add_watch(in, ".", IN_ACCESS | 0x800000);
    inotify_add_watch(in, ".", 0);
    inotify_rm_watch(in, wd);
    inotify_rm_watch(in, -5);
    syscall(SYS_inotify_init1, 0x4);
    syscall(SYS_inotify_init1, 0);
    syscall(SYS_inotify_init);
    fanotify_init(FAN_CLASS_NOTIF | FAN_CLOEXEC | FAN_NONBLOCK, O_RDONLY | O_LARGEFILE);
    fanotify_init(FAN_CLASS_CONTENT | FAN_REPORT_FID | FAN_UNLIMITED_QUEUE | 0x80000000, O_RDWR | O_CLOEXEC);
    syscall(SYS_fanotify_init, 0xc, 0);
    fanotify_mark(-1, FAN_MARK_ADD | FAN_MARK_ONLYDIR, FAN_CREATE | FAN_ONDIR, AT_FDCWD, ".");
    fanotify_mark(-1, FAN_MARK_REMOVE | FAN_MARK_MOUNT, FAN_ACCESS | FAN_OPEN_PERM, FAN_NOFD, "/");
    fanotify_mark(-1, FAN_MARK_FLUSH | FAN_MARK_FILESYSTEM, 0, 0, NULL);
    fanotify_mark(-1, FAN_MARK_ADD | 0x10000, 0x400000000ULL | FAN_MODIFY, 5, "x");
    return 0;
}
