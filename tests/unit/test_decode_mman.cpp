#include "call_fixture.hpp"
#include "trace/decode/mman.hpp"

#include <cerrno>
#include <doctest/doctest.h>
#include <sys/mman.h>

using trace::test::Call;

TEST_CASE("decode::mremap") {
    Call move("mremap", {0x1000, 8192, 16384, MREMAP_MAYMOVE, 0x9000});
    CHECK(move.exit_with(0x5000) == "mremap(0x1000, 8192, 16384, MREMAP_MAYMOVE) = 0x5000");
    Call fixed("mremap", {0x1000, 8192, 8192, MREMAP_MAYMOVE | MREMAP_FIXED, 0x9000});
    CHECK(fixed.exit_with(0x9000) ==
          "mremap(0x1000, 8192, 8192, MREMAP_MAYMOVE|MREMAP_FIXED, 0x9000) = 0x9000");
    Call only_fixed("mremap", {0x1000, 8192, 8192, MREMAP_FIXED | 0x40, 0x9000});
    CHECK(only_fixed.exit_with(-EINVAL) == "mremap(0x1000, 8192, 8192, MREMAP_FIXED|0x40) = -1");
    Call none("mremap", {0x1000, 8192, 4096, 0, 0});
    CHECK(none.exit_with(0x1000) == "mremap(0x1000, 8192, 4096, 0) = 0x1000");
}

TEST_CASE("decode::madvise_msync_mlock") {
    Call adv("madvise", {0x1000, 8192, MADV_DONTNEED});
    CHECK(adv.exit_with(0) == "madvise(0x1000, 8192, MADV_DONTNEED) = 0");
    Call bad("madvise", {0x1000, 8192, 77});
    CHECK(bad.exit_with(-EINVAL) == "madvise(0x1000, 8192, 0x4d /* MADV_??? */) = -1");
    Call sync("msync", {0x1000, 4096, MS_SYNC | MS_INVALIDATE});
    CHECK(sync.exit_with(0) == "msync(0x1000, 4096, MS_SYNC|MS_INVALIDATE) = 0");
    Call zero("msync", {0x1000, 4096, 0});
    CHECK(zero.exit_with(0) == "msync(0x1000, 4096, 0) = 0");
    Call lock2("mlock2", {0x1000, 4096, 1});
    CHECK(lock2.exit_with(0) == "mlock2(0x1000, 4096, MLOCK_ONFAULT) = 0");
    Call all("mlockall", {MCL_CURRENT | MCL_FUTURE | 0x10});
    CHECK(all.exit_with(0) == "mlockall(MCL_CURRENT|MCL_FUTURE|0x10) = 0");
}

TEST_CASE("decode::mincore") {
    Call call("mincore", {0x1000, 8193, 0x2000});
    call.mem.map(0x2000, std::string("\x01\x00\x03", 3));
    CHECK(call.entry() == "mincore(0x1000, 8193, ");
    CHECK(call.exit_with(0) == "mincore(0x1000, 8193, [1, 0, 1]) = 0");
    Call cut("mincore", {0x1000, 3 * 4096, 0x2000});
    cut.opts.string_limit = 2;
    cut.mem.map(0x2000, std::string("\x01\x01\x01", 3));
    CHECK(cut.exit_with(0) == "mincore(0x1000, 12288, [1, 1, ...]) = 0");
    Call unreadable("mincore", {0x1000, 3 * 4096, 0x2000});
    unreadable.mem.map(0x2000, std::string("\x01", 1));
    CHECK(unreadable.exit_with(0) == "mincore(0x1000, 12288, 0x2000) = 0");
    Call failed("mincore", {0x1000, 4096, 0x2000});
    CHECK(failed.exit_with(-ENOMEM) == "mincore(0x1000, 4096, 0x2000) = -1");
}

TEST_CASE("decode::pkey_alloc's access rights") {
    CHECK(Call("pkey_alloc", {0, 0}).exit_with(1) == "pkey_alloc(0, PKEY_UNRESTRICTED) = 1");
    CHECK(Call("pkey_alloc", {0, 3}).exit_with(-EINVAL) ==
          "pkey_alloc(0, PKEY_DISABLE_ACCESS|PKEY_DISABLE_WRITE) = -1");
    CHECK(Call("pkey_alloc", {1, 8}).exit_with(-EINVAL) == "pkey_alloc(0x1, 0x8 /* PKEY_??? */) = -1");
}
