#include "call_fixture.hpp"
#include "trace/decode/io_uring.hpp"

#include <array>
#include <csignal>
#include <cstdint>
#include <ctime>
#include <doctest/doctest.h>

using trace::test::Call;
using trace::test::raw_bytes;

namespace {

struct Offsets {
    std::uint32_t a, b, c, d, e, f, g, resv1;
    std::uint64_t user_addr;
};

struct Params {
    std::uint32_t sq_entries, cq_entries, flags, sq_thread_cpu, sq_thread_idle, features, wq_fd;
    std::array<std::uint32_t, 3> resv;
    Offsets sq_off, cq_off;
};

} // namespace

TEST_CASE("decode::io_uring_setup") {
    SUBCASE("the caller's part at entry, the kernel's answer at exit") {
        Call call("io_uring_setup", {4, 0x1000});
        call.mem.map(0x1000, raw_bytes(Params{}));
        CHECK(call.entry() == "io_uring_setup(4, ");
        Params out{};
        out.sq_entries = 4;
        out.cq_entries = 8;
        out.features = 0x3 | (1U << 17) | (1U << 20);
        out.sq_off = {0, 4, 16, 24, 36, 32, 192, 0, 0};
        out.cq_off = {8, 12, 20, 28, 44, 64, 40, 7, 0x7f00};
        call.mem.map(0x1000, raw_bytes(out));
        CHECK(call.exit_with(3) ==
              "io_uring_setup(4, {flags=0, sq_thread_cpu=0, sq_thread_idle=0, sq_entries=4, cq_entries=8, "
              "features=IORING_FEAT_SINGLE_MMAP|IORING_FEAT_NODROP|IORING_FEAT_NO_IOWAIT|0x100000, "
              "sq_off={head=0, tail=4, ring_mask=16, ring_entries=24, flags=36, dropped=32, array=192, user_addr=0}, "
              "cq_off={head=8, tail=12, ring_mask=20, ring_entries=28, overflow=44, cqes=64, flags=40, resv1=0x7, "
              "user_addr=0x7f00}}) = 3");
    }
    SUBCASE("a failed call: the caller's part only; wq_fd with IORING_SETUP_ATTACH_WQ; resv when not zero") {
        Params in{};
        in.flags = (1U << 5) | (1U << 1) | 0x80000000;
        in.sq_thread_cpu = 3;
        in.wq_fd = 7;
        in.resv = {0, 0, 0xff};
        Call call("io_uring_setup", {0xffffffff00000002, 0x1000});
        call.mem.map(0x1000, raw_bytes(in));
        CHECK(call.exit_with(-22) ==
              "io_uring_setup(2, {flags=IORING_SETUP_SQPOLL|IORING_SETUP_ATTACH_WQ|0x80000000, sq_thread_cpu=0x3, "
              "sq_thread_idle=0, wq_fd=7, resv=[0, 0, 0xff]}) = -1");
    }
    SUBCASE("NULL, unreadable, short") {
        Call null("io_uring_setup", {2, 0});
        CHECK(null.exit_with(-14) == "io_uring_setup(2, NULL) = -1");
        Call bad("io_uring_setup", {2, 0x1000});
        bad.mem.map(0x1000, raw_bytes(Params{}).substr(0, 100));
        CHECK(bad.exit_with(3) == "io_uring_setup(2, 0x1000) = 3");
    }
}

TEST_CASE("decode::io_uring_enter") {
    Call sigset("io_uring_enter", {3, 1, 1, 1 | 2, 0x1000, 8});
    sigset.mem.map(0x1000, raw_bytes(std::uint64_t{1} << (SIGUSR1 - 1)));
    CHECK(sigset.exit_with(1) ==
          "io_uring_enter(3, 1, 1, IORING_ENTER_GETEVENTS|IORING_ENTER_SQ_WAKEUP, [USR1], 8) = 1");
    Call wrong_size("io_uring_enter", {3, 0, 0, 0x100, 0x1000, 4});
    CHECK(wrong_size.exit_with(-22) == "io_uring_enter(3, 0, 0, 0x100 /* IORING_ENTER_??? */, 0x1000, 4) = -1");
    SUBCASE("IORING_ENTER_EXT_ARG: struct io_uring_getevents_arg") {
        struct {
            std::uint64_t sigmask;
            std::uint32_t sigmask_sz, min_wait_usec;
            std::uint64_t ts;
        } arg{0, 8, 100, 0x3000};
        Call call("io_uring_enter", {3, 0, 1, 1 | 8, 0x2000, sizeof arg});
        call.mem.map(0x2000, raw_bytes(arg));
        call.mem.map(0x3000, raw_bytes(timespec{1, 0}));
        CHECK(call.exit_with(0) == "io_uring_enter(3, 0, 1, IORING_ENTER_GETEVENTS|IORING_ENTER_EXT_ARG, "
                                   "{sigmask=NULL, sigmask_sz=8, min_wait_usec=100, ts={tv_sec=1, tv_nsec=0}}, 24) = 0");
        Call reg("io_uring_enter", {3, 0, 1, 1 | 0x40, 64, 24});
        CHECK(reg.exit_with(0) == "io_uring_enter(3, 0, 1, IORING_ENTER_GETEVENTS|IORING_ENTER_EXT_ARG_REG, 64, 24) = 0");
    }
}

TEST_CASE("decode::io_uring_register") {
    Call files("io_uring_register", {3, 2, 0x1000, 3});
    files.mem.map(0x1000, raw_bytes(std::array<std::int32_t, 3>{0, -1, 5}));
    CHECK(files.exit_with(0) == "io_uring_register(3, IORING_REGISTER_FILES, [0, -1, 5], 3) = 0");
    Call partial("io_uring_register", {3, 4, 0x1000, 2});
    partial.mem.map(0x1000, raw_bytes(std::int32_t{4}));
    CHECK(partial.exit_with(-14) == "io_uring_register(3, IORING_REGISTER_EVENTFD, [4, ... /* 0x1004 */], 2) = -1");
    Call huge("io_uring_register", {3, 2, 0x1000, 0xffffffff});
    huge.mem.map(0x1000, raw_bytes(std::array<std::int32_t, 40>{}));
    CHECK(huge.exit_with(-22).ends_with("0, 0, ...], 4294967295) = -1"));
    Call other("io_uring_register", {3, 12, 0, 0});
    CHECK(other.exit_with(0) == "io_uring_register(3, IORING_REGISTER_ENABLE_RINGS, NULL, 0) = 0");
    Call ring("io_uring_register", {0, 0x80000000 | 9, 0, 0});
    CHECK(ring.exit_with(1) ==
          "io_uring_register(0, IORING_REGISTER_PERSONALITY|IORING_REGISTER_USE_REGISTERED_RING, NULL, 0) = 1");
    Call unknown("io_uring_register", {3, 200, 0x10, 0});
    CHECK(unknown.exit_with(-22) == "io_uring_register(3, 0xc8 /* IORING_REGISTER_??? */, 0x10, 0) = -1");
}
