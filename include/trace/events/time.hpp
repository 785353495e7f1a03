#pragma once
// Time as every event carries it: nanoseconds of CLOCK_MONOTONIC. The wall clock for -t is the
// monotonic time plus an offset taken once at start.
#include <cstdint>
#include <ctime>

namespace trace {

using Nanos = std::int64_t;
inline constexpr Nanos kNanosPerSecond = 1'000'000'000;


// CLOCK_MONOTONIC in nanoseconds: every event time.
inline Nanos monotonic_ns() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// CLOCK_REALTIME minus CLOCK_MONOTONIC, taken once: wall time of an event = its time + this offset.
inline Nanos realtime_offset_ns() {
    timespec real{};
    clock_gettime(CLOCK_REALTIME, &real);
    const std::int64_t mono = monotonic_ns();
    return static_cast<std::int64_t>(real.tv_sec) * 1'000'000'000 + real.tv_nsec - mono;
}

} // namespace trace
