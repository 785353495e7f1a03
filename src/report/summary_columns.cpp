#include "trace/report/summary_columns.hpp"

#include <array>

namespace trace {
namespace {

struct ColumnAlias {
    std::string_view name;
    std::optional<SummaryColumn> column; // nullopt: "none", "nothing"
};

using C = SummaryColumn;

// Every spelling strace accepts for -U and -S.
constexpr std::array kAliases{
    ColumnAlias{"time", C::time_percent},
    ColumnAlias{"time_percent", C::time_percent},
    ColumnAlias{"time-percent", C::time_percent},
    ColumnAlias{"time_total", C::total_time},
    ColumnAlias{"time-total", C::total_time},
    ColumnAlias{"total_time", C::total_time},
    ColumnAlias{"total-time", C::total_time},
    ColumnAlias{"min_time", C::min_time},
    ColumnAlias{"min-time", C::min_time},
    ColumnAlias{"shortest", C::min_time},
    ColumnAlias{"time_min", C::min_time},
    ColumnAlias{"time-min", C::min_time},
    ColumnAlias{"longest", C::max_time},
    ColumnAlias{"max_time", C::max_time},
    ColumnAlias{"max-time", C::max_time},
    ColumnAlias{"time_max", C::max_time},
    ColumnAlias{"time-max", C::max_time},
    ColumnAlias{"avg_time", C::avg_time},
    ColumnAlias{"avg-time", C::avg_time},
    ColumnAlias{"time_avg", C::avg_time},
    ColumnAlias{"time-avg", C::avg_time},
    ColumnAlias{"calls", C::calls},
    ColumnAlias{"count", C::calls},
    ColumnAlias{"error", C::errors},
    ColumnAlias{"errors", C::errors},
    ColumnAlias{"name", C::name},
    ColumnAlias{"syscall", C::name},
    ColumnAlias{"syscall_name", C::name},
    ColumnAlias{"syscall-name", C::name},
    ColumnAlias{"wall_total", C::wall_total},
    ColumnAlias{"wall-total", C::wall_total},
    ColumnAlias{"total_wall", C::wall_total},
    ColumnAlias{"total-wall", C::wall_total},
    ColumnAlias{"wall_min", C::wall_min},
    ColumnAlias{"wall-min", C::wall_min},
    ColumnAlias{"min_wall", C::wall_min},
    ColumnAlias{"min-wall", C::wall_min},
    ColumnAlias{"wall_max", C::wall_max},
    ColumnAlias{"wall-max", C::wall_max},
    ColumnAlias{"max_wall", C::wall_max},
    ColumnAlias{"max-wall", C::wall_max},
    ColumnAlias{"wall_avg", C::wall_avg},
    ColumnAlias{"wall-avg", C::wall_avg},
    ColumnAlias{"avg_wall", C::wall_avg},
    ColumnAlias{"avg-wall", C::wall_avg},
    ColumnAlias{"none", std::nullopt},
    ColumnAlias{"nothing", std::nullopt},
};

constexpr std::array kDefaultColumns{C::time_percent, C::total_time, C::avg_time,
                                     C::calls,        C::errors,     C::name};

const ColumnAlias* find_alias(std::string_view name) {
    for (const auto& a : kAliases) {
        if (a.name == name) return &a;
    }
    return nullptr;
}

} // namespace

std::span<const SummaryColumn> default_summary_columns() {
    return kDefaultColumns;
}

std::optional<SummaryColumn> summary_column_from_name(std::string_view name) {
    const ColumnAlias* a = find_alias(name);
    return a != nullptr ? a->column : std::nullopt;
}

std::optional<SummarySort> summary_sort_from_name(std::string_view name) {
    const ColumnAlias* a = find_alias(name);
    if (a == nullptr) return std::nullopt;
    if (!a->column) return SummarySort::none;
    switch (*a->column) {
    case C::time_percent:
    case C::total_time:
        return SummarySort::time;
    case C::min_time:
        return SummarySort::min_time;
    case C::max_time:
        return SummarySort::max_time;
    case C::avg_time:
        return SummarySort::avg_time;
    case C::calls:
        return SummarySort::calls;
    case C::errors:
        return SummarySort::errors;
    case C::name:
        return SummarySort::name;
    case C::wall_total:
        return SummarySort::wall_total;
    case C::wall_min:
        return SummarySort::wall_min;
    case C::wall_max:
        return SummarySort::wall_max;
    case C::wall_avg:
        return SummarySort::wall_avg;
    }
    return std::nullopt;
}

} // namespace trace
