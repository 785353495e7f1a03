// The -c table. Widths, number formats and rounding follow strace's count.c so that the bytes match:
// times are summed as exact nanoseconds and turned into doubles (seconds) only to be printed.
#include "trace/report/summary_table.hpp"

#include "trace/decode/names.hpp"
#include "trace/syscalls/table.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <string_view>

namespace trace {
namespace {

// Seconds as a double, as strace's ts_float computes them from a timespec.
double as_seconds(Nanos ns) {
    return static_cast<double>(ns / kNanosPerSecond) + static_cast<double>(ns % kNanosPerSecond) / 1e9;
}

// strace's ts_div: the average rounded to the nearest nanosecond.
Nanos average(Nanos total, std::uint64_t n) {
    if (n == 0) return 0;
    const auto u = static_cast<std::uint64_t>(total);
    return static_cast<Nanos>((u + n / 2) / n);
}

// The usecs/call number: microseconds, truncated.
std::uint64_t micros_of(double secs) {
    return static_cast<std::uint64_t>(secs * 1e6);
}

std::size_t chars(std::uint64_t v) {
    return fmt::formatted_size("{}", v);
}

struct ColumnSpec {
    std::string_view header;
    std::size_t min_width;
};

constexpr ColumnSpec spec(SummaryColumn c) {
    switch (c) {
    case SummaryColumn::time_percent:
        return {"% time", 6};
    case SummaryColumn::total_time:
        return {"seconds", 11};
    case SummaryColumn::min_time:
        return {"shortest", 8};
    case SummaryColumn::max_time:
        return {"longest", 7};
    case SummaryColumn::avg_time:
        return {"usecs/call", 11};
    case SummaryColumn::calls:
        return {"calls", 9};
    case SummaryColumn::errors:
        return {"errors", 9};
    case SummaryColumn::name:
        return {"syscall", 16};
    case SummaryColumn::wall_total:
        return {"wall-total", 11};
    case SummaryColumn::wall_min:
        return {"wall-min", 8};
    case SummaryColumn::wall_max:
        return {"wall-max", 8};
    case SummaryColumn::wall_avg:
        return {"wall-avg", 11};
    }
    return {"", 0};
}

constexpr std::size_t kColumnCount = static_cast<std::size_t>(SummaryColumn::wall_avg) + 1;

std::size_t index(SummaryColumn c) {
    return static_cast<std::size_t>(c);
}

// One printed row: a syscall's numbers, or the totals.
struct Line {
    std::string name;
    double percent = 0;
    Nanos time = 0;
    Nanos time_min = 0;
    Nanos time_max = 0;
    std::uint64_t avg_micros = 0;
    std::uint64_t calls = 0;
    std::uint64_t errors = 0;
    Nanos wall = 0;
    Nanos wall_min = 0;
    Nanos wall_max = 0;
    std::uint64_t wall_avg_micros = 0;
};

struct Entry {
    long nr;
    std::string name;
    const SyscallStats* stats;
    Nanos avg;
    Nanos wall_avg;
};

// strace sorts with qsort, which on glibc is a stable merge sort: ties keep the order of numbers.
void sort_entries(std::vector<Entry>& entries, SummarySort sort) {
    auto by = [&entries](auto key) {
        std::stable_sort(entries.begin(), entries.end(),
                         [&key](const Entry& a, const Entry& b) { return key(a) > key(b); });
    };
    switch (sort) {
    case SummarySort::none:
        return;
    case SummarySort::time:
        by([](const Entry& e) { return e.stats->time; });
        return;
    case SummarySort::min_time:
        by([](const Entry& e) { return e.stats->time_min; });
        return;
    case SummarySort::max_time:
        by([](const Entry& e) { return e.stats->time_max; });
        return;
    case SummarySort::avg_time:
        by([](const Entry& e) { return e.avg; });
        return;
    case SummarySort::calls:
        by([](const Entry& e) { return e.stats->calls; });
        return;
    case SummarySort::errors:
        by([](const Entry& e) { return e.stats->errors; });
        return;
    case SummarySort::wall_total:
        by([](const Entry& e) { return e.stats->wall; });
        return;
    case SummarySort::wall_min:
        by([](const Entry& e) { return e.stats->wall_min; });
        return;
    case SummarySort::wall_max:
        by([](const Entry& e) { return e.stats->wall_max; });
        return;
    case SummarySort::wall_avg:
        by([](const Entry& e) { return e.wall_avg; });
        return;
    case SummarySort::name:
        std::stable_sort(entries.begin(), entries.end(),
                         [](const Entry& a, const Entry& b) { return a.name < b.name; });
        return;
    }
}

class TableWriter {
public:
    TableWriter(fmt::memory_buffer& out, std::vector<SummaryColumn> columns,
                const std::array<std::size_t, kColumnCount>& widths)
        : m_out(out), m_columns(std::move(columns)), m_widths(widths) {}

    void header() {
        for (std::size_t i = 0; i < m_columns.size(); ++i) {
            const SummaryColumn c = m_columns[i];
            separator(i);
            if (c == SummaryColumn::name) {
                if (last(i)) {
                    put("{}", spec(c).header);
                } else {
                    put("{:<{}}", spec(c).header, width(c));
                }
            } else {
                put("{:>{}}", spec(c).header, width(c));
            }
        }
        put("\n");
    }

    void divider() {
        for (std::size_t i = 0; i < m_columns.size(); ++i) {
            separator(i);
            put("{:-<{}}", "", width(m_columns[i]));
        }
        put("\n");
    }

    void line(const Line& l) {
        for (std::size_t i = 0; i < m_columns.size(); ++i) {
            const SummaryColumn c = m_columns[i];
            const std::size_t w = width(c);
            separator(i);
            switch (c) {
            case SummaryColumn::time_percent:
                put("{:>{}.2f}", l.percent, w);
                break;
            case SummaryColumn::total_time:
                put("{:>{}.6f}", as_seconds(l.time), w);
                break;
            case SummaryColumn::min_time:
                put("{:>{}.6f}", as_seconds(l.time_min), w);
                break;
            case SummaryColumn::max_time:
                put("{:>{}.6f}", as_seconds(l.time_max), w);
                break;
            case SummaryColumn::avg_time:
                put("{:>{}}", l.avg_micros, w);
                break;
            case SummaryColumn::calls:
                put("{:>{}}", l.calls, w);
                break;
            // printf's "%*.0u": zero prints as blanks
            case SummaryColumn::errors:
                if (l.errors == 0) {
                    put("{:>{}}", "", w);
                } else {
                    put("{:>{}}", l.errors, w);
                }
                break;
            case SummaryColumn::name:
                if (last(i)) {
                    put("{}", l.name);
                } else {
                    put("{:<{}}", l.name, w);
                }
                break;
            case SummaryColumn::wall_total:
                put("{:>{}.6f}", as_seconds(l.wall), w);
                break;
            case SummaryColumn::wall_min:
                put("{:>{}.6f}", as_seconds(l.wall_min), w);
                break;
            case SummaryColumn::wall_max:
                put("{:>{}.6f}", as_seconds(l.wall_max), w);
                break;
            case SummaryColumn::wall_avg:
                put("{:>{}}", l.wall_avg_micros, w);
                break;
            }
        }
        put("\n");
    }

private:
    template <typename... Args> void put(fmt::format_string<Args...> f, Args&&... args) {
        fmt::format_to(std::back_inserter(m_out), f, std::forward<Args>(args)...);
    }
    void separator(std::size_t i) {
        if (i > 0) m_out.push_back(' ');
    }
    bool last(std::size_t i) const { return i + 1 == m_columns.size(); }
    std::size_t width(SummaryColumn c) const { return m_widths[index(c)]; }

    fmt::memory_buffer& m_out;
    std::vector<SummaryColumn> m_columns;
    std::array<std::size_t, kColumnCount> m_widths;
};

void render_errno_breakdown(fmt::memory_buffer& out, const std::vector<Entry>& entries) {
    auto it = std::back_inserter(out);
    bool any = false;
    for (const Entry& e : entries) {
        if (e.stats->errnos.empty()) continue;
        if (!any) fmt::format_to(it, "Errors:\n");
        any = true;
        auto errnos = e.stats->errnos;
        std::stable_sort(errnos.begin(), errnos.end(), [](const auto& a, const auto& b) {
            return a.second != b.second ? a.second > b.second : a.first < b.first;
        });
        fmt::format_to(it, "  {}:", e.name);
        const char* sep = " ";
        for (const auto& [err, count] : errnos) {
            const char* name = errno_name(err);
            if (name != nullptr) {
                fmt::format_to(it, "{}{} {}", sep, count, name);
            } else {
                fmt::format_to(it, "{}{} errno {}", sep, count, err);
            }
            sep = ", ";
        }
        fmt::format_to(it, "\n");
    }
}

} // namespace

void SyscallStats::add(Nanos t, Nanos w, int error) {
    ++calls;
    time += t;
    time_min = std::min(time_min, t);
    time_max = std::max(time_max, t);
    wall += w;
    wall_min = std::min(wall_min, w);
    wall_max = std::max(wall_max, w);
    if (error == 0) return;
    ++errors;
    for (auto& [err, count] : errnos) {
        if (err == error) {
            ++count;
            return;
        }
    }
    errnos.emplace_back(error, 1);
}

SyscallStats& SyscallCounts::slot(long nr) {
    if (m_index.empty()) m_index.resize(static_cast<std::size_t>(syscall_number_limit()), 0);
    if (nr >= 0 && static_cast<std::size_t>(nr) < m_index.size()) {
        std::uint16_t& pos = m_index[static_cast<std::size_t>(nr)];
        if (pos == 0) {
            m_known.emplace_back(nr, SyscallStats{});
            pos = static_cast<std::uint16_t>(m_known.size());
        }
        return m_known[pos - 1u].second;
    }
    for (auto& [n, stats] : m_other) {
        if (n == nr) return stats;
    }
    return m_other.emplace_back(nr, SyscallStats{}).second;
}

void SyscallCounts::add(long nr, Nanos time, Nanos wall, int error) {
    slot(nr).add(time, wall, error);
    ++m_calls;
}

void SyscallCounts::clear() {
    std::fill(m_index.begin(), m_index.end(), std::uint16_t{0});
    m_known.clear();
    m_other.clear();
    m_calls = 0;
}

std::vector<SyscallCounts::Row> SyscallCounts::rows() const {
    std::vector<Row> rows;
    rows.reserve(m_known.size() + m_other.size());
    for (const auto& [nr, stats] : m_known)
        rows.push_back(Row{nr, &stats});
    for (const auto& [nr, stats] : m_other)
        rows.push_back(Row{nr, &stats});
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.nr < b.nr; });
    return rows;
}

std::string summary_syscall_name(long nr) {
    const SyscallEntry* entry = find_syscall(nr);
    if (entry != nullptr) return entry->name;
    return fmt::format("syscall_{:#x}", static_cast<std::uint64_t>(nr));
}

void render_summary(fmt::memory_buffer& out, const SyscallCounts& counts, const SummaryFormat& format) {
    if (counts.empty()) return;

    std::vector<Entry> entries;
    Line total;
    total.name = "total";
    total.percent = 100.0;
    total.time_min = SyscallStats::kNoTime;
    total.wall_min = SyscallStats::kNoTime;
    Nanos min_max = 0; // the largest of the minimums: the width of "shortest"
    Nanos wall_min_max = 0;
    Nanos avg_max = 0; // the largest average: the width of "usecs/call"
    Nanos wall_avg_max = 0;
    std::size_t name_max = 0;
    for (const SyscallCounts::Row& row : counts.rows()) {
        const SyscallStats& s = *row.stats;
        Entry e{row.nr, summary_syscall_name(row.nr), &s, average(s.time, s.calls), average(s.wall, s.calls)};
        total.time += s.time;
        total.time_min = std::min(total.time_min, s.time_min);
        min_max = std::max(min_max, s.time_min);
        total.time_max = std::max(total.time_max, s.time_max);
        total.wall += s.wall;
        total.wall_min = std::min(total.wall_min, s.wall_min);
        wall_min_max = std::max(wall_min_max, s.wall_min);
        total.wall_max = std::max(total.wall_max, s.wall_max);
        total.calls += s.calls;
        total.errors += s.errors;
        avg_max = std::max(avg_max, e.avg);
        wall_avg_max = std::max(wall_avg_max, e.wall_avg);
        name_max = std::max(name_max, e.name.size());
        entries.push_back(std::move(e));
    }
    const double total_secs = as_seconds(total.time);
    const double total_wall_secs = as_seconds(total.wall);
    total.avg_micros = micros_of(total_secs / static_cast<double>(total.calls));
    total.wall_avg_micros = micros_of(total_wall_secs / static_cast<double>(total.calls));

    sort_entries(entries, format.sort);

    std::array<std::size_t, kColumnCount> widths{};
    auto set_width = [&widths](SummaryColumn c, std::size_t content) {
        widths[index(c)] = std::max(spec(c).min_width, content);
    };
    set_width(SummaryColumn::time_percent, 6);
    set_width(SummaryColumn::total_time, fmt::formatted_size("{:.6f}", total_secs));
    set_width(SummaryColumn::min_time, chars(static_cast<std::uint64_t>(min_max / kNanosPerSecond)) + 7);
    set_width(SummaryColumn::max_time,
              chars(static_cast<std::uint64_t>(total.time_max / kNanosPerSecond)) + 7);
    set_width(SummaryColumn::avg_time, chars(micros_of(as_seconds(avg_max))));
    set_width(SummaryColumn::calls, chars(total.calls));
    set_width(SummaryColumn::errors, chars(total.errors));
    set_width(SummaryColumn::name, name_max + 1);
    set_width(SummaryColumn::wall_total, fmt::formatted_size("{:.6f}", total_wall_secs));
    set_width(SummaryColumn::wall_min, chars(static_cast<std::uint64_t>(wall_min_max / kNanosPerSecond)) + 7);
    set_width(SummaryColumn::wall_max,
              chars(static_cast<std::uint64_t>(total.wall_max / kNanosPerSecond)) + 7);
    set_width(SummaryColumn::wall_avg, chars(micros_of(as_seconds(wall_avg_max))));

    std::vector<SummaryColumn> columns = format.columns;
    if (columns.empty()) {
        const auto defaults = default_summary_columns();
        columns.assign(defaults.begin(), defaults.end());
    }
    TableWriter table(out, std::move(columns), widths);
    table.header();
    table.divider();
    for (const Entry& e : entries) {
        const SyscallStats& s = *e.stats;
        Line l;
        l.name = e.name;
        const double secs = as_seconds(s.time);
        l.percent = 100.0 * secs;
        if (l.percent != 0.0) l.percent /= total_secs;
        l.time = s.time;
        l.time_min = s.time_min;
        l.time_max = s.time_max;
        l.avg_micros = micros_of(as_seconds(e.avg));
        l.calls = s.calls;
        l.errors = s.errors;
        l.wall = s.wall;
        l.wall_min = s.wall_min;
        l.wall_max = s.wall_max;
        l.wall_avg_micros = micros_of(as_seconds(e.wall_avg));
        table.line(l);
    }
    table.divider();
    table.line(total);

    if (format.errno_breakdown) render_errno_breakdown(out, entries);
}

} // namespace trace
