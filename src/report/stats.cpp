// --stats: collecting. The report's text is in stats_render.cpp.
#include "trace/report/stats.hpp"

#include "trace/report/fd_stats.hpp"

#include <algorithm>
#include <cerrno>
#include <linux/futex.h>
#include <string_view>
#include <time.h>

namespace trace {
namespace {

constexpr Nanos kMicro = 1000;
constexpr Nanos kMilli = 1'000'000;

bool finished(const SyscallEvent& e) {
    return e.exited && !e.unfinished && !e.detached;
}

bool is_interrupted(int err) {
    return err == EINTR || err == 512 || err == 513 || err == 514 || err == 516;
}

// The decoded timespec of argument i, looking for the first one when a whole-call decoder chose the shape.
std::optional<Nanos> timespec_argument(const SyscallEvent& e, std::size_t i) {
    if (e.split < 0) {
        if (i < e.values.size()) return timespec_nanos(e.values[i]);
        return std::nullopt;
    }
    for (const Value& v : e.values) {
        if (auto t = timespec_nanos(v)) return t;
    }
    return std::nullopt;
}

// The index of the argument a fact of the call names; the call has the fact.
std::size_t arg_index(const SyscallEvent& e, Fact fact) {
    return static_cast<std::size_t>(e.entry->facts.arg_of(fact));
}

std::uint64_t micros(Nanos t) {
    return t > 0 ? static_cast<std::uint64_t>(t / kMicro) : 0;
}

} // namespace

std::optional<Nanos> timespec_nanos(const Value& v) {
    if (v.type != ValueType::Struct) return std::nullopt;
    std::optional<std::int64_t> sec;
    std::optional<std::int64_t> nsec;
    for (const Field& f : v.fields) {
        if (f.name == "tv_sec") sec = f.value.as_signed();
        if (f.name == "tv_nsec") nsec = f.value.as_signed();
    }
    if (!sec || !nsec) return std::nullopt;
    return *sec * 1'000'000'000 + *nsec;
}

void LatencyStats::add(Nanos latency) {
    latency = std::max<Nanos>(latency, 0);
    if (micros.empty() || latency < min) min = latency;
    max = std::max(max, latency);
    total += latency;
    micros.add(static_cast<std::uint64_t>(latency / kMicro));
}

StatsReporter::StatsReporter(std::shared_ptr<Output> out, FdTrackerConfig fds)
    : m_out(std::move(out)), m_fds(std::move(fds)) {}

void StatsReporter::on_syscall_exit(const SyscallEvent& e) {
    const std::vector<std::size_t> lives = m_fds.lives_used(e);
    m_fds.apply(e);
    if (!finished(e)) return;
    const Nanos latency = e.exit_time - e.entry_time;
    m_latency[e.nr].add(latency);
    auto it = std::find_if(m_latency_by_pid.begin(), m_latency_by_pid.end(),
                           [&](const auto& p) { return p.first == e.pid; });
    if (it == m_latency_by_pid.end()) {
        m_latency_by_pid.emplace_back(e.pid, LatencyTable{});
        it = std::prev(m_latency_by_pid.end());
    }
    it->second[e.nr].add(latency);
    if (e.entry == nullptr) return;
    add_epoll(e);
    add_read(e, lives);
    add_sleep(e);
}

void StatsReporter::add_epoll(const SyscallEvent& e) {
    const SyscallFacts& facts = e.entry->facts;
    if (!facts.has(Fact::events)) return;
    EpollStats& s = m_epoll[e.nr];
    ++s.calls;
    if (e.error != 0) {
        ++s.failed;
        ++s.errnos[e.error];
        return;
    }
    const auto maxevents =
        static_cast<std::int64_t>(static_cast<std::int32_t>(e.args[arg_index(e, Fact::events)]));
    const std::size_t timeout_arg = arg_index(e, Fact::timeout);
    std::int64_t timeout = kTimeoutUnknown;
    if (facts.timeout == TimeoutKind::timespec) {
        if (e.args[timeout_arg] == 0) {
            timeout = kTimeoutInfinite;
        } else if (auto t = timespec_argument(e, timeout_arg)) {
            timeout = *t / kMilli;
        }
    } else {
        timeout = static_cast<std::int32_t>(e.args[timeout_arg]);
        if (timeout < 0) timeout = kTimeoutInfinite;
    }
    if (e.ret == maxevents) ++s.full;
    ++s.by_maxevents[{maxevents, e.ret}];
    ++s.by_timeout[{timeout, e.ret}];
}

void StatsReporter::add_read(const SyscallEvent& e, const std::vector<std::size_t>& lives) {
    const auto io = io_bytes(e);
    if (!io || !io->reads || lives.empty()) return;
    ReadStats& s = m_reads[lives.front()];
    ++s.calls;
    if (io->requested) {
        ++s.requested[*io->requested];
    } else {
        ++s.unknown_size;
    }
    if (e.error != 0) {
        ++s.failed;
        if (e.error == EAGAIN) ++s.eagain;
        return;
    }
    s.returned.add(io->transferred);
    if (io->requested && io->transferred == *io->requested && *io->requested > 0) ++s.filled;
}

void StatsReporter::add_sleep(const SyscallEvent& e) {
    const SyscallFacts& facts = e.entry->facts;
    if (!facts.has(Fact::sleeps)) return;
    const std::size_t timeout_arg = arg_index(e, Fact::timeout);
    std::optional<Nanos> requested;
    bool absolute = false;
    bool no_timeout = false;
    std::string key = e.entry->name;
    switch (facts.timeout) {
    case TimeoutKind::clock: // clock_nanosleep(clock, flags, rqtp, rmtp)
        absolute = (e.args[1] & TIMER_ABSTIME) != 0;
        requested = timespec_argument(e, timeout_arg);
        break;
    case TimeoutKind::futex: { // futex(uaddr, op, val, utime, ...): only its waits sleep
        const auto cmd = static_cast<int>(e.args[1]) & FUTEX_CMD_MASK;
        if (cmd != FUTEX_WAIT && cmd != FUTEX_WAIT_BITSET) return;
        key = "futex wait";
        no_timeout = e.args[timeout_arg] == 0;
        absolute = cmd == FUTEX_WAIT_BITSET;
        if (!no_timeout) requested = timespec_argument(e, timeout_arg);
        break;
    }
    case TimeoutKind::timespec:
    case TimeoutKind::ms:
    case TimeoutKind::none:
        requested = timespec_argument(e, timeout_arg);
        break;
    }
    SleepStats* s = &m_sleeps[key];
    ++s->calls;
    if (is_interrupted(e.error)) ++s->interrupted;
    if (e.error == ETIMEDOUT) ++s->timed_out;
    s->slept.add(micros(e.exit_time - e.entry_time));
    if (no_timeout) {
        ++s->no_timeout;
    } else if (absolute) {
        ++s->absolute;
    } else if (requested) {
        s->requested.add(micros(*requested));
    } else {
        ++s->unknown;
    }
}

void StatsReporter::on_finish() {
    m_out->flush();
    fmt::memory_buffer text;
    render(text);
    m_out->write(std::string_view(text.data(), text.size()));
    m_out->flush();
}

} // namespace trace
