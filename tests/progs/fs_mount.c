// mount's flags, and its type and data as strings or addresses by the flags; none of these can succeed.
#include <sys/mount.h>

int main(void) {
    mount("none", "/nonexistent", "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_BIND | MS_REC, "size=1m");
    mount("none", "/nonexistent", NULL, MS_MGC_VAL | MS_REMOUNT, NULL);
    mount("none", "/nonexistent", "tmpfs", MS_MGC_VAL | MS_NOSUID, "size=1m");
    mount("none", "/nonexistent", "tmpfs", 0, "size=1m");
    mount("none", "/nonexistent", "tmpfs", MS_REC | MS_PRIVATE, "size=1m");
    mount("none", "/nonexistent", "tmpfs", MS_REMOUNT | MS_RDONLY, "size=1m");
    mount("none", "/nonexistent", "tmpfs", 0x80000000UL | MS_SILENT | MS_STRICTATIME | MS_LAZYTIME | MS_NOSYMFOLLOW,
          "size=1m");
    mount(NULL, "/nonexistent", NULL, MS_MGC_VAL, NULL);
    return 0;
}
