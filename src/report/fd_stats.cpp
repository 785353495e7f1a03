#include "trace/report/fd_stats.hpp"
#include "trace/report/buffer.hpp"

#include "trace/report/summary_table.hpp"

#include <algorithm>
#include <cerrno>
#include <iterator>
#include <string_view>

namespace trace {
namespace {

constexpr std::uint64_t kUnlimited = std::uint64_t{1} << 40; // a request this large means "all there is"

// The sum of the numeric members named `name` anywhere in v (iov_len of iovecs, msg_len of mmsghdrs).
std::optional<std::uint64_t> sum_fields(const Value& v, std::string_view name) {
    std::optional<std::uint64_t> sum;
    for (const Field& f : v.fields) {
        if (f.name == name && f.value.fields.empty() && f.value.type != ValueType::Unknown) {
            sum = sum.value_or(0) + f.value.num;
        } else if (auto inner = sum_fields(f.value, name)) {
            sum = sum.value_or(0) + *inner;
        }
    }
    return sum;
}

std::string seconds_text(Nanos t) {
    return fmt::format("{}.{:06}", t / kNanosPerSecond, (t % kNanosPerSecond) / 1000);
}

void render_row(fmt::memory_buffer& out, const std::string& pid, const std::string& fd, const FdCallStats& s,
                bool bytes, std::string_view what) {
    auto it = std::back_inserter(out);
    const auto num = [&](std::uint64_t v) { return bytes ? std::to_string(v) : std::string("-"); };
    fmt::format_to(it, "{:>7} {:>5} {:>8} {:>10} {:>12} {:>6} {:>7} {:>7} {:>11}  {}\n", pid, fd, s.calls,
                   num(s.requested), num(s.transferred), num(s.short_transfers), s.eagain, s.errors,
                   seconds_text(s.time), what);
}

} // namespace

std::optional<IoBytes> io_bytes(const SyscallEvent& e) {
    if (e.entry == nullptr) return std::nullopt;
    const SyscallFacts& facts = e.entry->facts;
    const bool reads = facts.has(Fact::reads);
    if (!reads && !facts.has(Fact::writes)) return std::nullopt;
    // the count argument, or the iovec/msghdr/mmsghdr argument
    const auto arg = static_cast<std::size_t>(facts.arg_of(reads ? Fact::reads : Fact::writes));
    IoBytes io;
    io.reads = reads;
    const Value* v = arg < e.values.size() ? &e.values[arg] : nullptr;
    switch (facts.io) {
    case IoVia::count:
        // copy_file_range and sendfile are often asked for "as much as there is" (cp asks for 2^63 - 2^30)
        if (e.args[arg] < kUnlimited) io.requested = e.args[arg];
        break;
    case IoVia::iovecs:
    case IoVia::mmsgs:
        if (v != nullptr) io.requested = sum_fields(*v, "iov_len");
        break;
    case IoVia::none:
        break;
    }
    const bool ok = e.exited && !e.unfinished && !e.detached && e.error == 0 && e.ret > 0;
    if (ok) {
        if (facts.io == IoVia::mmsgs) {
            io.transferred = v != nullptr ? sum_fields(*v, "msg_len").value_or(0) : 0;
        } else {
            io.transferred = static_cast<std::uint64_t>(e.ret);
        }
    }
    return io;
}

void FdCallStats::add(const SyscallEvent& e, const std::optional<IoBytes>& io) {
    ++calls;
    if (e.exit_time > e.entry_time) time += e.exit_time - e.entry_time;
    const bool failed = e.exited && e.error != 0;
    if (failed) ++errors;
    if (failed && e.error == EAGAIN) ++eagain;
    if (!io) return;
    ++io_calls;
    requested += io->requested.value_or(0);
    transferred += io->transferred;
    if (!failed && e.exited && !e.unfinished && io->requested && io->transferred < *io->requested)
        ++short_transfers;
}

FdStatsReporter::FdStatsReporter(std::shared_ptr<Output> out, FdTrackerConfig fds)
    : m_out(std::move(out)), m_tracker(std::move(fds)) {}

FdLifeStats& FdStatsReporter::stats_of(std::size_t life) {
    if (m_stats.size() <= life) m_stats.resize(life + 1);
    return m_stats[life];
}

void FdStatsReporter::on_syscall_exit(const SyscallEvent& e) {
    std::vector<std::size_t> lives = m_tracker.lives_used(e);
    for (const std::size_t id : m_tracker.apply(e)) {
        if (std::find(lives.begin(), lives.end(), id) == lives.end()) lives.push_back(id);
    }
    if (lives.empty()) return;
    const auto io = io_bytes(e);
    for (const std::size_t id : lives) {
        FdLifeStats& s = stats_of(id);
        s.total.add(e, io);
        auto it = std::find_if(s.by_syscall.begin(), s.by_syscall.end(),
                               [&](const auto& p) { return p.first == e.nr; });
        if (it == s.by_syscall.end()) {
            s.by_syscall.emplace_back(e.nr, FdCallStats{});
            it = std::prev(s.by_syscall.end());
        }
        it->second.add(e, io);
    }
}

void FdStatsReporter::on_finish() {
    m_out->flush();
    fmt::memory_buffer text;
    render_fd_stats(text, m_tracker.lives(), m_stats);
    m_out->write(std::string_view(text.data(), text.size()));
    m_out->flush();
}

void render_fd_stats(fmt::memory_buffer& out, const std::vector<FdLife>& lives,
                     const std::vector<FdLifeStats>& stats) {
    std::vector<std::size_t> shown;
    for (std::size_t id = 0; id < stats.size() && id < lives.size(); ++id) {
        if (stats[id].total.calls > 0) shown.push_back(id);
    }
    std::stable_sort(shown.begin(), shown.end(), [&](std::size_t a, std::size_t b) {
        const FdCallStats& x = stats[a].total;
        const FdCallStats& y = stats[b].total;
        if (x.transferred != y.transferred) return x.transferred > y.transferred;
        return x.calls > y.calls;
    });
    fmt::format_to(std::back_inserter(out), "\nfd statistics: {} descriptor{} (bytes; time in seconds)\n",
                   shown.size(), shown.size() == 1 ? "" : "s");
    append(out, "    pid    fd    calls  requested  transferred  short  EAGAIN  errors     seconds  what\n");
    constexpr std::string_view kRule = "------- ----- -------- ---------- ------------ ------ ------- "
                                       "------- ----------- ----------------\n";
    append(out, kRule);
    for (const std::size_t id : shown) {
        const FdLife& life = lives[id];
        const FdLifeStats& s = stats[id];
        std::string what = life.what;
        if (life.closed == 0 || life.closed_by_exit) what += " (open at exit)";
        render_row(out, std::to_string(life.pid), std::to_string(life.fd), s.total, true, what);
        for (const auto& [nr, calls] : s.by_syscall) {
            render_row(out, "", "", calls, calls.io_calls > 0, "  " + summary_syscall_name(nr));
        }
    }
    append(out, kRule);
}

} // namespace trace
