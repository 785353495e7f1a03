// stat, statx and statfs structures, abbreviated and in full, and what shows when they cannot be read.
#include "call_fixture.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>

using namespace trace;
using namespace trace::test;

namespace {

constexpr std::uint64_t kPath = 0x1000;
constexpr std::uint64_t kBuf = 0x2000;

struct stat regular_file() {
    struct stat st {};
    st.st_dev = makedev(0xfe, 0);
    st.st_ino = 861;
    st.st_mode = S_IFREG | 0644;
    st.st_nlink = 1;
    st.st_blksize = 4096;
    st.st_blocks = 8;
    st.st_size = 1221;
    st.st_atim = {1, 5};
    st.st_mtim = {0, 0};
    st.st_ctim = {86400, 0};
    return st;
}

} // namespace

TEST_CASE("decode::stat abbreviated: mode and size, or rdev for devices") {
    Call c("newfstatat", {static_cast<std::uint64_t>(AT_FDCWD), kPath, kBuf, 0});
    c.mem.put_cstring(kPath, "/etc/passwd");
    struct stat st = regular_file();
    c.mem.map(kBuf, raw_bytes(st));
    CHECK(c.entry() == "newfstatat(AT_FDCWD, \"/etc/passwd\", ");
    CHECK(c.exit_with(0) ==
          "newfstatat(AT_FDCWD, \"/etc/passwd\", {st_mode=S_IFREG|0644, st_size=1221, ...}, 0) = 0");

    Call dev("fstat", {3, kBuf});
    st.st_mode = S_IFCHR | 0666;
    st.st_rdev = makedev(1, 3);
    dev.mem.map(kBuf, raw_bytes(st));
    CHECK(dev.exit_with(0) == "fstat(3, {st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}) = 0");
}

TEST_CASE("decode::stat verbose: every field, times with their dates") {
    setenv("TZ", "UTC", 1);
    tzset();
    Call c("fstat", {3, kBuf});
    c.opts.verbose = true;
    c.mem.map(kBuf, raw_bytes(regular_file()));
    CHECK(c.exit_with(0) ==
          "fstat(3, {st_dev=makedev(0xfe, 0), st_ino=861, st_mode=S_IFREG|0644, st_nlink=1, st_uid=0, "
          "st_gid=0, "
          "st_blksize=4096, st_blocks=8, st_size=1221, st_atime=1 /* 1970-01-01T00:00:01.000000005+0000 */, "
          "st_atime_nsec=5, st_mtime=0, st_mtime_nsec=0, st_ctime=86400 /* 1970-01-02T00:00:00+0000 */, "
          "st_ctime_nsec=0}) = 0");
}

TEST_CASE("decode::stat failed, unreadable, short and NULL buffers print as addresses") {
    Call failed("fstat", {3, kBuf});
    failed.mem.map(kBuf, raw_bytes(regular_file()));
    CHECK(failed.exit_with(-EBADF) == "fstat(3, 0x2000) = -1");

    Call unmapped("fstat", {3, kBuf});
    CHECK(unmapped.exit_with(0) == "fstat(3, 0x2000) = 0");

    Call short_read("fstat", {3, kBuf});
    short_read.mem.map(kBuf, raw_bytes(regular_file()).substr(0, 100));
    CHECK(short_read.exit_with(0) == "fstat(3, 0x2000) = 0");

    Call null("fstat", {3, 0});
    CHECK(null.exit_with(-EFAULT) == "fstat(3, NULL) = -1");
}

TEST_CASE("decode::stat is read in one piece") {
    Call c("fstat", {3, kBuf});
    c.mem.map(kBuf, raw_bytes(regular_file()));
    c.exit_with(0);
    CHECK(c.mem.reads() == 1);
}

TEST_CASE("decode::stat -e verbose=none leaves structures as addresses") {
    Call c("fstat", {3, kBuf});
    c.opts.verbose_calls = std::vector<bool>(1, false);
    c.mem.map(kBuf, raw_bytes(regular_file()));
    CHECK(c.exit_with(0) == "fstat(3, 0x2000) = 0");
}

TEST_CASE("decode::statx flags, mask and the structure's fields by its mask") {
    setenv("TZ", "UTC", 1);
    tzset();
    struct statx stx {};
    stx.stx_mask = STATX_BASIC_STATS | STATX_BTIME | STATX_MNT_ID;
    stx.stx_blksize = 4096;
    stx.stx_nlink = 1;
    stx.stx_mode = S_IFREG | 0644;
    stx.stx_ino = 861;
    stx.stx_size = 1221;
    stx.stx_blocks = 8;
    stx.stx_atime = {1, 5, 0};
    stx.stx_dev_major = 254;
    stx.stx_mnt_id = 0x1b;

    Call c("statx", {static_cast<std::uint64_t>(AT_FDCWD), kPath, AT_SYMLINK_NOFOLLOW | AT_STATX_FORCE_SYNC,
                     STATX_ALL, kBuf});
    c.mem.put_cstring(kPath, "/etc/passwd");
    c.mem.map(kBuf, raw_bytes(stx));
    CHECK(c.exit_with(0) ==
          "statx(AT_FDCWD, \"/etc/passwd\", AT_STATX_FORCE_SYNC|AT_SYMLINK_NOFOLLOW, STATX_ALL, "
          "{stx_mask=STATX_ALL|STATX_MNT_ID, stx_attributes=0, stx_mode=S_IFREG|0644, "
          "stx_size=1221, ...}) = 0");

    Call v("statx", {static_cast<std::uint64_t>(AT_FDCWD), kPath, 0, STATX_TYPE | STATX_MODE, kBuf});
    v.opts.verbose = true;
    v.mem.put_cstring(kPath, "/etc/passwd");
    stx.stx_mask = STATX_TYPE | STATX_MODE | STATX_ATIME | STATX_MNT_ID;
    v.mem.map(kBuf, raw_bytes(stx));
    CHECK(v.exit_with(0) ==
          "statx(AT_FDCWD, \"/etc/passwd\", AT_STATX_SYNC_AS_STAT, STATX_TYPE|STATX_MODE, "
          "{stx_mask=STATX_TYPE|STATX_MODE|STATX_ATIME|STATX_MNT_ID, stx_blksize=4096, stx_attributes=0, "
          "stx_mode=S_IFREG|0644, stx_attributes_mask=0, "
          "stx_atime={tv_sec=1, tv_nsec=5} /* 1970-01-01T00:00:01.000000005+0000 */, stx_rdev_major=0, "
          "stx_rdev_minor=0, stx_dev_major=254, stx_dev_minor=0, stx_mnt_id=0x1b}) = 0");
}

TEST_CASE("decode::statx unknown flags and mask bits") {
    Call c("statx", {static_cast<std::uint64_t>(AT_FDCWD), kPath, 0x6000 | 0x1000000, 0x80000000, kBuf});
    c.mem.put_cstring(kPath, "/x");
    CHECK(c.exit_with(-EINVAL) == "statx(AT_FDCWD, \"/x\", AT_STATX_FORCE_SYNC|AT_STATX_DONT_SYNC|0x1000000, "
                                  "0x80000000 /* STATX_??? */, 0x2000) = -1");
}

TEST_CASE("decode::statfs the structure; f_flags only when valid") {
    struct statfs sfs {};
    sfs.f_type = 0xef53;
    sfs.f_bsize = 4096;
    sfs.f_blocks = 100;
    sfs.f_bfree = 50;
    sfs.f_bavail = 40;
    sfs.f_files = 10;
    sfs.f_ffree = 5;
    sfs.f_namelen = 255;
    sfs.f_frsize = 4096;
    sfs.f_flags = 0x20 | 0x1000;
    Call c("statfs", {kPath, kBuf});
    c.mem.put_cstring(kPath, "/");
    c.mem.map(kBuf, raw_bytes(sfs));
    CHECK(c.exit_with(0) == "statfs(\"/\", {f_type=EXT2_SUPER_MAGIC, f_bsize=4096, f_blocks=100, f_bfree=50, "
                            "f_bavail=40, f_files=10, f_ffree=5, f_fsid={val=[0, 0]}, f_namelen=255, "
                            "f_frsize=4096, f_flags=ST_VALID|ST_RELATIME}) = 0");
    Call unknown("fstatfs", {3, kBuf});
    sfs.f_type = 0x1234;
    sfs.f_flags = 0;
    unknown.mem.map(kBuf, raw_bytes(sfs));
    CHECK(unknown.exit_with(0) ==
          "fstatfs(3, {f_type=0x1234, f_bsize=4096, f_blocks=100, f_bfree=50, f_bavail=40, "
          "f_files=10, f_ffree=5, f_fsid={val=[0, 0]}, f_namelen=255, f_frsize=4096}) = 0");
}
