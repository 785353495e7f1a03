// The summary's command line: strace's -S/-U/-O/-w become a SummaryConfig; trace's own --summary-* options.
#include "trace/cli/command_line.hpp"
#include "trace/cli/summary_config.hpp"
#include "trace/report/summary_reporter.hpp"
#include "trace/util/error.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using trace::SummaryColumn;
using trace::SummarySort;

trace::Options opts(std::vector<std::string> args) {
    return trace::parse_command_line(args).options;
}

std::string error_of(std::vector<std::string> args) {
    try {
        trace::parse_command_line(args);
    } catch (const trace::UsageError& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("summary::config_from_options") {
    const trace::SummaryConfig c =
        trace::summary_config(opts({"-c", "-w", "-S", "avg-time", "-U", "calls,errors", "-O", "2ms", "ls"}));
    CHECK(c.format.sort == SummarySort::avg_time);
    // the name column is added when -U leaves it out
    CHECK(c.format.columns ==
          std::vector<SummaryColumn>{SummaryColumn::calls, SummaryColumn::errors, SummaryColumn::name});
    CHECK(c.wall_clock);
    CHECK(c.overhead == 2'000'000);
    CHECK_FALSE(c.per_pid);
    CHECK(c.interval == 0);
    CHECK_FALSE(c.format.errno_breakdown);

    const trace::SummaryConfig d = trace::summary_config(opts({"-C", "ls"}));
    CHECK(d.format.sort == SummarySort::time);
    CHECK(d.format.columns.empty());
    CHECK_FALSE(d.wall_clock);
    CHECK(d.count_successful);
    CHECK(d.count_failed);

    const trace::SummaryConfig z = trace::summary_config(opts({"-c", "-Z", "-S", "nothing", "ls"}));
    CHECK_FALSE(z.count_successful);
    CHECK(z.count_failed);
    CHECK(z.format.sort == SummarySort::none);
}

TEST_CASE("summary::config_rejects_unknown_names") {
    trace::Options o = opts({"-c", "ls"});
    o.summary.sort = "fastest";
    CHECK_THROWS_WITH_AS(trace::summary_config(o), "invalid sortby: 'fastest'", trace::UsageError);
    o.summary.sort = "time";
    o.summary.columns = {"calls", "bogus"};
    CHECK_THROWS_WITH_AS(trace::summary_config(o), "unknown column name: 'bogus'", trace::UsageError);
}

TEST_CASE("summary::extension_options") {
    const trace::Options o =
        opts({"-c", "--summary-per-pid", "--summary-interval=2", "--summary-errors", "ls"});
    CHECK(o.summary.per_pid);
    CHECK(o.summary.interval.count() == 2'000'000'000);
    CHECK(o.summary.errors);
    const trace::SummaryConfig c = trace::summary_config(o);
    CHECK(c.per_pid);
    CHECK(c.interval == 2'000'000'000);
    CHECK(c.format.errno_breakdown);

    CHECK(opts({"-C", "--summary-interval", "0.5", "ls"}).summary.interval.count() == 500'000'000);
    CHECK(opts({"-C", "--summary-interval=250ms", "ls"}).summary.interval.count() == 250'000'000);
    CHECK(error_of({"-c", "--summary-interval=0", "ls"}) == "invalid --summary-interval argument: '0'");
    CHECK(error_of({"-c", "--summary-interval=x", "ls"}) == "invalid --summary-interval argument: 'x'");
    CHECK(
        error_of({"--summary-per-pid", "ls"}) ==
        "--summary-per-pid, --summary-interval and --summary-errors must be given with (-c/--summary-only or "
        "-C/--summary)");
    CHECK(
        error_of({"--summary-errors", "ls"}) ==
        "--summary-per-pid, --summary-interval and --summary-errors must be given with (-c/--summary-only or "
        "-C/--summary)");
}
