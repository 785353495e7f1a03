// An empty value ("--output=", "-o ''") is an error of its own, never a reason to take the next
// argument as the value: "trace --output= ./prog" once overwrote ./prog with the trace. Every long
// option that takes a value is walked, from the table the parser itself uses.
#include "run_trace.hpp"
#include "trace/cli/command_line.hpp"
#include "trace/cli/option_table.hpp"
#include "trace/util/error.hpp"

#include <algorithm>
#include <cstdlib>
#include <dirent.h>
#include <doctest/doctest.h>
#include <fstream>
#include <string>
#include <vector>

using namespace trace;

namespace {

using Args = std::vector<std::string>;

std::string error_of(const Args& args) {
    try {
        parse_command_line(args);
    } catch (const UsageError& e) {
        return e.what();
    }
    return "<no error>";
}

std::vector<const OptionSpec*> long_options_with_values() {
    std::vector<const OptionSpec*> specs;
    for (const OptionSpec& spec : option_table()) {
        if (spec.name.starts_with("--") && spec.arg != OptArg::none) specs.push_back(&spec);
    }
    return specs;
}

std::vector<std::string> entries(const std::string& dir) {
    std::vector<std::string> names;
    DIR* d = opendir(dir.c_str());
    REQUIRE(d != nullptr);
    while (const dirent* e = readdir(d)) {
        const std::string name = e->d_name;
        if (name != "." && name != "..") names.push_back(name);
    }
    closedir(d);
    return names;
}

} // namespace

TEST_CASE("empty values::every long option refuses an empty value") {
    const auto specs = long_options_with_values();
    REQUIRE(specs.size() > 30);
    for (const OptionSpec* spec : specs) {
        const std::string name(spec->name);
        CAPTURE(name);
        // "--output= victim true": victim must not become the output file, nor true the command.
        const std::string err = error_of({name + "=", "victim", "true"});
        CHECK(err != "<no error>");
        CHECK(err.find('\n') == std::string::npos);
        // The message names the option or shows the empty value.
        const bool names_it = err.find(name) != std::string::npos || err.find("''") != std::string::npos ||
                              err.find("not supported") != std::string::npos;
        CHECK(names_it);
        // "--output '' victim true" (the value as its own argument) is refused the same way.
        if (spec->arg == OptArg::required) CHECK(error_of({name, "", "victim", "true"}) == err);
    }
}

TEST_CASE("empty values::messages as strace 7.2 prints them") {
    CHECK(error_of({"--output=", "victim", "true"}) == "Can't fopen '': No such file or directory");
    CHECK(error_of({"--trace=", "true"}) == "invalid system call ''");
    CHECK(error_of({"--signals=", "true"}) == "invalid signal ''");
    CHECK(error_of({"--signal=", "true"}) == "invalid signal ''"); // a prefix of --signals
    CHECK(error_of({"--status=", "true"}) == "invalid status ''");
    CHECK(error_of({"--trace-fds=", "true"}) == "invalid descriptor ''");
    CHECK(error_of({"--quiet=", "true"}) == "invalid quiet ''");
    CHECK(error_of({"--decode-fds=", "true"}) == "invalid decode-fds ''");
    CHECK(error_of({"--decode-pids=", "true"}) == "invalid decode-pids ''");
    CHECK(error_of({"--string-limit=", "true"}) == "invalid --string-limit argument: ''");
    CHECK(error_of({"--strings-in-hex=", "true"}) == "invalid --strings-in-hex argument: ''");
    CHECK(error_of({"--detach-on=", "true"}) == "Syscall '' for -b isn't supported");
    CHECK(error_of({"--user=", "true"}) == "Cannot find user ''");
    CHECK(error_of({"--summary-sort-by=", "true"}) == "invalid sortby: ''");
    CHECK(error_of({"--kvm=", "true"}) == "invalid -e kvm= argument: ''");
    CHECK(error_of({"--namespace=", "true"}) == "invalid -e namespace= argument: ''");
    CHECK(error_of({"--follow-forks=", "true"}) == "option '--follow-forks' doesn't allow an argument");
    // strace takes these empty (runs without attaching, sets nothing); trace refuses the long form.
    CHECK(error_of({"--attach=", "true"}) == "invalid --attach argument: ''");
    CHECK(error_of({"--env=", "true"}) == "invalid --env argument: ''");
    CHECK(error_of({"--trace-path=", "true"}) == "invalid --trace-path argument: ''");
    CHECK(error_of({"--argv0=", "true"}) == "invalid --argv0 argument: ''");
    // An abbreviated long option with an empty value.
    CHECK(error_of({"--outp=", "true"}).find("is ambiguous") != std::string::npos);
    CHECK(error_of({"--string-l=", "true"}) == "invalid --string-limit argument: ''");
}

TEST_CASE("empty values::short options with an empty argument behave as in strace 7.2") {
    CHECK(error_of({"-o", "", "true"}) == "Can't fopen '': No such file or directory");
    CHECK(error_of({"-e", "", "true"}) == "invalid system call ''");
    CHECK(error_of({"-s", "", "true"}) == "invalid -s argument: ''");
    CHECK(error_of({"-u", "", "true"}) == "Cannot find user ''");
    CHECK(error_of({"-b", "", "true"}) == "Syscall '' for -b isn't supported");
    CHECK(error_of({"-X", "", "true"}) == "invalid -X argument: ''");
    CHECK(error_of({"-I", "", "true"}) == "invalid -I argument: ''");
    // strace accepts these: -p '' attaches to nothing, -E '' changes nothing, -P '' matches "".
    CHECK(parse_command_line({"-p", "", "true"}).options.run.attach_pids.empty());
    CHECK(parse_command_line({"-E", "", "true"}).options.run.command == Args{"true"});
    CHECK(error_of({"-p", ""}) == "must have PROG [ARGS] or -p PID");
}

TEST_CASE("empty values::the command keeps its own empty-looking arguments") {
    // Only options are read: "--x=" after the command belongs to the command, unchanged.
    CHECK(parse_command_line({"-f", "prog", "--output=", "-o", ""}).options.run.command ==
          Args{"prog", "--output=", "-o", ""});
    CHECK(parse_command_line({"--", "prog", "--trace="}).options.run.command == Args{"prog", "--trace="});
}

TEST_CASE("empty values::the trace binary writes nothing and names itself") {
    for (const OptionSpec* spec : long_options_with_values()) {
        const std::string name(spec->name);
        CAPTURE(name);
        char dir[] = "/tmp/trace-empty-XXXXXX";
        REQUIRE(mkdtemp(dir) != nullptr);
        const std::string victim = std::string(dir) + "/victim";
        { std::ofstream(victim) << "keep\n"; }
        const TraceRun r = run_trace({name + "=", "victim", "true"}, TraceRunSetup{dir, "", false});
        CAPTURE(r.err);
        CHECK(WIFEXITED(r.status));
        CHECK(WEXITSTATUS(r.status) == 1);
        CHECK(r.err.rfind(std::string(TRACE_BINARY) + ": ", 0) == 0);
        // One line, and strace's "Try '... -h'" hint after option errors.
        const auto lines = std::count(r.err.begin(), r.err.end(), '\n');
        CHECK(lines >= 1);
        CHECK(lines <= 2);
        if (lines == 2) CHECK(r.err.find("Try '" + std::string(TRACE_BINARY) + " -h'") != std::string::npos);
        CHECK(read_whole_file(victim) == "keep\n");
        CHECK(entries(dir) == std::vector<std::string>{"victim"});
        unlink(victim.c_str());
        rmdir(dir);
    }
}
