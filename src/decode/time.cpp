// Decoders of times and clocks.
#include "trace/decode/time.hpp"

#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"

#include <array>
#include <cerrno>
#include <sys/times.h>

namespace trace {

namespace {

// The kernel's restart codes: a signal cut the call (ERESTARTSYS, ERESTARTNOINTR, ERESTARTNOHAND,
// ERESTART_RESTARTBLOCK).
bool interrupted(const CallView& call) {
    const std::int64_t err = -call.ret;
    return call.failed && (err == 512 || err == 513 || err == 514 || err == 516);
}

template <typename T, typename F> Value struct_at(RemoteMemory& mem, std::uint64_t addr, F&& render) {
    if (addr == 0) return Value::address(0);
    T object{};
    if (!mem.read_object(addr, object)) return Value::address(addr);
    return render(object);
}

Value itimerval_value(const itimerval& it) {
    Value v = Value::structure();
    v.add("it_interval", timeval_value(it.it_interval));
    v.add("it_value", timeval_value(it.it_value));
    return v;
}

Value itimerspec_value(const itimerspec& it) {
    Value v = Value::structure();
    v.add("it_interval", timespec_value(it.it_interval));
    v.add("it_value", timespec_value(it.it_value));
    return v;
}

} // namespace

Value timespec_value(const timespec& ts) {
    Value v = Value::structure();
    v.add("tv_sec", Value::signed_int(ts.tv_sec));
    v.add("tv_nsec", Value::signed_int(ts.tv_nsec));
    return v;
}

Value timeval_value(const timeval& tv) {
    Value v = Value::structure();
    v.add("tv_sec", Value::signed_int(tv.tv_sec));
    v.add("tv_usec", Value::unsigned_int(static_cast<std::uint64_t>(tv.tv_usec))); // strace: %llu
    return v;
}

Value timespec_at(RemoteMemory& mem, std::uint64_t addr) {
    return struct_at<timespec>(mem, addr, timespec_value);
}

Value timeval_at(RemoteMemory& mem, std::uint64_t addr) {
    return struct_at<timeval>(mem, addr, timeval_value);
}

Value decode_timespec(const DecodeContext& ctx, int i) {
    return timespec_at(ctx.mem, ctx.arg(i));
}

Value decode_timeval(const DecodeContext& ctx, int i) {
    return timeval_at(ctx.mem, ctx.arg(i));
}

Value decode_itimerval(const DecodeContext& ctx, int i) {
    return struct_at<itimerval>(ctx.mem, ctx.arg(i), itimerval_value);
}

Value decode_itimerspec(const DecodeContext& ctx, int i) {
    return struct_at<itimerspec>(ctx.mem, ctx.arg(i), itimerspec_value);
}

Value decode_rem_timespec(const DecodeContext& ctx, int i) {
    if (!ctx.call.exiting) return Value::address(ctx.arg(i)); // printed at exit
    // clock_nanosleep: an absolute sleep leaves the remaining time alone.
    const bool absolute = ctx.call.entry->nargs == 4 && ctx.arg(1) != 0;
    if (!interrupted(ctx.call) || absolute) return Value::address(ctx.arg(i));
    return timespec_at(ctx.mem, ctx.arg(i));
}

Value decode_timezone(const DecodeContext& ctx, int i) {
    return struct_at<struct timezone>(ctx.mem, ctx.arg(i), [](const struct timezone& tz) {
        Value v = Value::structure();
        v.add("tz_minuteswest", Value::signed_int(tz.tz_minuteswest));
        v.add("tz_dsttime", Value::signed_int(tz.tz_dsttime));
        return v;
    });
}

Value decode_tms(const DecodeContext& ctx, int i) {
    return struct_at<tms>(ctx.mem, ctx.arg(i), [](const tms& t) {
        Value v = Value::structure();
        v.add("tms_utime", Value::unsigned_int(static_cast<std::uint64_t>(t.tms_utime)));
        v.add("tms_stime", Value::unsigned_int(static_cast<std::uint64_t>(t.tms_stime)));
        v.add("tms_cutime", Value::unsigned_int(static_cast<std::uint64_t>(t.tms_cutime)));
        v.add("tms_cstime", Value::unsigned_int(static_cast<std::uint64_t>(t.tms_cstime)));
        return v;
    });
}

Value decode_time_ptr(const DecodeContext& ctx, int i) {
    if (!ctx.call.exiting) return Value::address(ctx.arg(i)); // printed at exit
    if (!ctx.call.failed && ctx.call.ret_detail != nullptr) {
        *ctx.call.ret_detail = Value::date(ctx.call.ret);
    }
    const std::uint64_t addr = ctx.arg(i);
    if (addr == 0 || ctx.call.failed || !ctx.deref()) return Value::address(addr);
    std::int64_t secs = 0;
    if (!ctx.mem.read_object(addr, secs)) return Value::address(addr);
    Value v = Value::array();
    Value n = Value::signed_int(secs);
    n.note(Value::date(secs));
    v.push(std::move(n));
    return v;
}

Value decode_clockid(const DecodeContext& ctx, int i) {
    return enum_value(flagsets::clock_ids, static_cast<std::uint32_t>(ctx.arg(i)), "CLOCK_???");
}

Value decode_itimer_which(const DecodeContext& ctx, int i) {
    return enum_value(flagsets::itimer_which, static_cast<std::uint32_t>(ctx.arg(i)), "ITIMER_???");
}

Value decode_timer_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::timer_flags, static_cast<std::uint32_t>(ctx.arg(i)), "TIMER_???");
}

Value decode_timerfd_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::timerfd_flags, static_cast<std::uint32_t>(ctx.arg(i)), "TFD_???");
}

} // namespace trace
