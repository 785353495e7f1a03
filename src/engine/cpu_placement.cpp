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
        if (ptrace(PTRACE_POKEDATA, tid, reinterpret_cast<void*>(addr + done),
                   reinterpret_cast<void*>(word)) != 0)
            return;
    }
}

cpu_set_t only(int cpu) {
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(static_cast<std::size_t>(cpu), &one);
    return one;
}

} // namespace

CpuPlacement::CpuPlacement(bool enabled) : m_enabled(enabled) {
    if (m_enabled && sched_getaffinity(0, sizeof m_tracer_mask, &m_tracer_mask) != 0) m_enabled = false;
    // One CPU anyway: nothing to gain.
    if (m_enabled && CPU_COUNT(&m_tracer_mask) < 2) m_enabled = false;
}

CpuPlacement::~CpuPlacement() {
    unshare();
}

void CpuPlacement::disable() {
    unshare();
    m_members.clear();
    m_enabled = false;
}

void CpuPlacement::add(pid_t tid, pid_t parent, bool attached, Nanos now) {
    if (!m_enabled) return;
    if (attached) {
        disable();
        return;
    }
    Member m;
    auto p = parent != 0 ? m_members.find(parent) : m_members.end();
    if (p != m_members.end()) {
        m = p->second; // a clone inherits its parent's mask: its own, or the shared CPU
    } else if (sched_getaffinity(tid, sizeof m.own, &m.own) != 0) {
        return; // gone already
    }
    m_members[tid] = m;
    // A single tracee shares the tracer's CPU; a group forms sharing it (where the single tracee was)
    // and the policy measures from there.
    if (m_members.size() <= 2 && !m_shared) share();
    if (m_members.size() == 2) m_policy.start(now, m_stops);
}

void CpuPlacement::set_parent(pid_t tid, pid_t parent, bool attached) {
    if (!m_enabled) return;
    if (attached) {
        disable();
        return;
    }
    auto child = m_members.find(tid);
    auto p = m_members.find(parent);
    if (child == m_members.end() || p == m_members.end()) return;
    // It read its mask after inheriting the shared CPU: its own mask is its parent's.
    const bool pinned = child->second.pinned;
    child->second = p->second;
    child->second.pinned = pinned || p->second.pinned;
}

void CpuPlacement::forget(pid_t tid) {
    auto it = m_members.find(tid);
    if (it == m_members.end()) return;
    // A detached tracee (-b execve, --syscall-limit) runs on with its own mask; a dead one: ESRCH.
    if (it->second.pinned) unpin(tid, it->second);
    m_members.erase(it);
    if (m_members.empty()) {
        set_tracer_pinned(false);
    } else if (m_members.size() == 1 && !m_shared) {
        share(); // one tracee left: it shares the tracer's CPU whatever the group did
    }
}

void CpuPlacement::on_tick(Nanos now) {
    if (!wants_ticks()) return;
    const auto want = m_policy.on_tick(now, m_stops);
    if (want == PlacementPolicy::Placement::Shared && !m_shared) share();
    if (want == PlacementPolicy::Placement::Free && m_shared) unshare();
}

bool CpuPlacement::pinned(pid_t tid) const {
    auto it = m_members.find(tid);
    return it != m_members.end() && it->second.pinned;
}

void CpuPlacement::share() {
    m_cpu = sched_getcpu();
    if (m_cpu < 0) return;
    bool any = false;
    for (auto& [tid, m] : m_members)
        any = pin(tid, m) || any;
    if (any) set_tracer_pinned(true);
}

void CpuPlacement::unshare() {
    for (auto& [tid, m] : m_members) {
        if (m.pinned) unpin(tid, m);
    }
    set_tracer_pinned(false);
}

bool CpuPlacement::pin(pid_t tid, Member& m) {
    if (m.pinned) return true;
    // The tracee may not run where the tracer is: it stays where it is.
    if (m.refused || !CPU_ISSET(static_cast<std::size_t>(m_cpu), &m.own)) return false;
    const cpu_set_t one = only(m_cpu);
    if (sched_setaffinity(tid, sizeof one, &one) != 0) return false;
    m.pinned = true;
    return true;
}

void CpuPlacement::unpin(pid_t tid, Member& m) {
    sched_setaffinity(tid, sizeof m.own, &m.own); // ESRCH: it is gone, fine
    m.pinned = false;
}

void CpuPlacement::set_tracer_pinned(bool on) {
    if (on == m_shared) return;
    if (on) {
        const cpu_set_t one = only(m_cpu);
        sched_setaffinity(0, sizeof one, &one);
    } else {
        sched_setaffinity(0, sizeof m_tracer_mask, &m_tracer_mask);
    }
    m_shared = on;
}

void CpuPlacement::hide_pin(pid_t tid, std::uint64_t user_mask, std::int64_t ret) {
    auto it = m_members.find(tid);
    if (it == m_members.end() || !it->second.pinned || ret <= 0 || user_mask == 0) return;
    write_tracee(tid, user_mask, &it->second.own,
                 std::min(static_cast<std::size_t>(ret), sizeof it->second.own));
}

void CpuPlacement::tracee_sets_affinity(pid_t tid) {
    auto it = m_members.find(tid);
    if (it == m_members.end()) return;
    if (it->second.pinned) unpin(tid, it->second);
    it->second.refused = true;
}

} // namespace trace
