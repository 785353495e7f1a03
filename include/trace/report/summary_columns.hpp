#pragma once
// The columns of the -c summary table and its sort keys, with strace's names and aliases (-U, -S).
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace trace {

enum class SummaryColumn : std::uint8_t {
    time_percent, // "% time"
    total_time,   // "seconds"
    min_time,     // "shortest"
    max_time,     // "longest"
    avg_time,     // "usecs/call"
    calls,
    errors,
    name, // "syscall"
    wall_total,
    wall_min,
    wall_max,
    wall_avg,
};

// What -S sorts by: none keeps the order of syscall numbers.
enum class SummarySort : std::uint8_t {
    none,
    time,
    min_time,
    max_time,
    avg_time,
    calls,
    errors,
    name,
    wall_total,
    wall_min,
    wall_max,
    wall_avg,
};

// The default columns: % time, seconds, usecs/call, calls, errors, syscall.
std::span<const SummaryColumn> default_summary_columns();

// A column by any of strace's names ("time-percent", "time", "shortest", "count", "syscall-name", ...);
// nullopt for an unknown name and for "none"/"nothing".
std::optional<SummaryColumn> summary_column_from_name(std::string_view name);

// A sort key by any column name, or "none"/"nothing"; nullopt for an unknown name.
std::optional<SummarySort> summary_sort_from_name(std::string_view name);

} // namespace trace
