// fcntl: the third argument and the return value depend on the command.
#include "trace/decode/arg_decoders.hpp"
#include "trace/decode/fd_info.hpp"
#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"
#include "trace/decode/fs.hpp"

#include <fcntl.h>

namespace trace {

namespace {

// struct flock on x86-64.
struct KernelFlock {
    std::int16_t type;
    std::int16_t whence;
    std::int64_t start;
    std::int64_t len;
    std::int32_t pid;
};

struct KernelOwnerEx {
    std::int32_t type;
    std::int32_t pid;
};

enum class FcntlArg {
    none,
    int_,
    fd_flags,
    open_flags,
    signal,
    lease,
    notify,
    seals,
    lock_in,
    lock_out,
    owner_in,
    owner_out
};

FcntlArg fcntl_arg_of(int cmd) {
    switch (cmd) {
    case F_GETFD:
    case F_GETFL:
    case F_GETOWN:
    case F_GETSIG:
    case F_GETLEASE:
    case F_GETPIPE_SZ:
    case F_GET_SEALS:
        return FcntlArg::none;
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
    case F_SETOWN:
    case F_SETPIPE_SZ:
    case 1027: // F_DUPFD_QUERY
        return FcntlArg::int_;
    case F_SETFD:
        return FcntlArg::fd_flags;
    case F_SETFL:
        return FcntlArg::open_flags;
    case F_SETSIG:
        return FcntlArg::signal;
    case F_SETLEASE:
        return FcntlArg::lease;
    case F_NOTIFY:
        return FcntlArg::notify;
    case F_ADD_SEALS:
        return FcntlArg::seals;
    case F_SETLK:
    case F_SETLKW:
    case F_OFD_SETLK:
    case F_OFD_SETLKW:
        return FcntlArg::lock_in;
    case F_GETLK:
    case F_OFD_GETLK:
        return FcntlArg::lock_out;
    case F_SETOWN_EX:
        return FcntlArg::owner_in;
    case F_GETOWN_EX:
        return FcntlArg::owner_out;
    default:
        return FcntlArg::int_;
    }
}

Value flock_value(const DecodeContext& ctx, std::uint64_t addr, bool with_pid) {
    KernelFlock fl{};
    if (addr == 0 || !ctx.deref() || !ctx.mem.read_object(addr, fl)) return Value::address(addr);
    Value v = Value::structure();
    v.add("l_type", enum_value(flagsets::lock_types, static_cast<std::uint16_t>(fl.type), "F_???"));
    v.add("l_whence", enum_value(flagsets::seek_whence, static_cast<std::uint16_t>(fl.whence), "SEEK_???"));
    v.add("l_start", Value::signed_int(fl.start));
    v.add("l_len", Value::signed_int(fl.len));
    if (with_pid) v.add("l_pid", Value::signed_int(fl.pid));
    return v;
}

Value owner_value(const DecodeContext& ctx, std::uint64_t addr) {
    KernelOwnerEx owner{};
    if (addr == 0 || !ctx.deref() || !ctx.mem.read_object(addr, owner)) return Value::address(addr);
    Value v = Value::structure();
    v.add("type", enum_value(flagsets::owner_types, static_cast<std::uint32_t>(owner.type), "F_OWNER_???"));
    v.add("pid", Value::signed_int(owner.pid));
    return v;
}

Value fcntl_input(const DecodeContext& ctx, FcntlArg kind) {
    const std::uint64_t raw = ctx.arg(2);
    const auto low = static_cast<std::uint32_t>(raw);
    switch (kind) {
    case FcntlArg::int_:
        return Value::signed_int(static_cast<std::int32_t>(low));
    case FcntlArg::fd_flags:
        return flags_value(flagsets::fd_flags, low);
    case FcntlArg::open_flags:
        return open_flags_value(low);
    case FcntlArg::signal:
        return signal_value(static_cast<int>(low));
    case FcntlArg::lease:
        return enum_value(flagsets::lock_types, low, "F_???");
    case FcntlArg::notify:
        return flags_value(flagsets::notify_flags, low, "DN_???");
    case FcntlArg::seals:
        return flags_value(flagsets::seals, low, "F_SEAL_???");
    case FcntlArg::lock_in:
        return flock_value(ctx, raw, false);
    case FcntlArg::owner_in:
        return owner_value(ctx, raw);
    default:
        return Value::hex(raw);
    }
}

void set_detail(const DecodeContext& ctx, Value detail) {
    if (ctx.call.ret_detail != nullptr) *ctx.call.ret_detail = std::move(detail);
}

Value labelled(const char* label, Value v) {
    Value s = Value::structure();
    s.add(label, std::move(v));
    return s;
}

} // namespace

int decode_fcntl_call(const DecodeContext& ctx, std::vector<Value>& values) {
    const int cmd = static_cast<int>(static_cast<std::uint32_t>(ctx.arg(1)));
    const FcntlArg kind = fcntl_arg_of(cmd);
    if (!ctx.call.exiting) {
        values.clear();
        values.push_back(fd_value(ctx, static_cast<int>(static_cast<std::uint32_t>(ctx.arg(0)))));
        const char* name = enum_name(flagsets::fcntl_cmds, static_cast<std::uint32_t>(cmd));
        if (name == nullptr) {
            Value unknown = Value::hex(static_cast<std::uint32_t>(cmd));
            unknown.note(Value::name("F_???"));
            values.push_back(std::move(unknown));
            values.push_back(Value::hex(ctx.arg(2)));
            return 3;
        }
        values.push_back(Value::symbol(name, static_cast<std::uint32_t>(cmd)));
        if (kind == FcntlArg::none) return 2;
        if (kind == FcntlArg::lock_out || kind == FcntlArg::owner_out) {
            values.push_back(Value::unknown());
            return 2;
        }
        values.push_back(fcntl_input(ctx, kind));
        return 3;
    }
    if (values.size() == 3 && values[2].type == ValueType::Unknown) {
        const std::uint64_t addr = ctx.arg(2);
        if (ctx.call.failed)
            values[2] = Value::address(addr);
        else
            values[2] = kind == FcntlArg::lock_out ? flock_value(ctx, addr, true) : owner_value(ctx, addr);
    }
    return -1;
}

Value fcntl_return(const DecodeContext& ctx) {
    const auto ret = static_cast<std::uint64_t>(ctx.call.ret);
    switch (static_cast<int>(static_cast<std::uint32_t>(ctx.arg(1)))) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
        return fd_value(ctx, static_cast<int>(ctx.call.ret));
    case F_GETFD:
        if (ret == 0) return Value::unknown();
        set_detail(ctx, labelled("flags", flags_value(flagsets::fd_flags, ret)));
        return Value::hex(ret);
    case F_GETFL: // strace prints these names even under -X raw
        set_detail(ctx, labelled("flags", names_in_raw(open_flags_value(static_cast<std::uint32_t>(ret)))));
        return Value::hex(ret);
    case F_GETLEASE:
        if (const char* name = enum_name(flagsets::lock_types, ret)) set_detail(ctx, Value::name(name));
        return Value::hex(ret);
    case F_GET_SEALS:
        if (ret == 0) return Value::unknown();
        set_detail(ctx, labelled("seals", flags_value(flagsets::seals, ret, "F_SEAL_???")));
        return Value::hex(ret);
    case F_GETSIG:
        if (const Value sig = signal_value(static_cast<int>(ret)); ret != 0 && sig.type == ValueType::Symbol)
            set_detail(ctx, names_in_raw(sig));
        return Value::unknown();
    default:
        return Value::unknown();
    }
}

} // namespace trace
