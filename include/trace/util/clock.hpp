#pragma once
#include <cstdint>
#include <ctime>

namespace trace {

// CLOCK_MONOTONIC in nanoseconds: every event time.
inline std::int64_t monotonic_ns() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// CLOCK_REALTIME minus CLOCK_MONOTONIC, taken once: wall time of an event = its time + this offset.
inline std::int64_t realtime_offset_ns() {
    timespec real{};
    clock_gettime(CLOCK_REALTIME, &real);
    const std::int64_t mono = monotonic_ns();
    return static_cast<std::int64_t>(real.tv_sec) * 1'000'000'000 + real.tv_nsec - mono;
}

} // namespace trace
