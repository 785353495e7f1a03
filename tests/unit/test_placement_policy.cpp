#include "trace/engine/placement_policy.hpp"

#include <doctest/doctest.h>

using namespace trace;
using Placement = PlacementPolicy::Placement;

namespace {

constexpr Nanos kWindow = 50'000'000; // the engine's tick
constexpr Nanos kSecond = 1'000'000'000;

// Drives a policy window by window with a given stop rate (stops per second) per placement.
struct Run {
    PlacementPolicy policy;
    Nanos now = kSecond;
    std::uint64_t stops = 0;

    Run() { policy.start(now, stops); }
    Placement tick(double shared_rate, double free_rate) {
        const double rate = policy.placement() == Placement::Shared ? shared_rate : free_rate;
        now += kWindow;
        stops += static_cast<std::uint64_t>(rate * static_cast<double>(kWindow) / 1e9);
        return policy.on_tick(now, stops);
    }
};

} // namespace

TEST_CASE("PlacementPolicy: a group starts shared, then one free window is measured") {
    Run run;
    CHECK(run.policy.placement() == Placement::Shared);
    CHECK(run.tick(100'000, 20'000) == Placement::Free);
}

TEST_CASE("PlacementPolicy: syscall-heavy tracees that stop faster sharing a CPU stay shared") {
    Run run;
    run.tick(100'000, 20'000);
    CHECK(run.tick(100'000, 20'000) == Placement::Shared);
    for (int i = 0; i < PlacementPolicy::kHoldWindows - 1; ++i)
        CHECK(run.tick(100'000, 20'000) == Placement::Shared);
    // The hold ends: one free window again, and back.
    CHECK(run.tick(100'000, 20'000) == Placement::Free);
    CHECK(run.tick(100'000, 20'000) == Placement::Shared);
}

TEST_CASE("PlacementPolicy: tracees that stop faster free run free (cheap cross-CPU stops)") {
    Run run;
    run.tick(30'000, 50'000);
    CHECK(run.tick(30'000, 50'000) == Placement::Free);
    for (int i = 0; i < PlacementPolicy::kHoldWindows - 1; ++i)
        CHECK(run.tick(30'000, 50'000) == Placement::Free);
    CHECK(run.tick(30'000, 50'000) == Placement::Shared); // measured again
}

TEST_CASE("PlacementPolicy: free must win by a margin; a tie stays shared") {
    Run run;
    run.tick(40'000, 42'000);
    CHECK(run.tick(40'000, 42'000) == Placement::Shared);
}

TEST_CASE("PlacementPolicy: computing tracees (few stops) run free and are never shared again") {
    Run run;
    CHECK(run.tick(100, 200) == Placement::Free);
    CHECK(run.tick(100, 200) == Placement::Free);
    for (int i = 0; i < 10 * PlacementPolicy::kHoldWindows; ++i)
        CHECK(run.tick(100, 200) == Placement::Free);
}

TEST_CASE("PlacementPolicy: a program that turns busy while free is measured shared again") {
    Run run;
    run.tick(100, 200);
    run.tick(100, 200);
    Placement p = Placement::Free;
    for (int i = 0; i < PlacementPolicy::kHoldWindows && p == Placement::Free; ++i)
        p = run.tick(100'000, 20'000);
    CHECK(p == Placement::Shared);
    CHECK(run.tick(100'000, 20'000) == Placement::Free);   // the comparison's free window
    CHECK(run.tick(100'000, 20'000) == Placement::Shared); // shared won
}

TEST_CASE("PlacementPolicy: a tick before a window has passed changes nothing") {
    PlacementPolicy policy;
    policy.start(kSecond, 0);
    CHECK(policy.on_tick(kSecond + PlacementPolicy::kMinWindow / 2, 1'000'000) == Placement::Shared);
    CHECK(policy.on_tick(kSecond + kWindow, 1'000'000) == Placement::Free);
}
