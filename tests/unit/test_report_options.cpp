// The reporters' command line: --hide-errno, --hide-eagain, --hide-empty-polls, --fd-stats, --stats,
// --json and --output-format.
#include "trace/cli/command_line.hpp"
#include "trace/util/error.hpp"

#include <cerrno>
#include <doctest/doctest.h>
#include <string>
#include <vector>

namespace {

trace::CommandLine parse(std::vector<std::string> args) {
    return trace::parse_command_line(args);
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

TEST_CASE("report_options::hide") {
    CHECK(parse({"ls"}).options.output.hide_errnos.empty());
    CHECK(parse({"--hide-errno=EAGAIN,EINTR,5", "ls"}).options.output.hide_errnos ==
          std::vector<int>{EAGAIN, EINTR, 5});
    CHECK(parse({"--hide-errno", "EWOULDBLOCK", "ls"}).options.output.hide_errnos ==
          std::vector<int>{EAGAIN});
    // --hide-eagain adds to the list, once
    CHECK(parse({"--hide-errno=EINTR", "--hide-eagain", "--hide-errno=EAGAIN", "ls"})
              .options.output.hide_errnos == std::vector<int>{EINTR, EAGAIN});
    CHECK(parse({"--hide-empty-polls", "ls"}).options.output.hide_empty_polls);
    CHECK_FALSE(parse({"ls"}).options.output.hide_empty_polls);
    CHECK(error_of({"--hide-errno=EBOGUS", "ls"}) == "invalid --hide-errno argument: 'EBOGUS'");
    CHECK(error_of({"--hide-errno=EAGAIN,", "ls"}) == "invalid --hide-errno argument: 'EAGAIN,'");
    CHECK(error_of({"--hide-errno=0", "ls"}) == "invalid --hide-errno argument: '0'");
    CHECK(error_of({"--hide-eagain=1", "ls"}) == "option '--hide-eagain' doesn't allow an argument");
    const auto c = parse({"-c", "--hide-eagain", "ls"});
    REQUIRE(c.warnings.size() == 1);
    CHECK(c.warnings[0] ==
          "--hide-errno, --hide-eagain and --hide-empty-polls have no effect with -c/--summary-only");
}

TEST_CASE("report_options::reports and formats") {
    CHECK(parse({"--fd-stats", "ls"}).options.output.fd_stats);
    CHECK(parse({"--stats", "ls"}).options.output.stats);
    CHECK_FALSE(parse({"ls"}).options.output.stats);
    CHECK(parse({"ls"}).options.output.format == trace::OutputFormat::text);
    CHECK(parse({"--json", "ls"}).options.output.format == trace::OutputFormat::json);
    CHECK(parse({"--output-format=json", "ls"}).options.output.format == trace::OutputFormat::json);
    CHECK(parse({"--json", "--output-format", "text", "ls"}).options.output.format ==
          trace::OutputFormat::text);
    CHECK(error_of({"--output-format=xml", "ls"}) == "invalid --output-format argument: 'xml'");
    CHECK(error_of({"--json", "-ff", "-o", "x", "ls"}) ==
          "--json/--output-format=json and -ff/--output-separately are mutually exclusive");
    // a unique prefix works, as for every long option
    CHECK(parse({"--js", "ls"}).options.output.format == trace::OutputFormat::json);
}
