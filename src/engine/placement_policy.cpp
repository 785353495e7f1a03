#include "trace/engine/placement_policy.hpp"

namespace trace {

void PlacementPolicy::start(Nanos now, std::uint64_t stops) {
    m_placement = Placement::Shared;
    m_phase = Phase::MeasureShared;
    begin_window(now, stops);
}

void PlacementPolicy::begin_window(Nanos now, std::uint64_t stops) {
    m_window_start = now;
    m_window_stops = stops;
}

PlacementPolicy::Placement PlacementPolicy::on_tick(Nanos now, std::uint64_t stops) {
    const Nanos elapsed = now - m_window_start;
    if (elapsed < kMinWindow) return m_placement;
    const double rate = static_cast<double>(stops - m_window_stops) * 1e9 / static_cast<double>(elapsed);
    begin_window(now, stops);
    switch (m_phase) {
    case Phase::MeasureShared:
        m_shared_rate = rate;
        // The other placement is measured next, busy or not: a low shared rate may be tracees
        // computing in turns, and only a free window tells.
        m_placement = Placement::Free;
        m_phase = Phase::MeasureFree;
        break;
    case Phase::MeasureFree:
        if (rate < kBusyStopsPerSecond && m_shared_rate < kBusyStopsPerSecond) {
            m_placement = Placement::Free; // computing: parallelism wins
        } else {
            m_placement = rate > m_shared_rate * kFreeMargin ? Placement::Free : Placement::Shared;
        }
        m_phase = Phase::Hold;
        m_held = 0;
        break;
    case Phase::Hold:
        if (++m_held < kHoldWindows) break;
        m_held = 0;
        // Free and quiet: it stays so without a shared window, so a computing program is never slowed.
        if (m_placement == Placement::Free && rate < kBusyStopsPerSecond) break;
        if (m_placement == Placement::Shared) {
            m_shared_rate = rate;
            m_placement = Placement::Free;
            m_phase = Phase::MeasureFree;
        } else {
            m_placement = Placement::Shared;
            m_phase = Phase::MeasureShared;
        }
        break;
    }
    return m_placement;
}

} // namespace trace
