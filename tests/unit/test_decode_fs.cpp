// File decoders: openat2's open_how, directory entries, seeking and the other file flags, utimensat's
// times, pipes' descriptors and offset pointers.
#include "call_fixture.hpp"

#include <cstring>
#include <dirent.h>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/xattr.h>

using namespace trace;
using namespace trace::test;

namespace {

constexpr std::uint64_t kPath = 0x1000;
constexpr std::uint64_t kBuf = 0x2000;
constexpr auto kCwd = static_cast<std::uint64_t>(AT_FDCWD);

// One linux_dirent64 record of reclen bytes.
std::string dirent64_record(std::uint64_t ino, std::uint64_t off, std::uint8_t type,
                            const std::string& name) {
    const std::size_t reclen = (19 + name.size() + 1 + 7) & ~std::size_t{7};
    std::string rec(reclen, '\0');
    const auto len16 = static_cast<std::uint16_t>(reclen);
    std::memcpy(rec.data(), &ino, 8);
    std::memcpy(rec.data() + 8, &off, 8);
    std::memcpy(rec.data() + 16, &len16, 2);
    rec[18] = static_cast<char>(type);
    std::memcpy(rec.data() + 19, name.data(), name.size());
    return rec;
}

} // namespace

TEST_CASE("decode::open_how: mode only with O_CREAT or a mode, resolve flags") {
    open_how how{};
    how.flags = O_RDONLY | O_CLOEXEC;
    how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH;
    Call c("openat2", {kCwd, kPath, kBuf, sizeof how});
    c.mem.put_cstring(kPath, "/etc/passwd");
    c.mem.map(kBuf, raw_bytes(how));
    CHECK(c.exit_with(3) == "openat2(AT_FDCWD, \"/etc/passwd\", {flags=O_RDONLY|O_CLOEXEC, "
                            "resolve=RESOLVE_NO_SYMLINKS|RESOLVE_BENEATH}, 24) = 3");

    how = {};
    how.flags = O_RDWR | O_CREAT;
    how.mode = 0600;
    Call create("openat2", {kCwd, kPath, kBuf, sizeof how});
    create.mem.put_cstring(kPath, "/tmp/x");
    create.mem.map(kBuf, raw_bytes(how));
    CHECK(create.exit_with(4) ==
          "openat2(AT_FDCWD, \"/tmp/x\", {flags=O_RDWR|O_CREAT, mode=0600, resolve=0}, 24) = 4");

    Call small("openat2", {kCwd, kPath, kBuf, 8});
    small.mem.put_cstring(kPath, "/x");
    small.mem.map(kBuf, raw_bytes(how));
    CHECK(small.exit_with(-EINVAL) == "openat2(AT_FDCWD, \"/x\", 0x2000, 8) = -1");
    Call unmapped("openat2", {kCwd, kPath, kBuf, 24});
    unmapped.mem.put_cstring(kPath, "/x");
    CHECK(unmapped.exit_with(-EFAULT) == "openat2(AT_FDCWD, \"/x\", 0x2000, 24) = -1");
}

TEST_CASE("decode::getdents64 counts entries, or shows them with -v") {
    const std::string recs = dirent64_record(11, 1, DT_DIR, ".") + dirent64_record(12, 2, DT_REG, "file.txt");
    Call c("getdents64", {3, kBuf, 4096});
    c.mem.map(kBuf, recs);
    CHECK(c.exit_with(static_cast<std::int64_t>(recs.size())) ==
          "getdents64(3, 0x2000 /* 2 entries */, 4096) = 56");

    Call v("getdents64", {3, kBuf, 4096});
    v.opts.verbose = true;
    v.mem.map(kBuf, recs);
    CHECK(v.exit_with(static_cast<std::int64_t>(recs.size())) ==
          "getdents64(3, [{d_ino=11, d_off=1, d_reclen=24, d_type=DT_DIR, d_name=\".\"}, {d_ino=12, d_off=2, "
          "d_reclen=32, d_type=DT_REG, d_name=\"file.txt\"}], 4096) = 56");

    Call empty("getdents64", {3, kBuf, 4096});
    empty.opts.verbose = true;
    CHECK(empty.exit_with(0) == "getdents64(3, [], 4096) = 0");
    Call none("getdents64", {3, kBuf, 4096});
    CHECK(none.exit_with(0) == "getdents64(3, 0x2000 /* 0 entries */, 4096) = 0");

    Call failed("getdents64", {3, kBuf, 10});
    CHECK(failed.exit_with(-EINVAL) == "getdents64(3, 0x2000, 10) = -1");

    // the buffer runs into unmapped memory after the first record
    Call cut("getdents64", {3, kBuf, 4096});
    cut.opts.verbose = true;
    cut.mem.map(kBuf, recs.substr(0, 24));
    CHECK(cut.exit_with(56) == "getdents64(3, [{d_ino=11, d_off=1, d_reclen=24, d_type=DT_DIR, "
                               "d_name=\".\"}, ... /* 0x2018 */], 4096) = 56");
    Call unreadable("getdents64", {3, kBuf, 4096});
    CHECK(unreadable.exit_with(56) == "getdents64(3, 0x2000, 4096) = 56");
}

TEST_CASE("decode::getdents: the old record has its type last") {
    std::string rec(24, '\0');
    const std::uint64_t ino = 5, off = 9;
    const std::uint16_t reclen = 24;
    std::memcpy(rec.data(), &ino, 8);
    std::memcpy(rec.data() + 8, &off, 8);
    std::memcpy(rec.data() + 16, &reclen, 2);
    std::memcpy(rec.data() + 18, "ab", 2);
    rec[23] = DT_LNK;
    Call c("getdents", {3, kBuf, 4096});
    c.opts.verbose = true;
    c.mem.map(kBuf, rec);
    CHECK(c.exit_with(24) ==
          "getdents(3, [{d_ino=5, d_off=9, d_reclen=24, d_name=\"ab\", d_type=DT_LNK}], 4096) = 24");
}

TEST_CASE("decode::file flags and enumerations") {
    CHECK(Call("lseek", {3, 10, SEEK_SET}).exit_with(10) == "lseek(3, 10, SEEK_SET) = 10");
    CHECK(Call("lseek", {3, static_cast<std::uint64_t>(-5), SEEK_CUR}).exit_with(5) ==
          "lseek(3, -5, SEEK_CUR) = 5");
    CHECK(Call("lseek", {3, 0, 7}).exit_with(-EINVAL) == "lseek(3, 0, 0x7 /* SEEK_??? */) = -1");
    CHECK(Call("fadvise64", {3, 0, 100, POSIX_FADV_SEQUENTIAL}).exit_with(0) ==
          "fadvise64(3, 0, 100, POSIX_FADV_SEQUENTIAL) = 0");
    CHECK(Call("fallocate", {5, 0x3, 0, 10}).exit_with(0) ==
          "fallocate(5, FALLOC_FL_KEEP_SIZE|FALLOC_FL_PUNCH_HOLE, 0, 10) = 0");
    CHECK(Call("fallocate", {5, 0, 0, 100}).exit_with(0) == "fallocate(5, 0, 0, 100) = 0");
    CHECK(Call("flock", {5, 8 | 4}).exit_with(0) == "flock(5, LOCK_NB|LOCK_UN) = 0");
    CHECK(Call("close_range", {100, 0xffffffff, 4}).exit_with(0) ==
          "close_range(100, 4294967295, CLOSE_RANGE_CLOEXEC) = 0");
    CHECK(Call("tee", {8, 12, 3, 2}).exit_with(3) == "tee(8, 12, 3, SPLICE_F_NONBLOCK) = 3");
    CHECK(Call("dup3", {3, 10, O_CLOEXEC}).exit_with(10) == "dup3(3, 10, O_CLOEXEC) = 10");
    Call rename("renameat2", {kCwd, kPath, kCwd, kPath + 0x100, 1});
    rename.mem.put_cstring(kPath, "/a");
    rename.mem.put_cstring(kPath + 0x100, "/b");
    CHECK(rename.exit_with(0) == "renameat2(AT_FDCWD, \"/a\", AT_FDCWD, \"/b\", RENAME_NOREPLACE) = 0");
}

TEST_CASE("decode::utimensat's times: dates, UTIME_NOW, UTIME_OMIT, NULL") {
    setenv("TZ", "UTC", 1);
    tzset();
    const std::int64_t times[4] = {1, 2, 3, UTIME_NOW};
    Call c("utimensat", {kCwd, kPath, kBuf, 0});
    c.mem.put_cstring(kPath, "/y");
    c.mem.map(kBuf, raw_bytes(times));
    CHECK(c.exit_with(0) ==
          "utimensat(AT_FDCWD, \"/y\", [{tv_sec=1, tv_nsec=2} /* 1970-01-01T00:00:01.000000002+0000 */, "
          "UTIME_NOW], 0) = 0");
    Call null("utimensat", {kCwd, kPath, 0, AT_SYMLINK_NOFOLLOW});
    null.mem.put_cstring(kPath, "/y");
    CHECK(null.exit_with(0) == "utimensat(AT_FDCWD, \"/y\", NULL, AT_SYMLINK_NOFOLLOW) = 0");
    const std::int64_t omit[4] = {0, UTIME_OMIT, 0, 0};
    Call o("utimensat", {5, 0, kBuf, 0});
    o.mem.map(kBuf, raw_bytes(omit));
    CHECK(o.exit_with(0) == "utimensat(5, NULL, [UTIME_OMIT, {tv_sec=0, tv_nsec=0}], 0) = 0");
    Call bad("utimensat", {5, 0, kBuf, 0});
    bad.mem.map(kBuf, raw_bytes(omit).substr(0, 20));
    CHECK(bad.exit_with(-EFAULT) == "utimensat(5, NULL, 0x2000, 0) = -1");
}

TEST_CASE("decode::pipe's descriptors at exit, addresses when failed") {
    const int fds[2] = {3, 4};
    Call c("pipe2", {kBuf, O_CLOEXEC | O_NONBLOCK});
    c.mem.map(kBuf, raw_bytes(fds));
    CHECK(c.entry() == "pipe2(");
    CHECK(c.exit_with(0) == "pipe2([3, 4], O_NONBLOCK|O_CLOEXEC) = 0");
    Call zero("pipe2", {kBuf, 0});
    zero.mem.map(kBuf, raw_bytes(fds));
    CHECK(zero.exit_with(0) == "pipe2([3, 4], 0) = 0");
    Call failed("pipe2", {kBuf, 0});
    failed.mem.map(kBuf, raw_bytes(fds));
    CHECK(failed.exit_with(-EMFILE) == "pipe2(0x2000, 0) = -1");
    Call cut("pipe", {kBuf});
    cut.mem.map(kBuf, raw_bytes(fds).substr(0, 4));
    CHECK(cut.exit_with(0) == "pipe(0x2000) = 0");
}

TEST_CASE("decode::offsets: splice's at entry, sendfile's before and after") {
    const std::int64_t zero = 0;
    Call s("splice", {8, 0, 5, kBuf, 3, 0});
    s.mem.map(kBuf, raw_bytes(zero));
    CHECK(s.exit_with(3) == "splice(8, NULL, 5, [0], 3, 0) = 3");
    Call bad("copy_file_range", {3, kBuf, 5, kBuf + 0x100, 20, 0});
    bad.mem.map(kBuf, raw_bytes(zero));
    CHECK(bad.exit_with(20) == "copy_file_range(3, [0], 5, 0x2100, 20, 0) = 20");

    std::int64_t offset = 5;
    Call moved("sendfile", {5, 3, kBuf, 10});
    moved.mem.map(kBuf, raw_bytes(offset));
    CHECK(moved.entry() == "sendfile(5, 3, ");
    offset = 15;
    moved.mem.map(kBuf, raw_bytes(offset));
    CHECK(moved.exit_with(10) == "sendfile(5, 3, [5] => [15], 10) = 10");

    Call same("sendfile", {5, 3, kBuf, 10});
    same.mem.map(kBuf, raw_bytes(offset));
    CHECK(same.exit_with(0) == "sendfile(5, 3, [15], 10) = 0");
    Call failed("sendfile", {5, 3, kBuf, 10});
    failed.mem.map(kBuf, raw_bytes(offset));
    CHECK(failed.exit_with(-EBADF) == "sendfile(5, 3, [15], 10) = -1");
    CHECK(Call("sendfile", {5, 3, 0, 10}).exit_with(0) == "sendfile(5, 3, NULL, 10) = 0");
}

// strace 7.2 keeps a mode's 16 bits (umode_t), as the kernel does.
TEST_CASE("decode::modes are cut to umode_t") {
    Call creat("creat", {kPath, 0xffff0000UL | 0600});
    creat.mem.map(kPath, std::string("x\0", 2));
    CHECK(creat.exit_with(-EACCES) == "creat(\"x\", 0600) = -1");
    Call mknod("mknod", {kPath, 0xffff0000UL | S_IFREG | 0644, 0});
    mknod.mem.map(kPath, std::string("x\0", 2));
    CHECK(mknod.exit_with(-EACCES) == "mknod(\"x\", S_IFREG|0644) = -1");
    CHECK(Call("umask", {0777000022L}).exit_with(022) == "umask(022) = 022");
}

TEST_CASE("decode::setxattr's flags") {
    for (const char* name : {"setxattr", "lsetxattr"}) {
        Call c(name, {kPath, kPath, kBuf, 1, XATTR_CREATE | XATTR_REPLACE});
        c.mem.map(kPath, std::string("x\0", 2));
        c.mem.map(kBuf, "v");
        CHECK(c.exit_with(-ENOENT) ==
              std::string(name) + "(\"x\", \"x\", \"v\", 1, XATTR_CREATE|XATTR_REPLACE) = -1");
    }
    Call odd("fsetxattr", {3, kPath, kBuf, 1, 4});
    odd.mem.map(kPath, std::string("x\0", 2));
    odd.mem.map(kBuf, "v");
    CHECK(odd.exit_with(-EINVAL) == "fsetxattr(3, \"x\", \"v\", 1, 0x4 /* XATTR_??? */) = -1");
}

// close_range takes unsigned ints: strace 7.2 prints -7 as 4294967289.
TEST_CASE("decode::close_range's descriptors are unsigned") {
    CHECK(Call("close_range", {-7, -1, 0}).exit_with(0) == "close_range(4294967289, 4294967295, 0) = 0");
    CHECK(Call("close_range", {3, 5, 0}).exit_with(0) == "close_range(3, 5, 0) = 0");
}
