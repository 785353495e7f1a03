#include "decode_fixture.hpp"
#include "trace/decode/arg_decoders.hpp"
#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"

#include <array>
#include <csignal>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

using trace::ArgKind;
using trace::FlagEntry;
using trace::test::decode_text;
using trace::test::render;
using trace::test::TestCall;

namespace {

// Composite first: BOTH is A|B.
constexpr std::array<FlagEntry, 4> kTest{{{0, "NONE"}, {3, "BOTH"}, {1, "A"}, {2, "B"}}};
constexpr std::array<FlagEntry, 2> kNoZero{{{1, "X"}, {4, "Y"}}};

trace::PrintOptions raw_options() {
    trace::PrintOptions opts;
    opts.raw_constants = true;
    return opts;
}

} // namespace

TEST_CASE("decode::flags_value text") {
    CHECK(render(trace::flags_value(kTest, 0)) == "NONE");
    CHECK(render(trace::flags_value(kNoZero, 0)) == "0");
    CHECK(render(trace::flags_value(kTest, 3)) == "BOTH");
    CHECK(render(trace::flags_value(kTest, 1)) == "A");
    CHECK(render(trace::flags_value(kTest, 7)) == "BOTH|0x4");
    CHECK(render(trace::flags_value(kNoZero, 5)) == "X|Y");
    CHECK(render(trace::flags_value(kNoZero, 2)) == "0x2");
    CHECK(render(trace::flags_value(kNoZero, 2, "Z_???")) == "0x2 /* Z_??? */");
    CHECK(render(trace::Value::hex(0)) == "0");
    CHECK(render(trace::Value::hex(255)) == "0xff");
}

TEST_CASE("decode::flags_value") {
    CHECK(render(trace::flags_value(kTest, 0)) == "NONE");
    CHECK(render(trace::flags_value(kNoZero, 0)) == "0");
    CHECK(render(trace::flags_value(kTest, 3 | 0x10)) == "BOTH|0x10");
    CHECK(render(trace::flags_value(kNoZero, 0x10, "Z_???")) == "0x10 /* Z_??? */");
    CHECK(render(trace::flags_value(kTest, 3), raw_options()) == "0x3");
    CHECK(trace::flags_value(kTest, 3).num == 3);
}

TEST_CASE("decode::enum_value") {
    CHECK(render(trace::enum_value(kTest, 2)) == "B");
    CHECK(render(trace::enum_value(kTest, 9)) == "0x9");
    CHECK(render(trace::enum_value(kTest, 9, "T_???")) == "0x9 /* T_??? */");
    CHECK(render(trace::enum_value(kTest, 9, {}, trace::ValueType::Signed)) == "9");
    CHECK(render(trace::enum_value(kTest, 2, {}, trace::ValueType::Hex, trace::ValueType::Signed),
                 raw_options()) == "2");
    CHECK(std::string(trace::enum_name(kTest, 1)) == "A");
    CHECK(trace::enum_name(kTest, 8) == nullptr);
    CHECK(trace::enum_from_name(kTest, "B") == 2u);
    CHECK_FALSE(trace::enum_from_name(kTest, "C").has_value());
}

TEST_CASE("decode::flagsets_from_headers") {
    CHECK(trace::enum_from_name(trace::flagsets::open_flags, "O_CLOEXEC") == std::uint64_t{O_CLOEXEC});
    CHECK(trace::enum_from_name(trace::flagsets::open_flags, "O_LARGEFILE") == 0100000u);
    CHECK(trace::enum_from_name(trace::flagsets::mmap_flags, "MAP_FIXED_NOREPLACE") ==
          std::uint64_t{MAP_FIXED_NOREPLACE});
    CHECK(trace::enum_from_name(trace::flagsets::signals, "SIGIOT") == std::uint64_t{SIGABRT});
    // every flag entry of a flag set is a nonzero bit pattern, except the name of 0
    for (const auto table :
         {trace::flagsets::open_flags, trace::flagsets::at_flags, trace::flagsets::mmap_flags})
        for (const FlagEntry& e : table)
            CHECK(e.value != 0);
}

TEST_CASE("decode::open_flags") {
    CHECK(decode_text(ArgKind::open_flags, O_RDONLY) == "O_RDONLY");
    CHECK(decode_text(ArgKind::open_flags, O_WRONLY | O_CREAT | O_TRUNC) == "O_WRONLY|O_CREAT|O_TRUNC");
    CHECK(decode_text(ArgKind::open_flags, 3) == "O_ACCMODE");
    CHECK(decode_text(ArgKind::open_flags, O_RDONLY | 0100000) == "O_RDONLY|O_LARGEFILE");
    CHECK(decode_text(ArgKind::open_flags, O_TMPFILE | O_RDWR) == "O_RDWR|O_TMPFILE");
    CHECK(decode_text(ArgKind::open_flags, 020000000 | O_RDWR) == "O_RDWR|__O_TMPFILE");
    CHECK(decode_text(ArgKind::open_flags, O_DIRECTORY) == "O_RDONLY|O_DIRECTORY");
    CHECK(decode_text(ArgKind::open_flags, O_DSYNC) == "O_RDONLY|O_DSYNC");
    CHECK(decode_text(ArgKind::open_flags, 0x40000000 | O_CLOEXEC) == "O_RDONLY|O_CLOEXEC|0x40000000");
    CHECK(decode_text(ArgKind::open_flags, O_SYNC | O_DSYNC | O_NONBLOCK | O_APPEND | O_EXCL | O_NOCTTY |
                                               O_ASYNC | O_DIRECT | O_NOFOLLOW | O_NOATIME | O_PATH) ==
          "O_RDONLY|O_EXCL|O_NOCTTY|O_APPEND|O_NONBLOCK|O_SYNC|O_DIRECT|O_NOFOLLOW|O_NOATIME|O_PATH|FASYNC");
    // the kernel looks at an int
    CHECK(decode_text(ArgKind::open_flags, 0x100000000ULL) == "O_RDONLY");
    CHECK(decode_text(ArgKind::open_flags, O_CLOEXEC, raw_options()) == "0x80000");
}

TEST_CASE("decode::mode") {
    CHECK(decode_text(ArgKind::mode, 0644) == "0644");
    CHECK(decode_text(ArgKind::mode, 0) == "000");
    CHECK(decode_text(ArgKind::mode, 07) == "007");
    CHECK(decode_text(ArgKind::mode, 04755) == "04755");
    CHECK(decode_text(ArgKind::mode, 07777) == "07777");
    CHECK(decode_text(ArgKind::mode, S_IFCHR | 0620) == "S_IFCHR|0620");
    CHECK(decode_text(ArgKind::mode, S_IFREG | S_ISUID | S_ISGID | S_ISVTX) ==
          "S_IFREG|S_ISUID|S_ISGID|S_ISVTX|000");
    CHECK(decode_text(ArgKind::mode, S_IFDIR | 0755) == "S_IFDIR|0755");
    // an unknown file type: octal
    CHECK(decode_text(ArgKind::mode, 0170644) == "0170644");
    CHECK(decode_text(ArgKind::mode, S_IFREG | 0644, raw_options()) == "0100644");
}

TEST_CASE("decode::umode") {
    CHECK(decode_text(ArgKind::umode, 0644) == "0644");
    CHECK(decode_text(ArgKind::umode, 0) == "000");
    CHECK(decode_text(ArgKind::umode, 04755) == "04755");
    // octal even with a file type, as open and chmod print it
    CHECK(decode_text(ArgKind::umode, S_IFREG | 0644) == "0100644");
    CHECK(decode_text(ArgKind::umode, 0644, raw_options()) == "0644");
}

TEST_CASE("decode::dev") {
    CHECK(decode_text(ArgKind::dev, 0) == "makedev(0, 0)");
    CHECK(decode_text(ArgKind::dev, 0x103) == "makedev(0x1, 0x3)");
    CHECK(decode_text(ArgKind::dev, 0x12308845) == "makedev(0x88, 0x12345)");
    CHECK(decode_text(ArgKind::dev, 0xffffffff) == "makedev(0xfff, 0xfffff)");
    CHECK(decode_text(ArgKind::dev, 0x103, raw_options()) == "0x103");
    // mknod: only character and block devices have one
    TestCall chr{{ArgKind::path, 0}, {ArgKind::mode, S_IFCHR | 0620}, {ArgKind::dev, 0x801}};
    CHECK(chr.text(2) == "makedev(0x8, 0x1)");
    TestCall blk{{ArgKind::path, 0}, {ArgKind::mode, S_IFBLK | 0620}, {ArgKind::dev, 0x801}};
    CHECK(blk.text(2) == "makedev(0x8, 0x1)");
    TestCall fifo{{ArgKind::path, 0}, {ArgKind::mode, S_IFIFO | 0620}, {ArgKind::dev, 0x801}};
    CHECK(fifo.decode(2).omitted);
    TestCall reg{{ArgKind::path, 0}, {ArgKind::umode, 0644}, {ArgKind::dev, 0}};
    CHECK(reg.decode(2).omitted);
}

TEST_CASE("decode::mode_of_open") {
    const std::uint64_t at_fdcwd = static_cast<std::uint64_t>(std::int64_t{AT_FDCWD});
    SUBCASE("without O_CREAT: left out") {
        TestCall call{{ArgKind::dirfd, at_fdcwd},
                      {ArgKind::path, 0},
                      {ArgKind::open_flags, O_RDONLY},
                      {ArgKind::mode, 0}};
        CHECK(call.decode(3).omitted);
    }
    SUBCASE("with O_CREAT") {
        TestCall call{{ArgKind::dirfd, at_fdcwd},
                      {ArgKind::path, 0},
                      {ArgKind::open_flags, O_CREAT},
                      {ArgKind::mode, 0644}};
        CHECK(call.text(3) == "0644");
        CHECK_FALSE(call.decode(3).omitted);
    }
    SUBCASE("umode too") {
        TestCall without{{ArgKind::dirfd, at_fdcwd},
                         {ArgKind::path, 0},
                         {ArgKind::open_flags, O_RDONLY},
                         {ArgKind::umode, 0}};
        CHECK(without.decode(3).omitted);
        TestCall with{{ArgKind::dirfd, at_fdcwd},
                      {ArgKind::path, 0},
                      {ArgKind::open_flags, O_RDONLY | O_CREAT},
                      {ArgKind::umode, S_IFREG | 0644}};
        CHECK(with.text(3) == "0100644");
    }
    SUBCASE("with __O_TMPFILE") {
        TestCall call{{ArgKind::dirfd, at_fdcwd},
                      {ArgKind::path, 0},
                      {ArgKind::open_flags, 020000000},
                      {ArgKind::mode, 0600}};
        CHECK(call.text(3) == "0600");
    }
    SUBCASE("other calls always show it") {
        TestCall call{{ArgKind::path, 0}, {ArgKind::mode, 0}};
        CHECK(call.text(1) == "000");
    }
}

TEST_CASE("decode::at_flags") {
    CHECK(decode_text(ArgKind::at_flags, 0) == "0");
    CHECK(decode_text(ArgKind::at_flags, AT_REMOVEDIR) == "AT_REMOVEDIR");
    CHECK(decode_text(ArgKind::at_flags, 0xffff0000) == "0xffff0000 /* AT_??? */");
    CHECK(decode_text(ArgKind::at_flags, 0xffff0000, raw_options()) == "0xffff0000");
    CHECK(decode_text(ArgKind::at_flags, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT | 0x2000 |
                                             0x8000 | AT_SYMLINK_FOLLOW) ==
          "AT_SYMLINK_NOFOLLOW|AT_SYMLINK_FOLLOW|AT_NO_AUTOMOUNT|AT_EMPTY_PATH|AT_RECURSIVE|0x2000");
    CHECK(decode_text(ArgKind::at_flags, AT_SYMLINK_FOLLOW | AT_EMPTY_PATH | 1) ==
          "AT_SYMLINK_FOLLOW|AT_EMPTY_PATH|0x1");
}

TEST_CASE("decode::faccessat_flags") {
    CHECK(decode_text(ArgKind::faccessat_flags, 0) == "0");
    CHECK(decode_text(ArgKind::faccessat_flags, AT_EACCESS | AT_SYMLINK_NOFOLLOW) ==
          "AT_SYMLINK_NOFOLLOW|AT_EACCESS");
    CHECK(decode_text(ArgKind::faccessat_flags, AT_EMPTY_PATH) == "AT_EMPTY_PATH");
    CHECK(decode_text(ArgKind::faccessat_flags, 0x400) == "0x400 /* AT_??? */");
}

TEST_CASE("decode::access_mode") {
    CHECK(decode_text(ArgKind::access_mode, F_OK) == "F_OK");
    CHECK(decode_text(ArgKind::access_mode, R_OK | W_OK) == "R_OK|W_OK");
    CHECK(decode_text(ArgKind::access_mode, R_OK | W_OK | X_OK) == "R_OK|W_OK|X_OK");
    CHECK(decode_text(ArgKind::access_mode, X_OK | 0x10) == "X_OK|0x10");
    CHECK(decode_text(ArgKind::access_mode, 0x10) == "0x10 /* ?_OK */");
    CHECK(decode_text(ArgKind::access_mode, R_OK | W_OK, raw_options()) == "0x6");
}

TEST_CASE("decode::mmap_prot") {
    CHECK(decode_text(ArgKind::mmap_prot, PROT_NONE) == "PROT_NONE");
    CHECK(decode_text(ArgKind::mmap_prot, PROT_READ | PROT_WRITE | PROT_EXEC) ==
          "PROT_READ|PROT_WRITE|PROT_EXEC");
    CHECK(decode_text(ArgKind::mmap_prot, PROT_READ | 0x8 | 0x10 | 0x20 | PROT_GROWSDOWN | PROT_GROWSUP) ==
          "PROT_READ|PROT_SEM|PROT_GROWSDOWN|PROT_GROWSUP|0x30");
    CHECK(decode_text(ArgKind::mmap_prot, 0x80) == "0x80 /* PROT_??? */");
    // 64 bits, as strace prints it
    CHECK(decode_text(ArgKind::mmap_prot, 0x100000001ULL) == "PROT_READ|0x100000000");
    CHECK(decode_text(ArgKind::mmap_prot, PROT_NONE, raw_options()) == "0");
}

TEST_CASE("decode::mmap_flags") {
    CHECK(decode_text(ArgKind::mmap_flags, MAP_PRIVATE | MAP_ANONYMOUS) == "MAP_PRIVATE|MAP_ANONYMOUS");
    CHECK(decode_text(ArgKind::mmap_flags, MAP_SHARED | MAP_FIXED_NOREPLACE | MAP_POPULATE) ==
          "MAP_SHARED|MAP_POPULATE|MAP_FIXED_NOREPLACE");
    CHECK(decode_text(ArgKind::mmap_flags,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | (21 << MAP_HUGE_SHIFT)) ==
          "MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB|21<<MAP_HUGE_SHIFT");
    CHECK(decode_text(ArgKind::mmap_flags, MAP_SHARED_VALIDATE | MAP_SYNC) == "MAP_SHARED_VALIDATE|MAP_SYNC");
    CHECK(decode_text(ArgKind::mmap_flags, 0) == "MAP_FILE");
    CHECK(decode_text(ArgKind::mmap_flags, MAP_ANONYMOUS) == "MAP_FILE|MAP_ANONYMOUS");
    CHECK(decode_text(ArgKind::mmap_flags, 0xf) == "0xf /* MAP_??? */");
    CHECK(decode_text(ArgKind::mmap_flags, 4 | MAP_ANONYMOUS) == "0x4 /* MAP_??? */|MAP_ANONYMOUS");
    CHECK(decode_text(ArgKind::mmap_flags, MAP_PRIVATE | 0x80) == "MAP_PRIVATE|0x80");
    CHECK(decode_text(ArgKind::mmap_flags, MAP_PRIVATE | MAP_32BIT | MAP_GROWSDOWN | MAP_DENYWRITE |
                                               MAP_EXECUTABLE | MAP_LOCKED | MAP_NORESERVE | MAP_NONBLOCK |
                                               MAP_STACK | MAP_FIXED | 0x4000000 | 0x80000000) ==
          "MAP_PRIVATE|MAP_FIXED|MAP_32BIT|MAP_NORESERVE|MAP_NONBLOCK|MAP_GROWSDOWN|MAP_DENYWRITE|MAP_"
          "EXECUTABLE|"
          "MAP_LOCKED|MAP_STACK|33<<MAP_HUGE_SHIFT");
    CHECK(decode_text(ArgKind::mmap_flags, MAP_PRIVATE | (21 << MAP_HUGE_SHIFT)) ==
          "MAP_PRIVATE|21<<MAP_HUGE_SHIFT");
    // the kernel looks at an int; -X raw shows the whole register
    CHECK(decode_text(ArgKind::mmap_flags, 0x100000002ULL) == "MAP_PRIVATE");
    CHECK(decode_text(ArgKind::mmap_flags, 0x100000002ULL, raw_options()) == "0x100000002");
}
