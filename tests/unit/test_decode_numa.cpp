// NUMA memory policies: modes with flags, node masks, mbind's and get_mempolicy's flags.
#include "call_fixture.hpp"
#include "trace/decode/numa.hpp"

#include <cstdint>
#include <doctest/doctest.h>
#include <linux/mempolicy.h>
#include <string>

using trace::test::Call;
using trace::test::raw_bytes;

namespace {

constexpr std::uint64_t kMask = 0x1000;
constexpr std::uint64_t kMode = 0x2000;

} // namespace

TEST_CASE("decode::set_mempolicy: the mode, its flags, the node mask by maxnode") {
    const std::uint64_t words[2] = {1, 0};
    Call call("set_mempolicy", {MPOL_PREFERRED_MANY, kMask, 128});
    call.mem.map(kMask, raw_bytes(words));
    CHECK(call.exit_with(0) ==
          "set_mempolicy(MPOL_PREFERRED_MANY, [0x00000000000001, 0000000000000000], 128) = 0");
    Call flags("set_mempolicy", {MPOL_BIND | MPOL_F_STATIC_NODES, kMask, 65});
    flags.mem.map(kMask, raw_bytes(words));
    CHECK(flags.exit_with(0) == "set_mempolicy(MPOL_BIND|MPOL_F_STATIC_NODES, [0x00000000000001], 65) = 0");
    Call unknown("set_mempolicy", {0x40 | MPOL_F_RELATIVE_NODES, 0, 0});
    CHECK(unknown.exit_with(-22) == "set_mempolicy(MPOL_F_RELATIVE_NODES|0x40, NULL, 0) = -1");
    Call bad("set_mempolicy", {0x40, kMask, 1}); // one bit: no word, the address
    CHECK(bad.exit_with(-22) == "set_mempolicy(0x40 /* MPOL_??? */, 0x1000, 1) = -1");
    Call none("set_mempolicy", {MPOL_DEFAULT, kMask, 0});
    CHECK(none.exit_with(0) == "set_mempolicy(MPOL_DEFAULT, [], 0) = 0");
    Call huge("set_mempolicy", {MPOL_DEFAULT, kMask, ~std::uint64_t{0}}); // the count overflows
    CHECK(huge.exit_with(-22) == "set_mempolicy(MPOL_DEFAULT, 0x1000, 18446744073709551615) = -1");
    Call unmapped("set_mempolicy", {MPOL_DEFAULT, kMask, 1025});
    CHECK(unmapped.exit_with(-14) == "set_mempolicy(MPOL_DEFAULT, 0x1000, 1025) = -1");
    Call wide("set_mempolicy", {MPOL_DEFAULT, kMask, 129}); // the words after the first unmapped
    wide.mem.map(kMask, raw_bytes(words[0]));
    CHECK(wide.exit_with(-14) ==
          "set_mempolicy(MPOL_DEFAULT, [0x00000000000001, ... /* 0x1008 */], 129) = -1");
}

TEST_CASE("decode::get_mempolicy: the mode and the mask at exit") {
    const std::int32_t mode = MPOL_INTERLEAVE;
    const std::uint64_t words[2] = {0xffffffffffffffff, 0};
    Call call("get_mempolicy", {kMode, kMask, 129, 0, MPOL_F_MEMS_ALLOWED});
    call.mem.map(kMode, raw_bytes(mode));
    call.mem.map(kMask, raw_bytes(words));
    CHECK(call.exit_with(0) ==
          "get_mempolicy([MPOL_INTERLEAVE], [0xffffffffffffffff, 0000000000000000], 129, "
          "NULL, MPOL_F_MEMS_ALLOWED) = 0");
    Call failed("get_mempolicy", {kMode, kMask, 129, 0, 0x10});
    CHECK(failed.exit_with(-22) == "get_mempolicy(0x2000, 0x1000, 129, NULL, 0x10 /* MPOL_F_??? */) = -1");
}

TEST_CASE("decode::mbind and migrate_pages") {
    const std::uint64_t words[1] = {3};
    Call call("mbind", {0x7000, 4096, MPOL_BIND, kMask, 64, MPOL_MF_STRICT | MPOL_MF_MOVE});
    call.mem.map(kMask, raw_bytes(words));
    CHECK(call.exit_with(0) ==
          "mbind(0x7000, 4096, MPOL_BIND, [0x00000000000003], 64, MPOL_MF_STRICT|MPOL_MF_MOVE) = 0");
    Call migrate("migrate_pages", {0, 64, kMask, kMask});
    migrate.mem.map(kMask, raw_bytes(words));
    CHECK(migrate.exit_with(0) == "migrate_pages(0, 64, [0x00000000000003], [0x00000000000003]) = 0");
}
