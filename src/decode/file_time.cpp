// File times as strace shows them in comments, and 64-bit device numbers.
#include "trace/decode/flags.hpp"
#include "trace/decode/fs.hpp"

#include <array>
#include <ctime>
#include <fmt/format.h>
#include <sys/sysmacros.h>

namespace trace {

std::string time_comment(std::int64_t sec, std::uint64_t part, int digits) {
    std::uint64_t limit = 1;
    for (int d = 0; d < digits; ++d)
        limit *= 10;
    // strace prints nothing for the epoch itself and for a fraction out of range.
    if ((sec == 0 && part == 0) || part >= limit) return {};
    const auto t = static_cast<std::time_t>(sec);
    std::tm tm{};
    if (localtime_r(&t, &tm) == nullptr) return {};
    std::array<char, 64> date{};
    std::array<char, 16> zone{};
    if (std::strftime(date.data(), date.size(), "%FT%T", &tm) == 0) return {};
    std::strftime(zone.data(), zone.size(), "%z", &tm);
    if (part == 0) return fmt::format("{}{}", date.data(), zone.data());
    return fmt::format("{}.{:0{}}{}", date.data(), part, digits, zone.data());
}

Value dev64_value(std::uint64_t dev) {
    return Value::symbol(
        fmt::format("makedev({}, {})", hex_text(gnu_dev_major(dev)), hex_text(gnu_dev_minor(dev))), dev);
}

} // namespace trace
