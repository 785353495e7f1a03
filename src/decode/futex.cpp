// futex: which arguments are printed, and how, is a table indexed by the command (the operation
// without FUTEX_PRIVATE_FLAG and FUTEX_CLOCK_REALTIME); futex_waitv's waiters.
#include "trace/decode/futex.hpp"

#include "trace/decode/array.hpp"
#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"
#include "trace/decode/time.hpp"

#include <algorithm>
#include <array>
#include <linux/futex.h>
#include <string>

namespace trace {

namespace {

// What one printed argument after the operation is.
enum class Slot : std::uint8_t {
    val,          // the third argument, unsigned
    timeout,      // the fourth, a struct timespec
    val2,         // the fourth as a number (the requeue and wake counts)
    uaddr2,       // the fifth, an address
    val3,         // the sixth, unsigned (the value CMP_REQUEUE compares)
    bitset,       // the sixth, a bitset (FUTEX_BITSET_MATCH_ANY)
    wake_op,      // the sixth, FUTEX_WAKE_OP's encoded operation
    timeout_addr, // the fourth as an address (unknown commands)
    val3_hex,     // the sixth in hex (unknown commands)
};

struct Layout {
    int cmd;
    std::size_t count;
    std::array<Slot, 4> slots;
};

using enum Slot;

// The arguments strace prints after uaddr and op, per command.
constexpr std::array kLayouts{
    Layout{FUTEX_WAIT, 2, {val, timeout}},
    Layout{FUTEX_WAKE, 1, {val}},
    Layout{FUTEX_FD, 1, {val}},
    Layout{FUTEX_REQUEUE, 3, {val, val2, uaddr2}},
    Layout{FUTEX_CMP_REQUEUE, 4, {val, val2, uaddr2, val3}},
    Layout{FUTEX_WAKE_OP, 4, {val, val2, uaddr2, wake_op}},
    Layout{FUTEX_LOCK_PI, 1, {timeout}},
    Layout{FUTEX_UNLOCK_PI, 0, {}},
    Layout{FUTEX_TRYLOCK_PI, 0, {}},
    Layout{FUTEX_WAIT_BITSET, 3, {val, timeout, bitset}},
    Layout{FUTEX_WAKE_BITSET, 2, {val, bitset}},
    Layout{FUTEX_WAIT_REQUEUE_PI, 3, {val, timeout, uaddr2}},
    Layout{FUTEX_CMP_REQUEUE_PI, 4, {val, val2, uaddr2, val3}},
    Layout{FUTEX_LOCK_PI2, 1, {timeout}},
};
constexpr Layout kUnknownCommand{-1, 4, {val, timeout_addr, uaddr2, val3_hex}};

// strace takes the command as the operation's low seven bits.
constexpr int kCommandMask = 127;

const Layout& layout_of(std::uint32_t op) {
    const int cmd = static_cast<int>(op & kCommandMask);
    const auto* it =
        std::find_if(kLayouts.begin(), kLayouts.end(), [cmd](const Layout& l) { return l.cmd == cmd; });
    return it != kLayouts.end() ? *it : kUnknownCommand;
}

// A timespec, or its address when structures are not decoded for this call (-e verbose=).
Value timeout_value(const DecodeContext& ctx, std::uint64_t addr) {
    if (addr != 0 && !ctx.deref()) return Value::address(addr);
    return timespec_at(ctx.mem, addr);
}

Value slot_value(const DecodeContext& ctx, Slot slot) {
    const auto low = [&](int i) { return static_cast<std::uint32_t>(ctx.arg(i)); };
    switch (slot) {
    case val:
        return Value::unsigned_int(low(2));
    case timeout:
        return timeout_value(ctx, ctx.arg(3));
    case val2:
        return Value::unsigned_int(low(3));
    case uaddr2:
        return Value::address(ctx.arg(4));
    case val3:
        return Value::unsigned_int(low(5));
    case bitset:
        return enum_value(flagsets::futex_bitset, low(5));
    case wake_op:
        return futex_wake_op_value(low(5));
    case timeout_addr:
        return Value::address(ctx.arg(3));
    case val3_hex:
        return Value::hex(low(5));
    }
    return Value::unknown();
}

// One field of FUTEX_WAKE_OP's operation: "NAME<<shift", or "0x7<<shift /* unknown */".
Value shifted_name(FlagTable table, std::uint32_t v, int shift, const char* unknown) {
    Value op = Value::operation(enum_value(table, v), "<<", Value::signed_int(shift));
    if (enum_name(table, v) == nullptr) {
        op.fields[0].value.notes.clear(); // the note goes after the shift
        op.note(Value::name(unknown));
    }
    return op;
}

struct KernelFutexWaitv {
    std::uint64_t val;
    std::uint64_t uaddr;
    std::uint32_t flags;
    std::uint32_t reserved;
};

constexpr std::uint32_t kFutex2SizeMask = 3;
constexpr std::uint64_t kFutexWaitvMax = 128; // FUTEX_WAITV_MAX: strace shows no more

Value waiter_value(const KernelFutexWaitv& w) {
    Value v = Value::structure();
    v.add("val", Value::hex(w.val));
    v.add("uaddr", Value::address(w.uaddr));
    v.add("flags", futex2_flags_value(w.flags));
    if (w.reserved != 0) v.add("__reserved", Value::hex(w.reserved));
    return v;
}

} // namespace

Value futex_wake_op_value(std::uint32_t val3) {
    constexpr std::uint32_t kOpargShift = 8; // FUTEX_OP_OPARG_SHIFT, in the operation's four bits
    const std::uint32_t op = val3 >> 28;
    Value v = Value::flags(val3);
    if ((op & kOpargShift) != 0)
        v.push(Value::operation(Value::name("FUTEX_OP_OPARG_SHIFT"), "<<", Value::signed_int(28)));
    v.push(shifted_name(flagsets::futex_wake_ops, op & 7, 28, "FUTEX_OP_???"));
    v.push(Value::operation(Value::hex((val3 >> 12) & 0xfff), "<<", Value::signed_int(12)));
    v.push(shifted_name(flagsets::futex_wake_cmps, (val3 >> 24) & 0xf, 24, "FUTEX_OP_CMP_???"));
    v.push(Value::hex(val3 & 0xfff));
    return v;
}

Value futex2_flags_value(std::uint32_t flags) {
    const char* size = enum_name(flagsets::futex2_sizes, flags & kFutex2SizeMask);
    Value v = Value::flags(flags);
    v.push(size != nullptr ? Value::symbol(size, flags & kFutex2SizeMask)
                           : Value::hex(flags & kFutex2SizeMask));
    if (const std::uint32_t rest = flags & ~kFutex2SizeMask; rest != 0)
        add_part(v, flags_value(flagsets::futex2_flags, rest));
    return v;
}

int decode_futex(const DecodeContext& ctx, std::vector<Value>& values) {
    if (ctx.call.exiting) return static_cast<int>(values.size());
    const auto op = static_cast<std::uint32_t>(ctx.arg(1));
    const Layout& layout = layout_of(op);
    values.clear();
    values.push_back(Value::address(ctx.arg(0)));
    values.push_back(enum_value(flagsets::futex_ops, op, "FUTEX_???"));
    for (std::size_t k = 0; k < layout.count; ++k)
        values.push_back(slot_value(ctx, layout.slots[k]));
    return static_cast<int>(values.size());
}

int decode_futex_waitv(const DecodeContext& ctx, std::vector<Value>& values) {
    if (ctx.call.exiting) return static_cast<int>(values.size());
    const auto nr = static_cast<std::uint32_t>(ctx.arg(1));
    values.clear();
    values.push_back(array_at<KernelFutexWaitv>(ctx, ctx.arg(0), nr, waiter_value, kFutexWaitvMax));
    values.push_back(Value::unsigned_int(nr));
    values.push_back(Value::hex(static_cast<std::uint32_t>(ctx.arg(2))));
    values.push_back(timeout_value(ctx, ctx.arg(3)));
    values.push_back(enum_value(flagsets::clock_ids, static_cast<std::uint32_t>(ctx.arg(4)), "CLOCK_???"));
    return static_cast<int>(values.size());
}

} // namespace trace
