#pragma once
// Where the tracer and its tracee run. A ptrace stop that wakes the tracer on another CPU costs
// several times a stop on the same CPU (on virtual machines most of all), so while exactly one
// thread is traced, it and the tracer share one CPU. A second tracee releases both: pinning threads
// that could run in parallel would slow the program down. The pin is hidden from the program:
// its sched_getaffinity() sees the mask it had, and a mask it sets itself ends the pin.
#include <cstdint>
#include <sched.h>
#include <sys/types.h>

namespace trace {

class CpuPlacement {
public:
    explicit CpuPlacement(bool enabled);
    CpuPlacement(const CpuPlacement&) = delete;
    CpuPlacement& operator=(const CpuPlacement&) = delete;
    ~CpuPlacement();

    void disable(); // releases any pin, and pins nothing from now on
    // The number of live tracees changed; only_tid is the one left when there is one.
    void on_tracee_count(std::size_t count, pid_t only_tid);
    bool pinned(pid_t tid) const { return m_pinned != 0 && tid == m_pinned; }
    // At the exit of a pinned tracee's sched_getaffinity(pid, len, mask) that returned ret > 0: write
    // the mask it had before the pin into its buffer.
    void hide_pin(pid_t tid, std::uint64_t user_mask, std::int64_t ret);
    // The pinned tracee set its own affinity: its choice stands, and it is not pinned again.
    void tracee_set_affinity(pid_t tid);
    void forget(pid_t tid);

private:
    void pin(pid_t tid);
    void release();

    bool m_enabled;
    pid_t m_pinned = 0;
    pid_t m_refused = 0; // set its own mask: never pinned again
    cpu_set_t m_tracer_mask{};
    cpu_set_t m_tracee_mask{};
};

} // namespace trace
