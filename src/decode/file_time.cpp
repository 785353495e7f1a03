// File times as strace shows them in comments, and 64-bit device numbers.
#include "trace/decode/flags.hpp"
#include "trace/decode/fs.hpp"

#include <array>
#include <ctime>
#include <fmt/format.h>
#include <sys/sysmacros.h>

namespace trace {

namespace {

constexpr std::uint64_t kNanosPerSecond = 1'000'000'000;

} // namespace

std::string time_comment(std::int64_t sec, std::uint64_t nsec) {
    if (sec == 0 && nsec == 0) return {};
    const auto t = static_cast<std::time_t>(sec);
    std::tm tm{};
    if (localtime_r(&t, &tm) == nullptr) return {};
    std::array<char, 64> date{};
    std::array<char, 16> zone{};
    if (std::strftime(date.data(), date.size(), "%FT%T", &tm) == 0) return {};
    std::strftime(zone.data(), zone.size(), "%z", &tm);
    if (nsec == 0 || nsec >= kNanosPerSecond) return fmt::format("{}{}", date.data(), zone.data());
    return fmt::format("{}.{:09}{}", date.data(), nsec, zone.data());
}

Value dev64_value(std::uint64_t dev) {
    return Value::symbol(
        fmt::format("makedev({}, {})", hex_text(gnu_dev_major(dev)), hex_text(gnu_dev_minor(dev))), dev);
}

} // namespace trace
