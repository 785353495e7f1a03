#pragma once
// The command line parser behind parse_options(), without printing or exiting, for tests.
#include "trace/cli/options.hpp"

#include <string>
#include <vector>

namespace trace {

enum class CliAction : std::uint8_t { run, help, version };

struct CommandLine {
    CliAction action = CliAction::run;
    Options options;
    std::vector<std::string> warnings; // one line each, without the "trace: " prefix
};

// args are argv[1..argc): the program name is not included.
// Throws UsageError for a bad command line.
CommandLine parse_command_line(const std::vector<std::string>& args);

} // namespace trace
