// Scheduling attributes and memory barriers: struct sched_attr and membarrier.
#include "call_fixture.hpp"
#include "trace/decode/sched.hpp"

#include <cstdint>
#include <cstring>
#include <doctest/doctest.h>
#include <linux/membarrier.h>
#include <linux/sched.h>
#include <sched.h>
#include <string>

using trace::test::Call;
using trace::test::raw_bytes;

namespace {

constexpr std::uint64_t kAttr = 0x1000;

struct Attr {
    std::uint32_t size;
    std::uint32_t sched_policy;
    std::uint64_t sched_flags;
    std::int32_t sched_nice;
    std::uint32_t sched_priority;
    std::uint64_t sched_runtime;
    std::uint64_t sched_deadline;
    std::uint64_t sched_period;
    std::uint32_t sched_util_min;
    std::uint32_t sched_util_max;
};

Attr deadline() {
    Attr a{};
    a.size = sizeof a;
    a.sched_policy = SCHED_DEADLINE;
    a.sched_nice = -3;
    a.sched_runtime = 1000;
    a.sched_deadline = 2000;
    a.sched_period = 3000;
    a.sched_util_min = 1;
    a.sched_util_max = 2;
    return a;
}

std::string setattr_line(const std::string& bytes, std::int64_t ret = 0) {
    Call call("sched_setattr", {0, kAttr, 0});
    call.mem.map(kAttr, bytes);
    return call.exit_with(ret);
}

} // namespace

TEST_CASE("decode::sched_setattr: the struct as long as its size says") {
    Attr a = deadline();
    CHECK(setattr_line(raw_bytes(a)) ==
          "sched_setattr(0, {size=56, sched_policy=SCHED_DEADLINE, sched_flags=0, sched_nice=-3, "
          "sched_priority=0, sched_runtime=1000, sched_deadline=2000, sched_period=3000, sched_util_min=1, "
          "sched_util_max=2}, 0) = 0");
    a.size = 48; // the first version: no utilization clamps
    a.sched_flags = SCHED_FLAG_RESET_ON_FORK | 0x80;
    CHECK(
        setattr_line(raw_bytes(a).substr(0, 48), -22) ==
        "sched_setattr(0, {size=48, sched_policy=SCHED_DEADLINE, sched_flags=SCHED_FLAG_RESET_ON_FORK|0x80, "
        "sched_nice=-3, sched_priority=0, sched_runtime=1000, sched_deadline=2000, sched_period=3000}, 0) = "
        "-1");
    a.size = 0; // 0 means the first version
    a.sched_flags = 0x80;
    a.sched_policy = 99;
    CHECK(
        setattr_line(raw_bytes(a).substr(0, 48), -22) ==
        "sched_setattr(0, {size=0, sched_policy=0x63 /* SCHED_??? */, sched_flags=0x80 /* SCHED_FLAG_??? */, "
        "sched_nice=-3, sched_priority=0, sched_runtime=1000, sched_deadline=2000, sched_period=3000}, 0) = "
        "-1");
    a.size = 20; // shorter than the first version: the size alone
    CHECK(setattr_line(raw_bytes(a).substr(0, 4), -22) == "sched_setattr(0, {size=20}, 0) = -1");
    a = deadline();
    a.size = 4096; // longer than known: what is known, then "..."; only the known part is read
    CHECK(setattr_line(raw_bytes(a), -7) ==
          "sched_setattr(0, {size=4096, sched_policy=SCHED_DEADLINE, sched_flags=0, sched_nice=-3, "
          "sched_priority=0, sched_runtime=1000, sched_deadline=2000, sched_period=3000, sched_util_min=1, "
          "sched_util_max=2, ...}, 0) = -1");
}

TEST_CASE("decode::sched_setattr: kept policy and parameters are left out") {
    Attr a = deadline();
    a.sched_flags = SCHED_FLAG_KEEP_POLICY;
    CHECK(setattr_line(raw_bytes(a)) ==
          "sched_setattr(0, {size=56, sched_flags=SCHED_FLAG_KEEP_POLICY, sched_nice=-3, sched_priority=0, "
          "sched_runtime=1000, sched_deadline=2000, sched_period=3000, sched_util_min=1, sched_util_max=2}, "
          "0) = 0");
    a.sched_flags = SCHED_FLAG_KEEP_PARAMS | SCHED_FLAG_UTIL_CLAMP_MIN;
    CHECK(setattr_line(raw_bytes(a)) ==
          "sched_setattr(0, {size=56, sched_flags=SCHED_FLAG_KEEP_PARAMS|SCHED_FLAG_UTIL_CLAMP_MIN, "
          "sched_util_min=1, sched_util_max=2}, 0) = 0");
    a.sched_policy = 0xffffffff; // a negative policy is printed even when kept
    CHECK(setattr_line(raw_bytes(a), -22) ==
          "sched_setattr(0, {size=56, sched_policy=0xffffffff /* SCHED_??? */, "
          "sched_flags=SCHED_FLAG_KEEP_PARAMS|SCHED_FLAG_UTIL_CLAMP_MIN, sched_util_min=1, "
          "sched_util_max=2}, 0) = -1");
}

TEST_CASE("decode::sched_setattr: unreadable structs are addresses") {
    Attr a = deadline();
    CHECK(setattr_line(raw_bytes(a).substr(0, 2), -14) == "sched_setattr(0, 0x1000, 0) = -1");
    CHECK(setattr_line(raw_bytes(a).substr(0, 40), -14) == "sched_setattr(0, 0x1000, 0) = -1");
    Call null("sched_setattr", {0, 0, 0});
    CHECK(null.exit_with(-14) == "sched_setattr(0, NULL, 0) = -1");
}

TEST_CASE("decode::sched_getattr: what the kernel wrote, bounded by the size argument") {
    Attr a = deadline();
    Call full("sched_getattr", {0, kAttr, sizeof a, 0});
    full.mem.map(kAttr, raw_bytes(a));
    CHECK(full.entry() == "sched_getattr(0, ");
    CHECK(full.exit_with(0) ==
          "sched_getattr(0, {size=56, sched_policy=SCHED_DEADLINE, sched_flags=0, sched_nice=-3, "
          "sched_priority=0, sched_runtime=1000, sched_deadline=2000, sched_period=3000, sched_util_min=1, "
          "sched_util_max=2}, 56, 0) = 0");
    a.size = 48;
    Call v0("sched_getattr", {0, kAttr, 48, 0});
    v0.mem.map(kAttr, raw_bytes(a).substr(0, 48));
    CHECK(v0.exit_with(0) ==
          "sched_getattr(0, {size=48, sched_policy=SCHED_DEADLINE, sched_flags=0, sched_nice=-3, "
          "sched_priority=0, sched_runtime=1000, sched_deadline=2000, sched_period=3000}, 48, 0) = 0");
    Call failed("sched_getattr", {0, kAttr, 8, 0});
    failed.mem.map(kAttr, raw_bytes(a));
    CHECK(failed.exit_with(-22) == "sched_getattr(0, 0x1000, 8, 0) = -1");
    Call zero("sched_getattr", {0, kAttr, 0, 0});
    zero.mem.map(kAttr, raw_bytes(a));
    CHECK(zero.exit_with(0) == "sched_getattr(0, 0x1000, 0, 0) = 0");
    Call unmapped("sched_getattr", {0, kAttr, 4096, 0}); // a huge size reads only the known struct
    unmapped.mem.map(kAttr, raw_bytes(a).substr(0, 30));
    CHECK(unmapped.exit_with(0) == "sched_getattr(0, 0x1000, 4096, 0) = 0");
}

TEST_CASE("decode::membarrier: command, flags, the cpu only with MEMBARRIER_CMD_FLAG_CPU") {
    Call global("membarrier", {MEMBARRIER_CMD_GLOBAL, 0, 0});
    CHECK(global.exit_with(0) == "membarrier(MEMBARRIER_CMD_GLOBAL, 0) = 0");
    Call rseq("membarrier", {MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ, MEMBARRIER_CMD_FLAG_CPU, 1});
    CHECK(rseq.exit_with(-1) ==
          "membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ, MEMBARRIER_CMD_FLAG_CPU, 1) = -1");
    Call unknown("membarrier", {0x400, 2, 7});
    CHECK(unknown.exit_with(-22) ==
          "membarrier(0x400 /* MEMBARRIER_CMD_??? */, 0x2 /* MEMBARRIER_CMD_FLAG_??? */) = -1");
}

TEST_CASE("membarrier_return: MEMBARRIER_CMD_QUERY's commands") {
    Call query("membarrier", {MEMBARRIER_CMD_QUERY, 0, 0});
    query.exit_with(0x7ff);
    trace::Value detail;
    trace::CallView view{};
    view.entry = trace::find_syscall("membarrier");
    view.exiting = true;
    view.ret = 0x7ff;
    view.ret_detail = &detail;
    trace::test::FakeMemory mem;
    trace::DecodeOptions opts;
    const trace::DecodeContext ctx{mem, opts, view};
    const trace::Value ret = trace::membarrier_return(ctx);
    CHECK(ret.type == trace::ValueType::Hex);
    CHECK(ret.num == 0x7ff);
    CHECK(trace::test::render(detail) ==
          "MEMBARRIER_CMD_GLOBAL|MEMBARRIER_CMD_GLOBAL_EXPEDITED|MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED|"
          "MEMBARRIER_CMD_PRIVATE_EXPEDITED|MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED|"
          "MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE|MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE|"
          "MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ|MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ|"
          "MEMBARRIER_CMD_GET_REGISTRATIONS|0x400");
    view.ret = 0;
    CHECK(trace::membarrier_return(ctx).type == trace::ValueType::Unknown);
    view.args[0] = MEMBARRIER_CMD_GLOBAL; // another command's return is a plain number
    view.ret = 1;
    CHECK(trace::membarrier_return(ctx).type == trace::ValueType::Unknown);
}

namespace {

struct RseqArea {
    std::uint32_t cpu_id_start;
    std::uint32_t cpu_id;
    std::uint64_t rseq_cs;
    std::uint32_t flags;
    std::uint32_t node_id;
    std::uint32_t mm_cid;
    std::uint8_t request;
    std::uint8_t granted;
    std::uint16_t slice_reserved;
};
static_assert(sizeof(RseqArea) == 32);

struct RseqCs {
    std::uint32_t version;
    std::uint32_t flags;
    std::uint64_t start_ip;
    std::uint64_t post_commit_offset;
    std::uint64_t abort_ip;
};

constexpr std::uint64_t kRseq = 0x2000;
constexpr std::uint64_t kRseqCs = 0x3000;

} // namespace

// Lines as strace 7.2 prints them (its src/rseq.c; glibc's registration at every program's start).
TEST_CASE("decode::rseq: struct rseq, its critical section, flags") {
    RseqArea r{};
    r.cpu_id = 0xffffffff;
    Call start("rseq", {kRseq, 32, 0, 0x53053053});
    start.mem.map(kRseq, raw_bytes(r));
    CHECK(start.exit_with(0) ==
          "rseq({cpu_id_start=0, cpu_id=RSEQ_CPU_ID_UNINITIALIZED, rseq_cs=NULL, flags=0, node_id=0, "
          "mm_cid=0, slice_ctrl={request=0, granted=0, __reserved=0}, __reserved=0}, 32, 0, 0x53053053) = 0");

    r.cpu_id_start = 3;
    r.cpu_id = 0xfffffffb; // no name: the number, unsigned
    r.rseq_cs = kRseqCs;
    r.flags = 1;
    r.mm_cid = 2;
    r.granted = 1;
    const RseqCs cs{0, 6, 0x401000, 0x20, 0x401100};
    Call running("rseq", {kRseq, 32, 1, 0x53053053});
    running.mem.map(kRseq, raw_bytes(r));
    running.mem.map(kRseqCs, raw_bytes(cs));
    CHECK(
        running.exit_with(0) ==
        "rseq({cpu_id_start=3, cpu_id=4294967291, rseq_cs={version=0, "
        "flags=RSEQ_CS_FLAG_NO_RESTART_ON_SIGNAL|RSEQ_CS_FLAG_NO_RESTART_ON_MIGRATE, start_ip=0x401000, "
        "post_commit_offset=0x20, abort_ip=0x401100} /* 0x3000 */, flags=RSEQ_CS_FLAG_NO_RESTART_ON_PREEMPT, "
        "node_id=0, mm_cid=2, slice_ctrl={request=0, granted=1, __reserved=0}, __reserved=0}, 32, "
        "RSEQ_FLAG_UNREGISTER, 0x53053053) = 0");

    // The kernel refuses a short or misaligned area: its bytes are not shown.
    Call shorter("rseq", {kRseq, 16, 0, 0x53053053});
    shorter.mem.map(kRseq, raw_bytes(r));
    CHECK(shorter.exit_with(-22) == "rseq(0x2000, 16, 0, 0x53053053) = -1");
    Call misaligned("rseq", {kRseq + 8, 32, 0x4, 0x53053053});
    CHECK(misaligned.exit_with(-22) == "rseq(0x2008, 32, 0x4 /* RSEQ_FLAG_??? */, 0x53053053) = -1");
    Call unmapped("rseq", {0x9000, 32, 0, 0});
    CHECK(unmapped.exit_with(-14) == "rseq(0x9000, 32, 0, 0) = -1");
}
