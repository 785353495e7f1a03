#include "trace/report/histogram.hpp"

#include <algorithm>
#include <bit>
#include <iterator>

namespace trace {
namespace {

constexpr std::size_t kBarWidth = 52;

// 1 -> "1", 1024 -> "1K", 3 * 2^20 -> "3M"
std::string power_label(std::uint64_t v) {
    static constexpr const char* kSuffixes[] = {"", "K", "M", "G", "T", "P", "E"};
    std::size_t s = 0;
    while (v >= 1024 && v % 1024 == 0 && s + 1 < std::size(kSuffixes)) {
        v /= 1024;
        ++s;
    }
    return fmt::format("{}{}", v, kSuffixes[s]);
}

} // namespace

std::size_t Log2Histogram::bucket_of(std::uint64_t value) {
    if (value == 0) return 0;
    return static_cast<std::size_t>(std::bit_width(value)); // 1 -> 1, [2, 4) -> 2, ...
}

std::string Log2Histogram::label(std::size_t bucket) {
    if (bucket == 0) return "[0]";
    if (bucket == 1) return "[1]";
    const std::uint64_t low = std::uint64_t{1} << (bucket - 1);
    if (bucket == 64) return fmt::format("[{}, ...)", power_label(low));
    return fmt::format("[{}, {})", power_label(low), power_label(low << 1));
}

void Log2Histogram::add(std::uint64_t value, std::uint64_t count) {
    if (count == 0) return;
    m_buckets[bucket_of(value)] += count;
    m_count += count;
    m_min = std::min(m_min, value);
    m_max = std::max(m_max, value);
    m_sum += value * count;
}

void Log2Histogram::render(fmt::memory_buffer& out, std::string_view indent) const {
    if (m_count == 0) return;
    const std::size_t first = bucket_of(m_min);
    const std::size_t last = bucket_of(m_max);
    const std::uint64_t peak = *std::max_element(m_buckets.begin() + static_cast<std::ptrdiff_t>(first),
                                                 m_buckets.begin() + static_cast<std::ptrdiff_t>(last) + 1);
    auto it = std::back_inserter(out);
    for (std::size_t b = first; b <= last; ++b) {
        const std::uint64_t n = m_buckets[b];
        const auto bar = static_cast<std::size_t>(n * kBarWidth / peak);
        fmt::format_to(it, "{}{:<16}{:>8} |{:<52}|\n", indent, label(b), n, std::string(bar, '@'));
    }
}

} // namespace trace
