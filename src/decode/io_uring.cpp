// Decoders of io_uring_setup, io_uring_enter and io_uring_register.
#include "trace/decode/io_uring.hpp"

#include "trace/decode/array.hpp"
#include "trace/decode/fd_info.hpp"
#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"
#include "trace/decode/signal.hpp"
#include "trace/decode/time.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace trace {

namespace {

// The kernel's structures (include/uapi/linux/io_uring.h), as x86-64 lays them out.
struct SqringOffsets {
    std::uint32_t head, tail, ring_mask, ring_entries, flags, dropped, array, resv1;
    std::uint64_t user_addr;
};

struct CqringOffsets {
    std::uint32_t head, tail, ring_mask, ring_entries, overflow, cqes, flags, resv1;
    std::uint64_t user_addr;
};

struct UringParams {
    std::uint32_t sq_entries, cq_entries, flags, sq_thread_cpu, sq_thread_idle, features, wq_fd;
    std::array<std::uint32_t, 3> resv;
    SqringOffsets sq_off;
    CqringOffsets cq_off;
};
static_assert(sizeof(UringParams) == 120);

struct GeteventsArg {
    std::uint64_t sigmask;
    std::uint32_t sigmask_sz;
    std::uint32_t min_wait_usec;
    std::uint64_t ts;
};
static_assert(sizeof(GeteventsArg) == 24);

constexpr std::uint32_t kSetupAttachWq = 1U << 5;      // IORING_SETUP_ATTACH_WQ
constexpr std::uint32_t kEnterExtArg = 1U << 3;        // IORING_ENTER_EXT_ARG
constexpr std::uint32_t kEnterExtArgReg = 1U << 6;     // IORING_ENTER_EXT_ARG_REG
constexpr std::uint32_t kUseRegisteredRing = 1U << 31; // IORING_REGISTER_USE_REGISTERED_RING

Value u32(std::uint32_t v) {
    return Value::unsigned_int(v);
}

// The part of struct io_uring_params the caller fills in.
Value params_in(const DecodeContext& ctx, const UringParams& p) {
    Value v = Value::structure();
    v.add("flags", flags_value(flagsets::uring_setup_flags, p.flags, "IORING_SETUP_???"));
    v.add("sq_thread_cpu", Value::hex(p.sq_thread_cpu));
    v.add("sq_thread_idle", u32(p.sq_thread_idle));
    if ((p.flags & kSetupAttachWq) != 0) v.add("wq_fd", fd_value(ctx, static_cast<std::int32_t>(p.wq_fd)));
    if (std::any_of(p.resv.begin(), p.resv.end(), [](std::uint32_t r) { return r != 0; })) {
        Value resv = Value::array();
        for (const std::uint32_t r : p.resv)
            resv.push(Value::hex(r));
        v.add("resv", std::move(resv));
    }
    return v;
}

Value sq_offsets(const SqringOffsets& o) {
    Value v = Value::structure();
    v.add("head", u32(o.head));
    v.add("tail", u32(o.tail));
    v.add("ring_mask", u32(o.ring_mask));
    v.add("ring_entries", u32(o.ring_entries));
    v.add("flags", u32(o.flags));
    v.add("dropped", u32(o.dropped));
    v.add("array", u32(o.array));
    if (o.resv1 != 0) v.add("resv1", Value::hex(o.resv1));
    v.add("user_addr", Value::hex(o.user_addr));
    return v;
}

Value cq_offsets(const CqringOffsets& o) {
    Value v = Value::structure();
    v.add("head", u32(o.head));
    v.add("tail", u32(o.tail));
    v.add("ring_mask", u32(o.ring_mask));
    v.add("ring_entries", u32(o.ring_entries));
    v.add("overflow", u32(o.overflow));
    v.add("cqes", u32(o.cqes));
    v.add("flags", u32(o.flags));
    if (o.resv1 != 0) v.add("resv1", Value::hex(o.resv1));
    v.add("user_addr", Value::hex(o.user_addr));
    return v;
}

// The kernel's answer, after the caller's part.
void add_params_out(Value& v, const UringParams& p) {
    v.add("sq_entries", u32(p.sq_entries));
    v.add("cq_entries", u32(p.cq_entries));
    v.add("features", flags_value(flagsets::uring_setup_features, p.features, "IORING_FEAT_???"));
    v.add("sq_off", sq_offsets(p.sq_off));
    v.add("cq_off", cq_offsets(p.cq_off));
}

Value struct_or_address(const DecodeContext& ctx, std::uint64_t addr, auto&& read_and_render) {
    if (addr == 0 || !ctx.deref()) return Value::address(addr);
    return read_and_render();
}

Value getevents_arg_value(const DecodeContext& ctx, std::uint64_t addr) {
    return struct_or_address(ctx, addr, [&] {
        GeteventsArg arg{};
        if (!ctx.mem.read_object(addr, arg)) return Value::address(addr);
        Value v = Value::structure();
        v.add("sigmask", sigset_at(ctx.mem, arg.sigmask, arg.sigmask_sz));
        v.add("sigmask_sz", u32(arg.sigmask_sz));
        v.add("min_wait_usec", u32(arg.min_wait_usec));
        v.add("ts", timespec_at(ctx.mem, arg.ts));
        return v;
    });
}

Value opcode_value(std::uint32_t raw) {
    const std::uint32_t opcode = raw & ~kUseRegisteredRing;
    Value op = enum_value(flagsets::uring_register_opcodes, opcode, "IORING_REGISTER_???");
    if ((raw & kUseRegisteredRing) == 0) return op;
    // "IORING_REGISTER_FILES|IORING_REGISTER_USE_REGISTERED_RING"; an unknown opcode keeps its comment
    Value v = Value::flags(raw);
    v.push(std::move(op));
    add_part(v, flags_value(flagsets::uring_register_opcode_flags, raw & kUseRegisteredRing));
    return v;
}

// The opcodes whose argument is an array of nr_args descriptors.
constexpr std::array kFdArrayOpcodes{2U /* FILES */, 4U /* EVENTFD */, 7U /* EVENTFD_ASYNC */};

} // namespace

int decode_io_uring_setup(const DecodeContext& ctx, std::vector<Value>& values) {
    const std::uint64_t addr = ctx.arg(1);
    if (!ctx.call.exiting) {
        values.clear();
        values.push_back(u32(static_cast<std::uint32_t>(ctx.arg(0))));
        values.push_back(struct_or_address(ctx, addr, [&] {
            UringParams p{};
            return ctx.mem.read_object(addr, p) ? params_in(ctx, p) : Value::address(addr);
        }));
        return 1; // the structure is completed at exit
    }
    Value& params = values.at(1);
    UringParams p{};
    if (params.type == ValueType::Struct && !ctx.call.failed && ctx.mem.read_object(addr, p))
        add_params_out(params, p);
    return 1;
}

int decode_io_uring_enter(const DecodeContext& ctx, std::vector<Value>& values) {
    if (ctx.call.exiting) return static_cast<int>(values.size());
    const auto flags = static_cast<std::uint32_t>(ctx.arg(3));
    values.clear();
    values.push_back(fd_value(ctx, static_cast<int>(static_cast<std::uint32_t>(ctx.arg(0)))));
    values.push_back(u32(static_cast<std::uint32_t>(ctx.arg(1))));
    values.push_back(u32(static_cast<std::uint32_t>(ctx.arg(2))));
    values.push_back(flags_value(flagsets::uring_enter_flags, flags, "IORING_ENTER_???"));
    const bool ext_arg = (flags & kEnterExtArg) != 0;
    const bool ext_arg_reg = (flags & kEnterExtArgReg) != 0;
    if (ext_arg_reg && !ext_arg)
        values.push_back(Value::unsigned_int(ctx.arg(4))); // an offset into the registered wait region
    else if (ext_arg && !ext_arg_reg)
        values.push_back(getevents_arg_value(ctx, ctx.arg(4)));
    else
        values.push_back(sigset_at(ctx.mem, ctx.arg(4), ctx.arg(5)));
    values.push_back(Value::unsigned_int(ctx.arg(5)));
    return static_cast<int>(values.size());
}

int decode_io_uring_register(const DecodeContext& ctx, std::vector<Value>& values) {
    if (ctx.call.exiting) return static_cast<int>(values.size());
    const auto raw = static_cast<std::uint32_t>(ctx.arg(1));
    const std::uint32_t opcode = raw & ~kUseRegisteredRing;
    const auto nr = static_cast<std::uint32_t>(ctx.arg(3));
    const int fd = static_cast<int>(static_cast<std::uint32_t>(ctx.arg(0)));
    values.clear();
    // With IORING_REGISTER_USE_REGISTERED_RING the fd is an index, not a descriptor.
    values.push_back((raw & kUseRegisteredRing) != 0 ? u32(static_cast<std::uint32_t>(fd))
                                                     : fd_value(ctx, fd));
    values.push_back(opcode_value(raw));
    if (std::find(kFdArrayOpcodes.begin(), kFdArrayOpcodes.end(), opcode) != kFdArrayOpcodes.end())
        values.push_back(
            array_at<std::int32_t>(ctx, ctx.arg(2), nr, [&](std::int32_t d) { return fd_value(ctx, d); }));
    else
        values.push_back(Value::address(ctx.arg(2)));
    values.push_back(u32(nr));
    return static_cast<int>(values.size());
}

} // namespace trace
