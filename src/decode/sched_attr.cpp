// struct sched_attr, as sched_setattr passes it and sched_getattr receives it.
#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"
#include "trace/decode/sched.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <linux/sched.h>
#include <span>

namespace trace {

namespace {

// <linux/sched/types.h>'s struct sched_attr (that header clashes with glibc's <sched.h>).
struct SchedAttr {
    std::uint32_t size;
    std::uint32_t sched_policy;
    std::uint64_t sched_flags;
    std::int32_t sched_nice;
    std::uint32_t sched_priority;
    std::uint64_t sched_runtime;
    std::uint64_t sched_deadline;
    std::uint64_t sched_period;
    std::uint32_t sched_util_min; // from SCHED_ATTR_SIZE_VER1
    std::uint32_t sched_util_max;
};

constexpr std::uint32_t kSizeVer0 = 48;
constexpr std::uint32_t kSizeVer1 = 56;
static_assert(sizeof(SchedAttr) == kSizeVer1);
static_assert(offsetof(SchedAttr, sched_util_min) == kSizeVer0);

// Reads the first size bytes (at most the known struct) into attr, the rest left zero.
bool read_prefix(RemoteMemory& mem, std::uint64_t addr, std::uint32_t size, SchedAttr& attr) {
    const std::size_t n = std::min<std::size_t>(size, sizeof attr);
    return mem.read(addr, std::as_writable_bytes(std::span<SchedAttr, 1>(&attr, 1)).first(n)) == n;
}

struct Shown {
    bool policy = true;
    bool params = true;
};

// strace's fields: size, then up to the size the struct has (shown), then "..." when the caller's
// struct is longer than what is shown.
Value attr_value(const SchedAttr& attr, std::uint32_t size, std::uint32_t declared, Shown shown) {
    Value v = Value::structure();
    v.add("size", Value::unsigned_int(attr.size));
    if (size >= kSizeVer0) {
        if (shown.policy)
            v.add("sched_policy", enum_value(flagsets::sched_policies, attr.sched_policy, "SCHED_???"));
        v.add("sched_flags", flags_value(flagsets::sched_flags, attr.sched_flags, "SCHED_FLAG_???"));
        if (shown.params) {
            v.add("sched_nice", Value::signed_int(attr.sched_nice));
            v.add("sched_priority", Value::unsigned_int(attr.sched_priority));
            v.add("sched_runtime", Value::unsigned_int(attr.sched_runtime));
            v.add("sched_deadline", Value::unsigned_int(attr.sched_deadline));
            v.add("sched_period", Value::unsigned_int(attr.sched_period));
        }
        if (size >= kSizeVer1) {
            v.add("sched_util_min", Value::unsigned_int(attr.sched_util_min));
            v.add("sched_util_max", Value::unsigned_int(attr.sched_util_max));
        }
    }
    v.truncated = declared > size;
    return v;
}

} // namespace

// The caller's size field says how much to read (0 means the first version); with
// SCHED_FLAG_KEEP_POLICY or SCHED_FLAG_KEEP_PARAMS the kept fields are left out, as the kernel ignores them.
Value decode_sched_attr_in(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    SchedAttr attr{};
    if (addr == 0 || !ctx.deref() || !ctx.mem.read_object(addr, attr.size)) return Value::address(addr);
    const std::uint32_t declared = attr.size == 0 ? kSizeVer0 : attr.size;
    const std::uint32_t size = std::min<std::uint32_t>(declared, kSizeVer1);
    if (size >= kSizeVer0 && !read_prefix(ctx.mem, addr, size, attr)) return Value::address(addr);
    Shown shown;
    const bool keep_params = (attr.sched_flags & SCHED_FLAG_KEEP_PARAMS) != 0;
    shown.policy = static_cast<std::int32_t>(attr.sched_policy) < 0 ||
                   (attr.sched_flags & (SCHED_FLAG_KEEP_POLICY | SCHED_FLAG_KEEP_PARAMS)) == 0;
    shown.params = !keep_params;
    return attr_value(attr, size, declared, shown);
}

// The kernel writes at most the size argument and says in the size field how much it wrote.
Value decode_sched_attr_out(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    const auto usize = static_cast<std::uint32_t>(ctx.arg(i + 1));
    SchedAttr attr{};
    if (!ctx.call.exiting || ctx.call.failed || usize == 0 || addr == 0 || !ctx.deref() ||
        !read_prefix(ctx.mem, addr, usize, attr))
        return Value::address(addr);
    return attr_value(attr, attr.size, attr.size, Shown{});
}

} // namespace trace
