#include "trace/engine/cpu_placement.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/ptrace.h>
#include <sys/uio.h>

namespace trace {
namespace {

// Writes into the tracee (process_vm_writev, or PTRACE_POKEDATA word by word where refused).
void write_tracee(pid_t tid, std::uint64_t addr, const void* data, std::size_t len) {
    iovec local{const_cast<void*>(data), len};
    iovec remote{reinterpret_cast<void*>(addr), len};
    if (process_vm_writev(tid, &local, 1, &remote, 1, 0) == static_cast<ssize_t>(len)) return;
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (std::size_t done = 0; done < len; done += sizeof(long)) {
        long word = 0;
        const std::size_t n = std::min(sizeof(long), len - done);
        if (n < sizeof(long)) {
            errno = 0;
            word = ptrace(PTRACE_PEEKDATA, tid, reinterpret_cast<void*>(addr + done), nullptr);
            if (errno != 0) return;
        }
        std::memcpy(&word, bytes + done, n);
        if (ptrace(PTRACE_POKEDATA, tid, reinterpret_cast<void*>(addr + done), reinterpret_cast<void*>(word)) != 0)
            return;
    }
}

} // namespace

CpuPlacement::CpuPlacement(bool enabled) : m_enabled(enabled) {
    if (m_enabled && sched_getaffinity(0, sizeof m_tracer_mask, &m_tracer_mask) != 0) m_enabled = false;
    // One CPU anyway: nothing to gain.
    if (m_enabled && CPU_COUNT(&m_tracer_mask) < 2) m_enabled = false;
}

CpuPlacement::~CpuPlacement() { release(); }

void CpuPlacement::disable() {
    release();
    m_enabled = false;
}

void CpuPlacement::on_tracee_count(std::size_t count, pid_t only_tid) {
    if (!m_enabled) return;
    if (count == 1) {
        if (m_pinned != only_tid) {
            release();
            if (only_tid != m_refused) pin(only_tid);
        }
    } else {
        release();
    }
}

void CpuPlacement::pin(pid_t tid) {
    if (sched_getaffinity(tid, sizeof m_tracee_mask, &m_tracee_mask) != 0) return;
    const int current = sched_getcpu();
    if (current < 0) return;
    const auto cpu = static_cast<std::size_t>(current);
    if (!CPU_ISSET(cpu, &m_tracee_mask)) return; // the tracee may not run where we are
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    if (sched_setaffinity(tid, sizeof one, &one) != 0) return;
    sched_setaffinity(0, sizeof one, &one);
    m_pinned = tid;
}

void CpuPlacement::release() {
    if (m_pinned == 0) return;
    sched_setaffinity(m_pinned, sizeof m_tracee_mask, &m_tracee_mask); // ESRCH: it is gone, fine
    sched_setaffinity(0, sizeof m_tracer_mask, &m_tracer_mask);
    m_pinned = 0;
}

void CpuPlacement::hide_pin(pid_t tid, std::uint64_t user_mask, std::int64_t ret) {
    if (!pinned(tid) || ret <= 0 || user_mask == 0) return;
    write_tracee(tid, user_mask, &m_tracee_mask, std::min(static_cast<std::size_t>(ret), sizeof m_tracee_mask));
}

void CpuPlacement::tracee_set_affinity(pid_t tid) {
    if (!pinned(tid)) return;
    sched_setaffinity(0, sizeof m_tracer_mask, &m_tracer_mask);
    m_pinned = 0; // its own mask is in place now; leave it
    m_refused = tid;
}

void CpuPlacement::forget(pid_t tid) {
    if (pinned(tid)) {
        sched_setaffinity(0, sizeof m_tracer_mask, &m_tracer_mask);
        m_pinned = 0;
    }
}

} // namespace trace
