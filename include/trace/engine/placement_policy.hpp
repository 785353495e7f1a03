#pragma once
// When the threads and processes of a trace should share the tracer's CPU. Sharing makes each ptrace
// stop several times cheaper on most virtual machines (no cross-CPU wake-up), but runs the tracees
// one at a time. So the policy measures: the rate of stops is the program's progress when it makes
// syscalls steadily, so the group runs one window shared and one window free and keeps the faster
// for a while, then measures again. A program that seldom stops (it computes) runs free: tracing
// costs it little, and parallelism is worth more.
#include "trace/events/time.hpp"

#include <cstdint>

namespace trace {

class PlacementPolicy {
public:
    enum class Placement { Shared, Free };

    // Below this many stops a second, where the tracees run hardly matters to the trace's cost.
    static constexpr double kBusyStopsPerSecond = 2000;
    // A window is at least this long (the engine calls on_tick about every 50 ms).
    static constexpr Nanos kMinWindow = 40'000'000;
    // The winner of a comparison is kept for this many windows before the next one.
    static constexpr int kHoldWindows = 20;
    // Free must beat shared by this factor to win (a tie goes to fewer cross-CPU stops).
    static constexpr double kFreeMargin = 1.1;

    // A group of tracees forms while sharing the tracer's CPU (the new ones inherited the mask).
    void start(Nanos now, std::uint64_t stops);
    // Called periodically with the engine's total stop count; returns where the group should run.
    Placement on_tick(Nanos now, std::uint64_t stops);
    Placement placement() const { return m_placement; }

private:
    enum class Phase { MeasureShared, MeasureFree, Hold };
    void begin_window(Nanos now, std::uint64_t stops);

    Placement m_placement = Placement::Shared;
    Phase m_phase = Phase::MeasureShared;
    Nanos m_window_start = 0;
    std::uint64_t m_window_stops = 0;
    double m_shared_rate = 0;
    int m_held = 0;
};

} // namespace trace
