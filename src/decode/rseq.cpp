// rseq's struct rseq and its flags, as strace 7.2 prints them.
#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"
#include "trace/decode/sched.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace trace {

namespace {

// The kernel's struct rseq as its newest release has it: the original 32 bytes end with
// slice_ctrl; __reserved follows, inside the 32-byte aligned allocation.
struct RseqArea {
    std::uint32_t cpu_id_start;
    std::uint32_t cpu_id;
    std::uint64_t rseq_cs;
    std::uint32_t flags;
    std::uint32_t node_id;
    std::uint32_t mm_cid;
    std::uint8_t slice_request;
    std::uint8_t slice_granted;
    std::uint16_t slice_reserved;
    std::uint8_t reserved;
};
constexpr std::uint64_t kOriginalSize = 32;
constexpr std::uint64_t kAreaSize = 64; // sizeof(struct rseq), aligned to 32

struct RseqCs {
    std::uint32_t version;
    std::uint32_t flags;
    std::uint64_t start_ip;
    std::uint64_t post_commit_offset;
    std::uint64_t abort_ip;
};

// A cpu number, or what stands in for one (RSEQ_CPU_ID_UNINITIALIZED, -1 under -X raw).
Value cpu_id_value(std::uint32_t id) {
    const auto as_int = static_cast<std::int64_t>(static_cast<std::int32_t>(id));
    Value named = enum_value(flagsets::rseq_cpu_ids, static_cast<std::uint64_t>(as_int), {},
                             ValueType::Unsigned, ValueType::Signed);
    return named.type == ValueType::Symbol ? named : Value::unsigned_int(id);
}

// The critical section rseq_cs points to, with its address in a comment; the pointer as it is when it
// is NULL or cannot be read.
Value rseq_cs_value(const DecodeContext& ctx, std::uint64_t addr) {
    RseqCs cs{};
    if (addr == 0 || !ctx.mem.read_object(addr, cs)) return Value::address(addr);
    Value v = Value::structure();
    v.add("version", Value::unsigned_int(cs.version));
    v.add("flags", flags_value(flagsets::rseq_cs_flags, cs.flags, "RSEQ_CS_FLAG_???"));
    v.add("start_ip", Value::hex(cs.start_ip));
    v.add("post_commit_offset", Value::hex(cs.post_commit_offset));
    v.add("abort_ip", Value::hex(cs.abort_ip));
    v.note(Value::address(addr));
    return v;
}

} // namespace

Value decode_rseq_area(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    const auto len = static_cast<std::uint32_t>(ctx.arg(i + 1));
    if (len < kOriginalSize || addr % kOriginalSize != 0) return Value::address(addr);
    std::array<std::byte, kAreaSize> bytes{};
    const std::size_t wanted = std::min<std::uint64_t>(len, kAreaSize);
    if (ctx.mem.read(addr, std::span(bytes.data(), wanted)) != wanted) return Value::address(addr);
    RseqArea r{};
    std::memcpy(&r, bytes.data(), sizeof r);
    Value slice = Value::structure();
    slice.add("request", Value::unsigned_int(r.slice_request));
    slice.add("granted", Value::unsigned_int(r.slice_granted));
    slice.add("__reserved", Value::hex(r.slice_reserved));
    Value v = Value::structure();
    v.add("cpu_id_start", cpu_id_value(r.cpu_id_start));
    v.add("cpu_id", cpu_id_value(r.cpu_id));
    v.add("rseq_cs", rseq_cs_value(ctx, r.rseq_cs));
    v.add("flags", flags_value(flagsets::rseq_cs_flags, r.flags, "RSEQ_CS_FLAG_???"));
    v.add("node_id", Value::unsigned_int(r.node_id));
    v.add("mm_cid", Value::unsigned_int(r.mm_cid));
    v.add("slice_ctrl", std::move(slice));
    v.add("__reserved", Value::hex(r.reserved)); // 0 when the area is the original 32 bytes
    return v;
}

Value decode_rseq_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::rseq_flags, static_cast<std::uint32_t>(ctx.arg(i)), "RSEQ_FLAG_???");
}

} // namespace trace
