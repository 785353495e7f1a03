#pragma once
// Where the tracer and its tracees run. A ptrace stop that wakes the tracer on another CPU costs
// several times a stop on the same CPU (on virtual machines most of all), so a traced command starts
// on the tracer's CPU; its threads and children inherit that. While there is one tracee it stays
// there; while there are several, PlacementPolicy measures whether the group runs faster sharing the
// CPU or free, and the group is moved accordingly. Processes attached with -p are never moved (if
// trace were killed, they would keep the mask). The move is hidden from the program: its
// sched_getaffinity() sees the mask it had, and a mask it sets itself takes it out of the group.
#include "trace/engine/placement_policy.hpp"

#include <cstdint>
#include <sched.h>
#include <sys/types.h>
#include <unordered_map>

namespace trace {

class CpuPlacement {
public:
    explicit CpuPlacement(bool enabled);
    CpuPlacement(const CpuPlacement&) = delete;
    CpuPlacement& operator=(const CpuPlacement&) = delete;
    ~CpuPlacement();

    void disable(); // releases every tracee, and moves none from now on
    // A new tracee: parent is the tracee it was cloned from (0: the command trace started).
    void add(pid_t tid, pid_t parent, bool attached, Nanos now);
    // A tracee whose first stop came before its parent's clone event was added as if spawned.
    void set_parent(pid_t tid, pid_t parent, bool attached);
    void forget(pid_t tid);
    // Counts a ptrace stop (the policy's measure of progress).
    void count_stop() { ++m_stops; }
    // While this is true the engine calls on_tick periodically.
    bool wants_ticks() const { return m_enabled && m_members.size() > 1; }
    void on_tick(Nanos now);

    bool pinned(pid_t tid) const;
    // At the exit of a pinned tracee's sched_getaffinity(pid, len, mask) that returned ret > 0: write
    // the mask it had before the pin into its buffer.
    void hide_pin(pid_t tid, std::uint64_t user_mask, std::int64_t ret);
    // At the entry of a tracee's sched_setaffinity() for itself: it gets its own mask back now, and is
    // never moved again; its call then sets what it asks for.
    void tracee_sets_affinity(pid_t tid);

private:
    struct Member {
        cpu_set_t own{};      // the mask it had (or inherited) before trace moved it
        bool pinned = false;  // on m_cpu now
        bool refused = false; // set its own mask, or may not run on m_cpu
    };
    void share();   // the group onto the tracer's CPU
    void unshare(); // the group back to its own masks
    bool pin(pid_t tid, Member& m);
    void unpin(pid_t tid, Member& m);
    void set_tracer_pinned(bool on);

    bool m_enabled;
    bool m_shared = false;
    int m_cpu = -1;
    std::uint64_t m_stops = 0;
    cpu_set_t m_tracer_mask{};
    std::unordered_map<pid_t, Member> m_members;
    PlacementPolicy m_policy;
};

} // namespace trace
