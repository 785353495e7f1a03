// The old file-time calls' structures: utime's struct utimbuf and the struct timeval[2] of utimes and
// futimesat, each time with its date in a comment as strace prints it.
#include "trace/decode/fs.hpp"

#include <cstdint>

namespace trace {

namespace {

// struct utimbuf and struct timeval on x86-64.
struct KernelUtimbuf {
    std::int64_t actime;
    std::int64_t modtime;
};

struct KernelTimeval {
    std::int64_t tv_sec;
    std::int64_t tv_usec;
};

constexpr int kMicroDigits = 6;

Value seconds_with_date(std::int64_t sec) {
    Value v = Value::signed_int(sec);
    add_date_note(v, sec, 0, 0);
    return v;
}

// {tv_sec=1, tv_usec=5} /* 1970-01-01T00:00:01.000005+0000 */ (strace prints tv_usec unsigned).
Value timeval_with_date(const KernelTimeval& tv) {
    Value v = Value::structure();
    v.add("tv_sec", Value::signed_int(tv.tv_sec));
    v.add("tv_usec", Value::unsigned_int(static_cast<std::uint64_t>(tv.tv_usec)));
    add_date_note(v, tv.tv_sec, static_cast<std::uint64_t>(tv.tv_usec), kMicroDigits);
    return v;
}

} // namespace

Value decode_utimbuf(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    KernelUtimbuf times{};
    if (addr == 0 || !ctx.deref() || !ctx.mem.read_object(addr, times)) return Value::address(addr);
    Value v = Value::structure();
    v.add("actime", seconds_with_date(times.actime));
    v.add("modtime", seconds_with_date(times.modtime));
    return v;
}

Value decode_timeval_pair(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    KernelTimeval times[2]{};
    if (addr == 0 || !ctx.deref() || !ctx.mem.read_object(addr, times)) return Value::address(addr);
    Value v = Value::array();
    v.push(timeval_with_date(times[0]));
    v.push(timeval_with_date(times[1]));
    return v;
}

} // namespace trace
