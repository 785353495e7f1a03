// Finding the options in argv with CLI11, in strace's (getopt's) habits: bundled short options,
// attached values (-s80, -ofile), long options with =value, unique prefixes of long options, and
// the command starting at the first argument that is not an option (or after "--").
#include "trace/cli/command_line.hpp"
#include "trace/cli/help.hpp"
#include "trace/cli/option_table.hpp"
#include "trace/util/error.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <map>

namespace trace {

namespace {

// The value CLI11 reports for a flag given without "=value".
constexpr char kNoValue[] = "\x01";
// CLI11 reads "--name=" as "--name" and takes the next argument as its value, so that
// "--output= ./prog" would overwrite ./prog. An empty value goes through CLI11 as this marker.
constexpr char kEmptyValue[] = "\x02";

bool is_empty_long_value(const std::string& arg) {
    return arg.size() > 3 && arg.rfind("--", 0) == 0 && arg.find('=') == arg.size() - 1;
}

// The argument as the user typed it, for messages.
std::string as_typed(std::string arg) {
    if (arg.size() > 1 && arg.back() == kEmptyValue[0] && arg[arg.size() - 2] == '=') arg.pop_back();
    return arg;
}

[[noreturn]] void missing_argument(const std::vector<std::string>& args) {
    // CLI11 only runs out of values at the end of argv: the last argument is the culprit.
    const std::string& last = args.back();
    if (last.rfind("--", 0) == 0)
        throw UsageError(
            fmt::format("option '{}' requires an argument", as_typed(last).substr(0, last.find('='))));
    throw UsageError(fmt::format("option requires an argument -- '{}'", last.back()));
}

struct Scan {
    std::vector<FoundOption> found;
    std::vector<std::string> rest; // what CLI11 did not take: unknown options, "--", the command
};

Scan run_cli11(const std::vector<std::string>& args) {
    CLI::App app{"trace"};
    app.set_help_flag();
    app.prefix_command();
    app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);

    std::map<const CLI::Option*, const OptionSpec*> specs;
    for (const auto& spec : option_table()) {
        const std::string name(spec.name);
        // Flags get a marker default so that "--name=value" can be told from "--name".
        CLI::Option* opt = spec.arg == OptArg::required
                               ? app.add_option(name)
                               : app.add_flag(fmt::format("{}{{{}}}", name, kNoValue));
        specs.emplace(opt, &spec);
    }

    std::vector<std::string> reversed(args.rbegin(), args.rend());
    try {
        app.parse(reversed);
    } catch (const CLI::ArgumentMismatch&) {
        missing_argument(args);
    } catch (const CLI::Error& e) {
        throw UsageError(e.what());
    }

    Scan scan;
    std::map<const CLI::Option*, std::size_t> next_result;
    for (const CLI::Option* opt : app.parse_order()) {
        const auto& results = opt->results();
        const std::size_t i = next_result[opt]++;
        FoundOption f{specs.at(opt), std::nullopt};
        if (i < results.size() && results[i] != kNoValue)
            f.value = results[i] == kEmptyValue ? "" : results[i];
        scan.found.push_back(std::move(f));
    }
    scan.rest = app.remaining();
    return scan;
}

// getopt accepts a unique prefix of a long option ("--follow" for "--follow-forks"). Returns the
// argument spelled in full, or throws for an unknown or ambiguous one.
std::string expand_long_option(const std::string& arg) {
    const std::size_t eq = arg.find('=');
    const std::string_view name = std::string_view(arg).substr(0, eq);
    std::vector<const OptionSpec*> matches;
    for (const auto& spec : option_table()) {
        if (spec.name.size() > 2 && spec.name.substr(0, 2) == "--" && spec.name.rfind(name, 0) == 0)
            matches.push_back(&spec);
    }
    if (matches.empty()) throw UsageError(fmt::format("unrecognized option '{}'", as_typed(arg)));
    // Spellings of the same option are not ambiguous with each other (--daemonise, --daemonize).
    const OptionSpec* first = matches.front();
    std::string listed = fmt::format(" '{}'", first->name);
    bool ambiguous = false;
    for (const OptionSpec* m : matches) {
        if (m != first && (m->id != first->id || m->arg != first->arg)) {
            listed += fmt::format(" '{}'", m->name);
            ambiguous = true;
        }
    }
    if (ambiguous)
        throw UsageError(fmt::format("option '{}' is ambiguous; possibilities:{}", as_typed(arg), listed));
    return std::string(first->name) + (eq == std::string::npos ? "" : arg.substr(eq));
}

} // namespace

CommandLine parse_command_line(const std::vector<std::string>& input) {
    std::vector<std::string> args = input;
    for (auto& a : args) {
        if (is_empty_long_value(a)) a += kEmptyValue;
    }
    // Each round spells out one abbreviated long option; there are at most as many as arguments.
    for (std::size_t round = 0; round <= args.size(); ++round) {
        Scan scan = run_cli11(args);
        std::vector<std::string> command = std::move(scan.rest);
        for (auto& a : command)
            a = as_typed(std::move(a));
        if (!command.empty() && command.front() == "--") {
            command.erase(command.begin());
        } else if (!command.empty() && command.front().size() > 1 && command.front()[0] == '-') {
            // getopt would have stopped at -h first if it came first; showing the help is harmless.
            if (std::any_of(scan.found.begin(), scan.found.end(),
                            [](const FoundOption& f) { return f.spec->id == Opt::help; }))
                return apply_options(scan.found, {});
            const std::string& unknown = command.front();
            if (unknown[1] != '-') throw UsageError(fmt::format("invalid option -- '{}'", unknown[1]));
            std::string full = expand_long_option(unknown);
            if (is_empty_long_value(full)) full += kEmptyValue;
            for (auto& a : args) {
                if (as_typed(a) == unknown) {
                    a = full;
                    break;
                }
            }
            continue;
        }
        return apply_options(scan.found, std::move(command));
    }
    throw UsageError("cannot parse the command line");
}

std::string program_name(int argc, char** argv) {
    return argc > 0 && argv[0] != nullptr && argv[0][0] != '\0' ? argv[0] : "trace";
}

Options parse_options(int argc, char** argv) {
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i)
        args.emplace_back(argv[i]);
    CommandLine cl = parse_command_line(args);
    cl.options.program_name = program_name(argc, argv);
    switch (cl.action) {
    case CliAction::help:
        std::fputs(help_text().c_str(), stdout);
        std::exit(0);
    case CliAction::version:
        std::fputs(version_text().c_str(), stdout);
        std::exit(0);
    case CliAction::run:
        break;
    }
    for (const auto& w : cl.warnings)
        std::fprintf(stderr, "%s: %s\n", cl.options.program_name.c_str(), w.c_str());
    return std::move(cl.options);
}

} // namespace trace
