#include "trace/cli/summary_config.hpp"

#include "trace/util/error.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <string>

namespace trace {

SummaryConfig summary_config(const Options& o) {
    SummaryConfig c;
    const auto sort = summary_sort_from_name(o.summary_sort);
    if (!sort) throw UsageError(fmt::format("invalid sortby: '{}'", o.summary_sort));
    c.format.sort = *sort;
    for (const std::string& name : o.summary_columns) {
        const auto column = summary_column_from_name(name);
        if (!column) throw UsageError(fmt::format("unknown column name: '{}'", name));
        c.format.columns.push_back(*column);
    }
    // As strace: the table is meaningless without the names.
    if (!c.format.columns.empty() && std::find(c.format.columns.begin(), c.format.columns.end(),
                                               SummaryColumn::name) == c.format.columns.end()) {
        c.format.columns.push_back(SummaryColumn::name);
    }
    c.format.errno_breakdown = o.summary_errors;
    c.wall_clock = o.summary_wall_clock;
    c.overhead = o.summary_overhead.count();
    c.count_successful = o.status.successful;
    c.count_failed = o.status.failed;
    c.per_pid = o.summary_per_pid;
    c.interval = o.summary_interval.count();
    return c;
}

} // namespace trace
