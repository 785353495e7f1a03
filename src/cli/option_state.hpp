#pragma once
// The command line while its options are applied: the options so far, and what the short and long
// spellings of one option said, which finish_options() resolves once every option is known (-f and
// --follow-forks together are refused; -ff counts its letters). The actions of the option table
// (option_table.cpp) change it; the ones with more to do than a kind of option are named here.
#include "trace/cli/command_line.hpp"
#include "trace/cli/expression.hpp"
#include "trace/cli/option_table.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace trace {

struct OptionState {
    CommandLine cl;
    bool stop = false; // -h: the options after it are not applied
    bool version = false;

    // counted letters, and whether the long spelling was given
    int follow_short = 0;
    bool follow_long = false;
    bool separately_long = false;
    bool deprecated_f = false;
    int quiet_short = 0;
    bool quiet_updated = false;
    int decode_fds_short = 0;
    bool decode_fds_updated = false;
    int timestamps_short = 0;
    bool timestamps_long = false;
    std::optional<TimestampFormat> ts_format;
    int hex_short = 0;
    std::optional<XMode> hex_long;
    int daemonize_short = 0;
    std::optional<DaemonizeMode> daemonize_long;
    std::optional<InterruptMode> interruptible;
    int stack_short = 0;
    int status_flags = 0; // -z, -Z
    bool columns_set = false;
    bool sort_set = false;

    Options& options() { return cl.options; }
    void warn(std::string text) { cl.warnings.push_back(std::move(text)); }
};

// Where an action writes: a field of one part of Options, or of the state being applied.
template <auto Part, auto Field> struct InOptions {
    static auto& of(OptionState& s) { return (s.options().*Part).*Field; }
};
template <auto Field> using InRun = InOptions<&Options::run, Field>;
template <auto Field> using InFilter = InOptions<&Options::filter, Field>;
template <auto Field> using InEngine = InOptions<&Options::engine, Field>;
template <auto Field> using InStack = InOptions<&Options::stack, Field>;
template <auto Field> using InFormat = InOptions<&Options::format, Field>;
template <auto Field> using InOutput = InOptions<&Options::output, Field>;
template <auto Field> using InSummary = InOptions<&Options::summary, Field>;
template <auto Field> struct InState {
    static auto& of(OptionState& s) { return s.*Field; }
};

// The option's argument, empty when none was given.
inline std::string_view value_of(const FoundOption& f) {
    return f.value ? std::string_view(*f.value) : std::string_view();
}

// "invalid -s argument: 'abc'" or "invalid --string-limit argument: 'abc'", as the user spelled it.
[[noreturn]] void bad_argument(const FoundOption& f);

// -e QUALIFIER=VALUE and its long spellings (--trace=VALUE).
void qualify(OptionState& s, Qualifier q, std::string_view value);

// -y (letters 1) and -yy (2).
void set_decode_fds_letters(OptionState& s, int letters);

// The options with an action of their own (option_actions.cpp).
namespace action {
void expression(OptionState& s, const FoundOption& f);      // -e
void attach(OptionState& s, const FoundOption& f);          // -p
void detach_on(OptionState& s, const FoundOption& f);       // -b
void summary_only(OptionState& s, const FoundOption& f);    // -c
void summary(OptionState& s, const FoundOption& f);         // -C
void help(OptionState& s, const FoundOption& f);            // -h
void stack_short(OptionState& s, const FoundOption& f);     // -k
void stack_long(OptionState& s, const FoundOption& f);      // --stack-traces
void output(OptionState& s, const FoundOption& f);          // -o
void user(OptionState& s, const FoundOption& f);            // -u
void overhead(OptionState& s, const FoundOption& f);        // -O
void sort_by(OptionState& s, const FoundOption& f);         // -S
void summary_columns(OptionState& s, const FoundOption& f); // -U
void timestamps(OptionState& s, const FoundOption& f);      // --absolute-timestamps
void cpu_placement(OptionState& s, const FoundOption& f);   // --cpu-placement
void summary_interval(OptionState& s, const FoundOption& f);
void hide_errno(OptionState& s, const FoundOption& f);
void hide_eagain(OptionState& s, const FoundOption& f);
void color(OptionState& s, const FoundOption& f);
} // namespace action

// strace's checks of the options taken together, and the settings that depend on several of them.
void finish_options(OptionState& s);

} // namespace trace
