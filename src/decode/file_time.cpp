// File times with their dates as strace shows them in comments, and 64-bit device numbers.
#include "trace/decode/flags.hpp"
#include "trace/decode/fs.hpp"

#include <sys/sysmacros.h>

namespace trace {

Value& add_date_note(Value& v, std::int64_t sec, std::uint64_t part, int digits) {
    std::uint64_t limit = 1;
    for (int d = 0; d < digits; ++d)
        limit *= 10;
    // strace prints nothing for the epoch itself and for a fraction out of range.
    if ((sec == 0 && part == 0) || part >= limit) return v;
    return v.note(Value::date(sec, part, static_cast<std::uint8_t>(digits)));
}

Value dev64_value(std::uint64_t dev) {
    Value v = Value::call("makedev");
    v.push(Value::hex(gnu_dev_major(dev)));
    v.push(Value::hex(gnu_dev_minor(dev)));
    return v.with_raw(dev);
}

} // namespace trace
