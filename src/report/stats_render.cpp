// --stats: the report's text. Every figure carries its unit: "calls", "us", "s", "bytes", "ms".
#include "trace/decode/names.hpp"
#include "trace/report/buffer.hpp"
#include "trace/report/stats.hpp"
#include "trace/report/summary_table.hpp"

#include <algorithm>
#include <iterator>

namespace trace {
namespace {

constexpr std::size_t kMaxRows = 20; // of a distribution table

std::string seconds_with_unit(Nanos t) {
    return fmt::format("{}.{:06} s", t / kNanosPerSecond, (t % kNanosPerSecond) / 1000);
}
std::string usecs(Nanos t) {
    return fmt::format("{}.{:03} us", t / 1000, t % 1000);
}
std::string plural(std::uint64_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}
std::string percent(std::uint64_t part, std::uint64_t whole) {
    if (whole == 0) return "0.0%";
    const std::uint64_t tenths = (part * 1000 + whole / 2) / whole;
    return fmt::format("{}.{}%", tenths / 10, tenths % 10);
}
std::string timeout_text(std::int64_t t) {
    if (t == kTimeoutInfinite) return "infinite";
    if (t == kTimeoutUnknown) return "?";
    return fmt::format("{} ms", t);
}

void section(fmt::memory_buffer& out, std::string_view title) {
    fmt::format_to(std::back_inserter(out), "\n=== {} ===\n", title);
}

// Syscalls by calls (most first), then by number.
std::vector<std::pair<long, const LatencyStats*>> by_calls(const LatencyTable& table) {
    std::vector<std::pair<long, const LatencyStats*>> rows;
    for (const auto& [nr, s] : table)
        rows.emplace_back(nr, &s);
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        return a.second->micros.count() > b.second->micros.count();
    });
    return rows;
}

void render_latency(fmt::memory_buffer& out, const LatencyTable& table, std::string_view indent) {
    auto it = std::back_inserter(out);
    for (const auto& [nr, s] : by_calls(table)) {
        const std::uint64_t n = s->micros.count();
        fmt::format_to(it, "{}{}: {}, total {}, avg {}, min {}, max {}; latency in us:\n", indent,
                       summary_syscall_name(nr), plural(n, "call", "calls"), seconds_with_unit(s->total),
                       usecs(s->total / static_cast<Nanos>(n)), usecs(s->min), usecs(s->max));
        s->micros.render(out, std::string(indent) + "  ");
    }
}

// A distribution table: the pairs with the most calls first, at most kMaxRows.
void render_pairs(fmt::memory_buffer& out,
                  const std::map<std::pair<std::int64_t, std::int64_t>, std::uint64_t>& pairs,
                  std::string_view first, bool timeouts) {
    auto it = std::back_inserter(out);
    std::vector<std::pair<std::pair<std::int64_t, std::int64_t>, std::uint64_t>> rows(pairs.begin(),
                                                                                      pairs.end());
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    fmt::format_to(it, "    {:>12} {:>16} {:>10}\n", first, "returned events", "calls");
    for (std::size_t i = 0; i < rows.size() && i < kMaxRows; ++i) {
        const auto& [key, calls] = rows[i];
        const std::string k = timeouts ? timeout_text(key.first) : std::to_string(key.first);
        fmt::format_to(it, "    {:>12} {:>16} {:>10}\n", k, key.second, calls);
    }
    if (rows.size() > kMaxRows) fmt::format_to(it, "    ({} more rows)\n", rows.size() - kMaxRows);
}

void render_errno_counts(fmt::memory_buffer& out, const std::map<int, std::uint64_t>& errnos) {
    if (errnos.empty()) return;
    append(out, "  errors:");
    const char* sep = " ";
    for (const auto& [err, n] : errnos) {
        const char* name = errno_name(err);
        fmt::format_to(std::back_inserter(out), "{}{} {}", sep, name != nullptr ? name : std::to_string(err),
                       plural(n, "call", "calls"));
        sep = ", ";
    }
    append(out, "\n");
}

std::string life_label(const FdLife& l) {
    return fmt::format("pid {} fd {} ({})", l.pid, l.fd, l.what);
}

} // namespace

void StatsReporter::render(fmt::memory_buffer& out) const {
    auto it = std::back_inserter(out);
    section(out, "syscall latency, all processes");
    if (m_latency.empty()) append(out, "no finished calls\n");
    render_latency(out, m_latency, "");
    if (m_latency_by_pid.size() > 1) {
        section(out, "syscall latency by process");
        for (const auto& [pid, table] : m_latency_by_pid) {
            fmt::format_to(it, "process {}:\n", pid);
            render_latency(out, table, "  ");
        }
    }

    if (!m_epoll.empty()) {
        section(out, "epoll_wait family");
        for (const auto& [nr, s] : m_epoll) {
            const std::uint64_t ok = s.calls - s.failed;
            fmt::format_to(it, "{}: {}, {} returned maxevents events ({} of the successful calls){}, {}\n",
                           summary_syscall_name(nr), plural(s.calls, "call", "calls"),
                           plural(s.full, "call", "calls"), percent(s.full, ok),
                           s.full > 0 ? ": the events buffer may be too small" : "",
                           plural(s.failed, "failed", "failed"));
            if (!s.by_maxevents.empty()) {
                append(out, "  by maxevents:\n");
                render_pairs(out, s.by_maxevents, "maxevents", false);
                append(out, "  by timeout:\n");
                render_pairs(out, s.by_timeout, "timeout", true);
            }
            render_errno_counts(out, s.errnos);
        }
    }

    if (!m_reads.empty()) {
        section(out, "reads by file descriptor (read, pread64, readv, preadv, recvfrom, recvmsg, recvmmsg)");
        std::vector<std::pair<std::size_t, const ReadStats*>> rows;
        for (const auto& [id, s] : m_reads)
            rows.emplace_back(id, &s);
        std::stable_sort(rows.begin(), rows.end(),
                         [](const auto& a, const auto& b) { return a.second->calls > b.second->calls; });
        for (const auto& [id, s] : rows) {
            const std::uint64_t ok = s->calls - s->failed;
            fmt::format_to(it, "{}: {}, buffer filled {} ({} of the successful calls), {} ({} EAGAIN)\n",
                           life_label(m_fds.lives()[id]), plural(s->calls, "call", "calls"),
                           plural(s->filled, "time", "times"), percent(s->filled, ok),
                           plural(s->failed, "failed", "failed"), s->eagain);
            append(out, "  bytes requested:");
            std::vector<std::pair<std::uint64_t, std::uint64_t>> sizes(s->requested.begin(),
                                                                       s->requested.end());
            std::stable_sort(sizes.begin(), sizes.end(),
                             [](const auto& a, const auto& b) { return a.second > b.second; });
            const char* sep = " ";
            for (std::size_t i = 0; i < sizes.size() && i < kMaxRows; ++i) {
                fmt::format_to(it, "{}{} x {}", sep, plural(sizes[i].first, "byte", "bytes"),
                               plural(sizes[i].second, "call", "calls"));
                sep = ", ";
            }
            if (sizes.size() > kMaxRows) fmt::format_to(it, ", ({} more sizes)", sizes.size() - kMaxRows);
            if (s->unknown_size > 0)
                fmt::format_to(it, "{}unknown x {}", sep, plural(s->unknown_size, "call", "calls"));
            append(out, "\n");
            if (!s->returned.empty()) {
                append(out, "  bytes returned:\n");
                s->returned.render(out, "  ");
            }
        }
    }

    if (!m_sleeps.empty()) {
        section(out, "sleeps and waits");
        for (const auto& [name, s] : m_sleeps) {
            fmt::format_to(it, "{}: {}, {} (EINTR)", name, plural(s.calls, "call", "calls"),
                           plural(s.interrupted, "interrupted", "interrupted"));
            if (name == "futex wait")
                fmt::format_to(it, ", {} (ETIMEDOUT), {}", plural(s.timed_out, "timed out", "timed out"),
                               plural(s.no_timeout, "without a timeout", "without a timeout"));
            if (s.absolute > 0)
                fmt::format_to(it, ", {}", plural(s.absolute, "until a deadline", "until a deadline"));
            if (s.unknown > 0) fmt::format_to(it, ", {}", plural(s.unknown, "not decoded", "not decoded"));
            append(out, "\n");
            if (!s.requested.empty()) {
                append(out, "  requested, us:\n");
                s.requested.render(out, "  ");
            }
            append(out, "  slept, us:\n");
            s.slept.render(out, "  ");
        }
    }

    // Sockets and pipes, and the files opened non-blocking.
    std::uint64_t blocking_files = 0;
    std::vector<const FdLife*> shown;
    for (const FdLife& l : m_fds.lives()) {
        if (l.inherited && !l.nonblock_known) continue; // nothing known about it
        if (l.kind == FdKind::socket || l.kind == FdKind::pipe || (l.kind == FdKind::file && l.nonblocking)) {
            shown.push_back(&l);
        } else if (l.kind == FdKind::file) {
            ++blocking_files;
        }
    }
    if (!shown.empty() || blocking_files > 0) {
        section(out, "non-blocking mode of sockets, pipes and files");
        fmt::format_to(it, "{:>7} {:>5}  {:<7} {:<13} {:<16} {}\n", "pid", "fd", "kind", "mode", "set by",
                       "what");
        for (const FdLife* l : shown) {
            const char* how = l->nonblock_set_later ? "fcntl(F_SETFL)"
                              : l->inherited        ? "inherited"
                                                    : "creation";
            fmt::format_to(it, "{:>7} {:>5}  {:<7} {:<13} {:<16} {}\n", l->pid, l->fd, fd_kind_name(l->kind),
                           l->nonblocking ? "non-blocking" : "blocking", how, l->what);
        }
        fmt::format_to(it, "{} opened in blocking mode (not listed)\n",
                       plural(blocking_files, "file", "files"));
    }
}

} // namespace trace
