#pragma once
// -c's settings from the command line: sort key, columns, and what is counted.
#include "trace/cli/options.hpp"
#include "trace/report/summary_reporter.hpp"

namespace trace {

// Throws UsageError for an unknown sort key or column.
SummaryConfig summary_config(const Options& o);

} // namespace trace
