#include "call_fixture.hpp"
#include "trace/decode/futex.hpp"

#include <cerrno>
#include <ctime>
#include <doctest/doctest.h>
#include <linux/futex.h>
#include <string>

using trace::test::Call;
using trace::test::raw_bytes;
using trace::test::render;

namespace {

constexpr std::uint64_t kWord = 0x7f0000001000;
constexpr std::uint64_t kOther = 0x7f0000001004;
constexpr std::uint64_t kTimeout = 0x2000;

// futex(kWord, op, val, utime, uaddr2, val3) with a timespec {1, 500} at kTimeout, as it prints at entry.
std::string futex_entry(std::uint32_t op, std::uint64_t val, std::uint64_t utime, std::uint64_t uaddr2,
                        std::uint64_t val3) {
    Call call("futex", {kWord, op, val, utime, uaddr2, val3});
    call.mem.map(kTimeout, raw_bytes(timespec{1, 500}));
    return call.entry();
}

} // namespace

TEST_CASE("decode::futex") {
    SUBCASE("the waits: value and timeout, the bitset") {
        CHECK(futex_entry(FUTEX_WAIT_PRIVATE, 2, 0, 0, 0) ==
              "futex(0x7f0000001000, FUTEX_WAIT_PRIVATE, 2, NULL");
        CHECK(futex_entry(FUTEX_WAIT, 0xffffffff00000001, kTimeout, kOther, 7) ==
              "futex(0x7f0000001000, FUTEX_WAIT, 1, {tv_sec=1, tv_nsec=500}");
        CHECK(
            futex_entry(FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 0, 0, 0, FUTEX_BITSET_MATCH_ANY) ==
            "futex(0x7f0000001000, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, NULL, "
            "FUTEX_BITSET_MATCH_ANY");
        CHECK(futex_entry(FUTEX_WAIT_BITSET, 1, kTimeout, 0, 5) ==
              "futex(0x7f0000001000, FUTEX_WAIT_BITSET, 1, {tv_sec=1, tv_nsec=500}, 0x5");
        CHECK(futex_entry(FUTEX_WAIT_REQUEUE_PI_PRIVATE | FUTEX_CLOCK_REALTIME, 0, kTimeout, kOther, 9) ==
              "futex(0x7f0000001000, FUTEX_WAIT_REQUEUE_PI_PRIVATE|FUTEX_CLOCK_REALTIME, 0, {tv_sec=1, "
              "tv_nsec=500}, 0x7f0000001004");
        CHECK(futex_entry(FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 0, 0, 0, 0) ==
              "futex(0x7f0000001000, FUTEX_WAIT|FUTEX_CLOCK_REALTIME, 0, NULL");
    }
    SUBCASE("the wakes print what they use, no more") {
        CHECK(futex_entry(FUTEX_WAKE_PRIVATE, 2147483647, kTimeout, kOther, 3) ==
              "futex(0x7f0000001000, FUTEX_WAKE_PRIVATE, 2147483647");
        CHECK(futex_entry(FUTEX_WAKE_BITSET, 1, kTimeout, kOther, FUTEX_BITSET_MATCH_ANY) ==
              "futex(0x7f0000001000, FUTEX_WAKE_BITSET, 1, FUTEX_BITSET_MATCH_ANY");
        CHECK(futex_entry(FUTEX_FD | FUTEX_PRIVATE_FLAG, 5, 0, 0, 0) ==
              "futex(0x7f0000001000, FUTEX_FD|FUTEX_PRIVATE_FLAG, 5");
    }
    SUBCASE("the requeues: the timeout slot is a count") {
        CHECK(futex_entry(FUTEX_REQUEUE_PRIVATE, 1, 2147483647, kOther, 7) ==
              "futex(0x7f0000001000, FUTEX_REQUEUE_PRIVATE, 1, 2147483647, 0x7f0000001004");
        CHECK(futex_entry(FUTEX_CMP_REQUEUE, 1, kTimeout, kOther, 0xffffffff) ==
              "futex(0x7f0000001000, FUTEX_CMP_REQUEUE, 1, 8192, 0x7f0000001004, 4294967295");
        CHECK(futex_entry(FUTEX_CMP_REQUEUE_PI_PRIVATE, 1, 0, kOther, 1) ==
              "futex(0x7f0000001000, FUTEX_CMP_REQUEUE_PI_PRIVATE, 1, 0, 0x7f0000001004, 1");
    }
    SUBCASE("the PI locks") {
        CHECK(futex_entry(FUTEX_LOCK_PI_PRIVATE, 5, kTimeout, kOther, 3) ==
              "futex(0x7f0000001000, FUTEX_LOCK_PI_PRIVATE, {tv_sec=1, tv_nsec=500}");
        CHECK(futex_entry(FUTEX_LOCK_PI2, 5, 0, kOther, 3) == "futex(0x7f0000001000, FUTEX_LOCK_PI2, NULL");
        CHECK(futex_entry(FUTEX_UNLOCK_PI_PRIVATE, 5, kTimeout, kOther, 3) ==
              "futex(0x7f0000001000, FUTEX_UNLOCK_PI_PRIVATE");
        CHECK(futex_entry(FUTEX_TRYLOCK_PI, 5, kTimeout, kOther, 3) ==
              "futex(0x7f0000001000, FUTEX_TRYLOCK_PI");
    }
    SUBCASE("FUTEX_WAKE_OP's operation") {
        CHECK(
            futex_entry(FUTEX_WAKE_OP_PRIVATE, 1, 1, kOther, FUTEX_OP(FUTEX_OP_SET, 0, FUTEX_OP_CMP_GT, 1)) ==
            "futex(0x7f0000001000, FUTEX_WAKE_OP_PRIVATE, 1, 1, 0x7f0000001004, "
            "FUTEX_OP_SET<<28|0<<12|FUTEX_OP_CMP_GT<<24|0x1");
        CHECK(render(trace::futex_wake_op_value(0xa0caffee)) ==
              "FUTEX_OP_OPARG_SHIFT<<28|FUTEX_OP_OR<<28|0xcaf<<12|FUTEX_OP_CMP_EQ<<24|0xfee");
        CHECK(render(trace::futex_wake_op_value(0xffffffff)) ==
              "FUTEX_OP_OPARG_SHIFT<<28|0x7<<28 /* FUTEX_OP_??? */|0xfff<<12|0xf<<24 /* FUTEX_OP_CMP_??? "
              "*/|0xfff");
        CHECK(render(trace::futex_wake_op_value(0)) == "FUTEX_OP_SET<<28|0<<12|FUTEX_OP_CMP_EQ<<24|0");
    }
    SUBCASE("unknown operations and flag combinations") {
        // a combination strace does not name keeps its command's arguments
        CHECK(futex_entry(FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, 0, 0, 0) ==
              "futex(0x7f0000001000, 0x101 /* FUTEX_??? */, 1");
        CHECK(futex_entry(FUTEX_LOCK_PI | FUTEX_CLOCK_REALTIME, 0, 0, 0, 0) ==
              "futex(0x7f0000001000, 0x106 /* FUTEX_??? */, NULL");
        // an unknown command: all four, the timeout as an address
        CHECK(futex_entry(14, 1, kTimeout, kOther, 3) ==
              "futex(0x7f0000001000, 0xe /* FUTEX_??? */, 1, 0x2000, 0x7f0000001004, 0x3");
        CHECK(futex_entry(0xbefeeded, 1, 2, 0, 0xffffffff) ==
              "futex(0x7f0000001000, 0xbefeeded /* FUTEX_??? */, 1, 0x2, NULL, 0xffffffff");
    }
    SUBCASE("unreadable and partly readable timeouts print the address") {
        CHECK(futex_entry(FUTEX_WAIT, 0, 0x8, 0, 0) == "futex(0x7f0000001000, FUTEX_WAIT, 0, 0x8");
        Call call("futex", {0, FUTEX_WAIT, 0, kTimeout, 0, 0});
        call.mem.map(kTimeout, raw_bytes(timespec{1, 500}).substr(0, 12));
        CHECK(call.entry() == "futex(NULL, FUTEX_WAIT, 0, 0x2000");
    }
    SUBCASE("-e verbose= without futex: the timeout as an address") {
        Call call("futex", {kWord, FUTEX_WAIT_PRIVATE, 0, kTimeout, 0, 0});
        call.mem.map(kTimeout, raw_bytes(timespec{1, 500}));
        call.opts.verbose_calls.assign(512, false);
        CHECK(call.entry() == "futex(0x7f0000001000, FUTEX_WAIT_PRIVATE, 0, 0x2000");
    }
    SUBCASE("decoded at entry: the exit adds only the return value") {
        Call call("futex", {kWord, FUTEX_WAIT_PRIVATE, 0, kTimeout, 0, 0});
        call.mem.map(kTimeout, raw_bytes(timespec{1, 500}));
        CHECK(call.entry() == "futex(0x7f0000001000, FUTEX_WAIT_PRIVATE, 0, {tv_sec=1, tv_nsec=500}");
        call.mem.map(kTimeout, raw_bytes(timespec{0, 0}));
        CHECK(call.exit_with(-ETIMEDOUT) ==
              "futex(0x7f0000001000, FUTEX_WAIT_PRIVATE, 0, {tv_sec=1, tv_nsec=500}) = -1");
    }
}

TEST_CASE("decode::futex_waitv") {
    struct Waiter {
        std::uint64_t val;
        std::uint64_t uaddr;
        std::uint32_t flags;
        std::uint32_t reserved;
    };
    constexpr std::uint32_t kSizeU32 = 2, kSizeU64 = 3, kNuma = 4, kPrivate = 0x80;
    SUBCASE("the waiters, the timeout, the clock") {
        Call call("futex_waitv", {0x1000, 2, 0, kTimeout, CLOCK_MONOTONIC});
        call.mem.map(0x1000, raw_bytes(Waiter{0, kWord, kSizeU32 | kPrivate, 0}) +
                                 raw_bytes(Waiter{0xdeadbeef, 0, kSizeU64 | kNuma | 0x100, 1}));
        call.mem.map(kTimeout, raw_bytes(timespec{1, 2}));
        CHECK(call.entry() ==
              "futex_waitv([{val=0, uaddr=0x7f0000001000, flags=FUTEX2_SIZE_U32|FUTEX2_PRIVATE}, "
              "{val=0xdeadbeef, uaddr=NULL, flags=FUTEX2_SIZE_U64|FUTEX2_NUMA|0x100, __reserved=0x1}], "
              "2, 0, {tv_sec=1, tv_nsec=2}, CLOCK_MONOTONIC");
    }
    SUBCASE("NULL, empty, unreadable, truncated arrays; an unknown clock") {
        Call null("futex_waitv", {0, 1, 0xffffffff, 0, CLOCK_MONOTONIC});
        CHECK(null.entry() == "futex_waitv(NULL, 1, 0xffffffff, NULL, CLOCK_MONOTONIC");
        Call empty("futex_waitv", {0x1008, 0, 1, 0x8, 0xffffffff});
        CHECK(empty.entry() == "futex_waitv([], 0, 0x1, 0x8, 0xffffffff /* CLOCK_??? */");
        Call unreadable("futex_waitv", {0x1001, 1, 0, 0, CLOCK_REALTIME});
        unreadable.mem.map(0x1000, raw_bytes(Waiter{}));
        CHECK(unreadable.entry() == "futex_waitv(0x1001, 1, 0, NULL, CLOCK_REALTIME");
        Call partial("futex_waitv", {0x1000, 2, 0, 0, CLOCK_MONOTONIC});
        partial.mem.map(0x1000, raw_bytes(Waiter{0, kWord, kSizeU32, 0}));
        CHECK(partial.entry() ==
              "futex_waitv([{val=0, uaddr=0x7f0000001000, flags=FUTEX2_SIZE_U32}, ... /* 0x1018 */], "
              "2, 0, NULL, CLOCK_MONOTONIC");
    }
    SUBCASE("at most FUTEX_WAITV_MAX waiters, even with -v; the count is not trusted") {
        Call call("futex_waitv", {0x1000, 0xffffffff, 0, 0, CLOCK_MONOTONIC});
        call.opts.verbose = true;
        std::string many;
        for (int k = 0; k < 200; ++k)
            many += raw_bytes(Waiter{static_cast<std::uint64_t>(k), kWord, kSizeU32, 0});
        call.mem.map(0x1000, many);
        const std::string line = call.entry();
        CHECK(line.find("{val=0x7f, ") != std::string::npos);
        CHECK(line.find("{val=0x80, ") == std::string::npos);
        CHECK(line.find("}, ...], 4294967295, 0, NULL, CLOCK_MONOTONIC") != std::string::npos);
        Call few("futex_waitv", {0x1000, 3, 0, 0, CLOCK_MONOTONIC});
        few.opts.string_limit = 1;
        few.mem.map(0x1000, many);
        CHECK(few.entry() == "futex_waitv([{val=0, uaddr=0x7f0000001000, flags=FUTEX2_SIZE_U32}, ...], 3, 0, "
                             "NULL, CLOCK_MONOTONIC");
    }
}
