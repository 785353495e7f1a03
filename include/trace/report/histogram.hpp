#pragma once
// A log2 histogram drawn like bpftrace's hist():
//
//   [0]                   3 |@@@@@@                                              |
//   [1]                   0 |                                                    |
//   [2, 4)               26 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
//   [4, 8)                1 |@@                                                  |
//   [1K, 2K)              ...
//
// Bucket 0 holds 0, bucket 1 holds 1, bucket k (k >= 2) holds [2^(k-1), 2^k). Labels use K, M, G,
// T, P for powers of 1024, as bpftrace's do.
#include <array>
#include <cstdint>
#include <fmt/format.h>
#include <string>

namespace trace {

class Log2Histogram {
public:
    static constexpr std::size_t kBuckets = 66;

    void add(std::uint64_t value, std::uint64_t count = 1);
    std::uint64_t count() const { return m_count; }
    std::uint64_t min() const { return m_min; }
    std::uint64_t max() const { return m_max; }
    std::uint64_t sum() const { return m_sum; }
    bool empty() const { return m_count == 0; }

    // The rows from the lowest to the highest bucket that holds a value, each line prefixed by indent.
    void render(fmt::memory_buffer& out, std::string_view indent = "") const;

    static std::size_t bucket_of(std::uint64_t value);
    // "[0]", "[1]", "[2, 4)", "[1K, 2K)"
    static std::string label(std::size_t bucket);

private:
    std::array<std::uint64_t, kBuckets> m_buckets{};
    std::uint64_t m_count = 0;
    std::uint64_t m_min = UINT64_MAX;
    std::uint64_t m_max = 0;
    std::uint64_t m_sum = 0;
};

} // namespace trace
