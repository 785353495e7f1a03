#include "trace/cli/summary_config.hpp"

#include "trace/cli/usage_errors.hpp"

#include <algorithm>
#include <string>

namespace trace {

SummaryConfig summary_config(const Options& options) {
    const SummaryOptions& o = options.summary;
    SummaryConfig c;
    const auto sort = summary_sort_from_name(o.sort);
    if (!sort) fail("invalid sortby: '{}'", o.sort);
    c.format.sort = *sort;
    for (const std::string& name : o.columns) {
        const auto column = summary_column_from_name(name);
        if (!column) fail("unknown column name: '{}'", name);
        c.format.columns.push_back(*column);
    }
    // As strace: the table is meaningless without the names.
    if (!c.format.columns.empty() && std::find(c.format.columns.begin(), c.format.columns.end(),
                                               SummaryColumn::name) == c.format.columns.end()) {
        c.format.columns.push_back(SummaryColumn::name);
    }
    c.format.errno_breakdown = o.errors;
    c.wall_clock = o.wall_clock;
    c.overhead = o.overhead.count();
    c.count_successful = options.filter.status.successful;
    c.count_failed = options.filter.status.failed;
    c.per_pid = o.per_pid;
    c.interval = o.interval.count();
    return c;
}

} // namespace trace
