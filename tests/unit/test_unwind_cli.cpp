// -k's command line: the frame limit, -e stack=, demangling, and -k with -c.
#include "trace/cli/command_line.hpp"
#include "trace/syscalls/table.hpp"
#include "trace/util/error.hpp"

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

long nr_of(const char* name) {
    const trace::SyscallEntry* e = trace::find_syscall(std::string_view(name));
    REQUIRE(e != nullptr);
    return e->nr;
}

} // namespace

TEST_CASE("cli::stack_trace_options") {
    const trace::Options defaults = parse({"-k", "true"}).options;
    CHECK(defaults.stack.enabled);
    CHECK(defaults.stack.frame_limit == 256);
    CHECK(defaults.stack.demangle);
    CHECK(defaults.stack.calls.everything());

    CHECK(parse({"-k", "--stack-trace-frame-limit=5", "true"}).options.stack.frame_limit == 5);
    CHECK(parse({"-k", "--stack-trace-depth", "7", "true"}).options.stack.frame_limit == 7);
    CHECK(parse({"--stack-trace", "true"}).options.stack.enabled);
    CHECK_FALSE(parse({"-k", "--no-demangle", "true"}).options.stack.demangle);
    CHECK(parse({"-k", "--no-demangle", "--demangle", "true"}).options.stack.demangle);

    CHECK(error_of({"-k", "--stack-trace-frame-limit=0", "true"}) ==
          "invalid --stack-trace-frame-limit argument: '0'");
    CHECK(error_of({"-k", "--stack-trace-depth=x", "true"}) == "invalid --stack-trace-depth argument: 'x'");
}

TEST_CASE("cli::stack_selector") {
    const trace::Options o = parse({"-k", "-e", "stack=getpid,%memory", "true"}).options;
    CHECK(o.stack.calls.contains(nr_of("getpid")));
    CHECK(o.stack.calls.contains(nr_of("mmap")));
    CHECK_FALSE(o.stack.calls.contains(nr_of("write")));
    CHECK(o.filter.syscalls.everything()); // the trace itself is not filtered

    const trace::Options l = parse({"-k", "--stack-trace-syscalls=!write", "true"}).options;
    CHECK_FALSE(l.stack.calls.contains(nr_of("write")));
    CHECK(l.stack.calls.contains(nr_of("read")));
    CHECK(error_of({"-k", "-e", "stack=nosuchcall", "true"}) == "invalid system call 'nosuchcall'");
}

TEST_CASE("cli::stack_with_summary") {
    // -c -k groups the counts by calling stack: no "has no effect" warning.
    const trace::CommandLine cl = parse({"-c", "-k", "true"});
    CHECK(cl.options.summary.only);
    CHECK(cl.options.stack.enabled);
    for (const std::string& w : cl.warnings)
        CHECK(w.find("-k") == std::string::npos);
}
