// The option table: every spelling of every option with its argument and its action. Most actions are
// a kind of option given the field it sets (a flag, a counted letter, a number within limits, a word
// from a list, an -e qualifier); the others are named functions (option_actions.cpp).
#include "option_state.hpp"
#include "trace/cli/usage_errors.hpp"
#include "trace/cli/values.hpp"

#include <array>
#include <climits>
#include <span>
#include <type_traits>

namespace trace {

namespace {

template <typename At> void set_flag(OptionState& s, const FoundOption&) {
    At::of(s) = true;
}

template <typename At, auto Value> void set_value(OptionState& s, const FoundOption&) {
    At::of(s) = Value;
}

// A letter that means more when repeated (-ff, -qqq).
template <typename At> void count(OptionState& s, const FoundOption&) {
    ++At::of(s);
}

template <typename At> void assign(OptionState& s, const FoundOption& f) {
    At::of(s) = std::string(value_of(f));
}

// An option that may be given again to add to a list (-E, -P).
template <typename At> void add_to_list(OptionState& s, const FoundOption& f) {
    At::of(s).emplace_back(value_of(f));
}

// A decimal number in [Min, Max].
template <typename At, unsigned long long Min, unsigned long long Max>
void number(OptionState& s, const FoundOption& f) {
    auto n = parse_uint(value_of(f), Max);
    if (!n || *n < Min) bad_argument(f);
    using T = std::remove_cvref_t<decltype(At::of(s))>;
    At::of(s) = static_cast<T>(*n);
}

// -r, -T and their long forms with an optional precision (s, ms, us, ns; default us).
template <typename Flag, typename Precision> void timing(OptionState& s, const FoundOption& f) {
    Flag::of(s) = true;
    auto p = f.value ? parse_time_precision(value_of(f)) : TimePrecision::us;
    if (!p) bad_argument(f);
    Precision::of(s) = *p;
}

template <typename T> struct Word {
    std::string_view name;
    T value;
};

// The words an option takes; bare: the word meant when the option is given without a value.
template <typename T> struct Words {
    std::span<const Word<T>> list;
    bool any_case = false;
    std::string_view bare;
};

template <typename At, const auto& Choices> void word(OptionState& s, const FoundOption& f) {
    const std::string_view text = f.value ? value_of(f) : Choices.bare;
    for (const auto& w : Choices.list) {
        if (Choices.any_case ? iequals(w.name, text) : w.name == text) {
            At::of(s) = w.value;
            return;
        }
    }
    bad_argument(f);
}

template <Qualifier Q> void qualifier(OptionState& s, const FoundOption& f) {
    qualify(s, Q, value_of(f));
}

// A qualifier whose value may be left out (--quiet, --decode-fds).
template <Qualifier Q, const std::string_view& Bare> void qualifier_or(OptionState& s, const FoundOption& f) {
    qualify(s, Q, f.value ? value_of(f) : Bare);
}

// An option that is a qualifier with a value (-v is -e abbrev=none).
template <Qualifier Q, const std::string_view& Value>
void qualifier_fixed(OptionState& s, const FoundOption&) {
    qualify(s, Q, Value);
}

// -z, -Z: only the last of them counts.
template <const std::string_view& Status> void status_only(OptionState& s, const FoundOption&) {
    qualify(s, Qualifier::status, Status);
    ++s.status_flags;
}

// An option of strace that trace does not have.
template <const std::string_view& Message> void refuse(OptionState&, const FoundOption&) {
    die("{}", Message);
}

constexpr std::string_view kNone = "none";
constexpr std::string_view kComm = "comm";
constexpr std::string_view kPidns = "pidns";
constexpr std::string_view kPath = "path";
constexpr std::string_view kQuietBare = "attach,personality";
constexpr std::string_view kSuccessful = "successful";
constexpr std::string_view kFailed = "failed";
constexpr std::string_view kNoArgNames = "-N/--arg-names (argument names) is not supported by trace";
constexpr std::string_view kNoTips = "--tips is not supported by trace";

constexpr std::array<Word<InterruptMode>, 9> kInterruptList{{
    {"1", InterruptMode::anywhere},
    {"anywhere", InterruptMode::anywhere},
    {"always", InterruptMode::anywhere},
    {"2", InterruptMode::waiting},
    {"waiting", InterruptMode::waiting},
    {"3", InterruptMode::never},
    {"never", InterruptMode::never},
    {"4", InterruptMode::never_tstp},
    {"never_tstp", InterruptMode::never_tstp},
}};
constexpr Words<InterruptMode> kInterruptWords{kInterruptList, true, {}};

constexpr std::array<Word<DaemonizeMode>, 4> kDaemonizeList{{
    {"grandchild", DaemonizeMode::grandchild},
    {"pgroup", DaemonizeMode::pgroup},
    {"pgrp", DaemonizeMode::pgroup},
    {"session", DaemonizeMode::session},
}};
constexpr Words<DaemonizeMode> kDaemonizeWords{kDaemonizeList, true, "grandchild"};

constexpr std::array<Word<XMode>, 4> kHexList{{
    {"none", XMode::none},
    {"non-ascii-chars", XMode::non_ascii_chars},
    {"non-ascii", XMode::non_ascii},
    {"all", XMode::all},
}};
constexpr Words<XMode> kHexWords{kHexList, true, "all"};

constexpr std::array<Word<ConstStyle>, 3> kConstStyleList{{
    {"raw", ConstStyle::raw},
    {"abbrev", ConstStyle::abbrev},
    {"verbose", ConstStyle::verbose},
}};
constexpr Words<ConstStyle> kConstStyleWords{kConstStyleList, false, {}};

constexpr std::array<Word<OutputFormat>, 2> kOutputFormatList{{
    {"json", OutputFormat::json},
    {"text", OutputFormat::text},
}};
constexpr Words<OutputFormat> kOutputFormatWords{kOutputFormatList, false, {}};

// The actions several spellings share.
constexpr OptionAction kColumn = number<InFormat<&FormatOptions::column>, 0, INT_MAX>;
constexpr OptionAction kRelative =
    timing<InFormat<&FormatOptions::relative_timestamps>, InFormat<&FormatOptions::relative_precision>>;
constexpr OptionAction kSyscallTimes =
    timing<InFormat<&FormatOptions::syscall_times>, InFormat<&FormatOptions::syscall_times_precision>>;
constexpr OptionAction kDaemonize = word<InState<&OptionState::daemonize_long>, kDaemonizeWords>;
constexpr OptionAction kFrameLimit = number<InStack<&StackOptions::frame_limit>, 1, 0xffff>;

// Short options first, then the long ones in strace's order (the order of "is ambiguous" lists).
constexpr std::array kOptions{
    OptionSpec{Opt::columns, "-a", OptArg::required, kColumn},
    OptionSpec{Opt::append, "-A", OptArg::none, set_flag<InOutput<&OutputOptions::append>>},
    OptionSpec{Opt::detach_on, "-b", OptArg::required, action::detach_on},
    OptionSpec{Opt::summary_only, "-c", OptArg::none, action::summary_only},
    OptionSpec{Opt::summary, "-C", OptArg::none, action::summary},
    OptionSpec{Opt::debug, "-d", OptArg::none, count<InEngine<&EngineOptions::debug>>},
    OptionSpec{Opt::daemonize_short, "-D", OptArg::none, count<InState<&OptionState::daemonize_short>>},
    OptionSpec{Opt::expr, "-e", OptArg::required, action::expression},
    OptionSpec{Opt::env, "-E", OptArg::required, add_to_list<InRun<&RunOptions::env_changes>>},
    OptionSpec{Opt::follow_short, "-f", OptArg::none, count<InState<&OptionState::follow_short>>},
    OptionSpec{Opt::deprecated_f, "-F", OptArg::none, set_flag<InState<&OptionState::deprecated_f>>},
    OptionSpec{Opt::help, "-h", OptArg::none, action::help},
    OptionSpec{Opt::instruction_pointer, "-i", OptArg::none,
               set_flag<InFormat<&FormatOptions::instruction_pointer>>},
    OptionSpec{Opt::interruptible, "-I", OptArg::required,
               word<InState<&OptionState::interruptible>, kInterruptWords>},
    OptionSpec{Opt::stack_short, "-k", OptArg::none, action::stack_short},
    OptionSpec{Opt::syscall_number, "-n", OptArg::none, set_flag<InFormat<&FormatOptions::syscall_number>>},
    OptionSpec{Opt::arg_names, "-N", OptArg::none, refuse<kNoArgNames>},
    OptionSpec{Opt::output, "-o", OptArg::required, action::output},
    OptionSpec{Opt::overhead, "-O", OptArg::required, action::overhead},
    OptionSpec{Opt::attach, "-p", OptArg::required, action::attach},
    OptionSpec{Opt::trace_path, "-P", OptArg::required, add_to_list<InFilter<&FilterOptions::paths>>},
    OptionSpec{Opt::quiet_short, "-q", OptArg::none, count<InState<&OptionState::quiet_short>>},
    OptionSpec{Opt::relative, "-r", OptArg::none, kRelative},
    OptionSpec{Opt::string_limit, "-s", OptArg::required,
               number<InFormat<&FormatOptions::string_limit>, 0, 0xffffffffULL / 4>},
    OptionSpec{Opt::sort_by, "-S", OptArg::required, action::sort_by},
    OptionSpec{Opt::timestamps_short, "-t", OptArg::none, count<InState<&OptionState::timestamps_short>>},
    OptionSpec{Opt::syscall_times, "-T", OptArg::none, kSyscallTimes},
    OptionSpec{Opt::user, "-u", OptArg::required, action::user},
    OptionSpec{Opt::summary_columns, "-U", OptArg::required, action::summary_columns},
    OptionSpec{Opt::no_abbrev, "-v", OptArg::none, qualifier_fixed<Qualifier::abbrev, kNone>},
    OptionSpec{Opt::version, "-V", OptArg::none, set_flag<InState<&OptionState::version>>},
    OptionSpec{Opt::wall_clock, "-w", OptArg::none, set_flag<InSummary<&SummaryOptions::wall_clock>>},
    OptionSpec{Opt::hex_short, "-x", OptArg::none, count<InState<&OptionState::hex_short>>},
    OptionSpec{Opt::const_style, "-X", OptArg::required,
               word<InFormat<&FormatOptions::const_style>, kConstStyleWords>},
    OptionSpec{Opt::decode_fds_short, "-y", OptArg::none, count<InState<&OptionState::decode_fds_short>>},
    OptionSpec{Opt::decode_pids_comm, "-Y", OptArg::none, qualifier_fixed<Qualifier::decode_pids, kComm>},
    OptionSpec{Opt::successful_only, "-z", OptArg::none, status_only<kSuccessful>},
    OptionSpec{Opt::failed_only, "-Z", OptArg::none, status_only<kFailed>},

    OptionSpec{Opt::columns, "--columns", OptArg::required, kColumn},
    OptionSpec{Opt::append, "--output-append-mode", OptArg::none, set_flag<InOutput<&OutputOptions::append>>},
    OptionSpec{Opt::detach_on, "--detach-on", OptArg::required, action::detach_on},
    OptionSpec{Opt::summary_only, "--summary-only", OptArg::none, action::summary_only},
    OptionSpec{Opt::summary, "--summary", OptArg::none, action::summary},
    OptionSpec{Opt::debug, "--debug", OptArg::none, count<InEngine<&EngineOptions::debug>>},
    OptionSpec{Opt::daemonize_long, "--daemonize", OptArg::optional, kDaemonize},
    OptionSpec{Opt::daemonize_long, "--daemonised", OptArg::optional, kDaemonize},
    OptionSpec{Opt::daemonize_long, "--daemonized", OptArg::optional, kDaemonize},
    OptionSpec{Opt::env, "--env", OptArg::required, add_to_list<InRun<&RunOptions::env_changes>>},
    OptionSpec{Opt::follow_long, "--follow-forks", OptArg::none,
               set_flag<InState<&OptionState::follow_long>>},
    OptionSpec{Opt::output_separately, "--output-separately", OptArg::none,
               set_flag<InState<&OptionState::separately_long>>},
    OptionSpec{Opt::help, "--help", OptArg::none, action::help},
    OptionSpec{Opt::instruction_pointer, "--instruction-pointer", OptArg::none,
               set_flag<InFormat<&FormatOptions::instruction_pointer>>},
    OptionSpec{Opt::interruptible, "--interruptible", OptArg::required,
               word<InState<&OptionState::interruptible>, kInterruptWords>},
    OptionSpec{Opt::kill_on_exit, "--kill-on-exit", OptArg::none, set_flag<InRun<&RunOptions::kill_on_exit>>},
    OptionSpec{Opt::stack_long, "--stack-traces", OptArg::optional, action::stack_long},
    OptionSpec{Opt::stack_long, "--stack-trace", OptArg::optional, action::stack_long},
    OptionSpec{Opt::stack_frame_limit, "--stack-trace-frame-limit", OptArg::required, kFrameLimit},
    OptionSpec{Opt::syscall_limit, "--syscall-limit", OptArg::required,
               number<InEngine<&EngineOptions::syscall_limit>, 1, LLONG_MAX>},
    OptionSpec{Opt::syscall_number, "--syscall-number", OptArg::none,
               set_flag<InFormat<&FormatOptions::syscall_number>>},
    OptionSpec{Opt::arg_names, "--arg-names", OptArg::none, refuse<kNoArgNames>},
    OptionSpec{Opt::output, "--output", OptArg::required, action::output},
    OptionSpec{Opt::overhead, "--summary-syscall-overhead", OptArg::required, action::overhead},
    OptionSpec{Opt::attach, "--attach", OptArg::required, action::attach},
    OptionSpec{Opt::trace_path, "--trace-path", OptArg::required,
               add_to_list<InFilter<&FilterOptions::paths>>},
    OptionSpec{Opt::relative, "--relative-timestamps", OptArg::optional, kRelative},
    OptionSpec{Opt::string_limit, "--string-limit", OptArg::required,
               number<InFormat<&FormatOptions::string_limit>, 0, 0xffffffffULL / 4>},
    OptionSpec{Opt::sort_by, "--summary-sort-by", OptArg::required, action::sort_by},
    OptionSpec{Opt::timestamps_long, "--absolute-timestamps", OptArg::optional, action::timestamps},
    OptionSpec{Opt::timestamps_long, "--timestamps", OptArg::optional, action::timestamps},
    OptionSpec{Opt::syscall_times, "--syscall-times", OptArg::optional, kSyscallTimes},
    OptionSpec{Opt::user, "--user", OptArg::required, action::user},
    OptionSpec{Opt::summary_columns, "--summary-columns", OptArg::required, action::summary_columns},
    OptionSpec{Opt::no_abbrev, "--no-abbrev", OptArg::none, qualifier_fixed<Qualifier::abbrev, kNone>},
    OptionSpec{Opt::version, "--version", OptArg::none, set_flag<InState<&OptionState::version>>},
    OptionSpec{Opt::wall_clock, "--summary-wall-clock", OptArg::none,
               set_flag<InSummary<&SummaryOptions::wall_clock>>},
    OptionSpec{Opt::hex_long, "--strings-in-hex", OptArg::optional,
               word<InState<&OptionState::hex_long>, kHexWords>},
    OptionSpec{Opt::const_style, "--const-print-style", OptArg::required,
               word<InFormat<&FormatOptions::const_style>, kConstStyleWords>},
    OptionSpec{Opt::pidns_translation, "--pidns-translation", OptArg::none,
               qualifier_fixed<Qualifier::decode_pids, kPidns>},
    OptionSpec{Opt::successful_only, "--successful-only", OptArg::none, status_only<kSuccessful>},
    OptionSpec{Opt::failed_only, "--failed-only", OptArg::none, status_only<kFailed>},
    OptionSpec{Opt::failed_only, "--failing-only", OptArg::none, status_only<kFailed>},
    OptionSpec{Opt::seccomp_bpf, "--seccomp-bpf", OptArg::none,
               set_flag<InEngine<&EngineOptions::seccomp_bpf>>},
    OptionSpec{Opt::no_seccomp_bpf, "--no-seccomp-bpf", OptArg::none,
               set_flag<InEngine<&EngineOptions::no_seccomp>>},
    OptionSpec{Opt::cpu_placement, "--cpu-placement", OptArg::required, action::cpu_placement},
    OptionSpec{Opt::tips, "--tips", OptArg::optional, refuse<kNoTips>},
    OptionSpec{Opt::argv0, "--argv0", OptArg::required, assign<InRun<&RunOptions::argv0>>},
    OptionSpec{Opt::always_show_pid, "--always-show-pid", OptArg::none,
               set_flag<InFormat<&FormatOptions::always_show_pid>>},
    OptionSpec{Opt::color, "--color", OptArg::optional, action::color},
    // not in strace
    OptionSpec{Opt::summary_per_pid, "--summary-per-pid", OptArg::none,
               set_flag<InSummary<&SummaryOptions::per_pid>>},
    OptionSpec{Opt::summary_interval, "--summary-interval", OptArg::required, action::summary_interval},
    OptionSpec{Opt::summary_errors, "--summary-errors", OptArg::none,
               set_flag<InSummary<&SummaryOptions::errors>>},
    OptionSpec{Opt::hide_errno, "--hide-errno", OptArg::required, action::hide_errno},
    OptionSpec{Opt::hide_eagain, "--hide-eagain", OptArg::none, action::hide_eagain},
    OptionSpec{Opt::hide_empty_polls, "--hide-empty-polls", OptArg::none,
               set_flag<InOutput<&OutputOptions::hide_empty_polls>>},
    OptionSpec{Opt::fd_stats, "--fd-stats", OptArg::none, set_flag<InOutput<&OutputOptions::fd_stats>>},
    OptionSpec{Opt::stats, "--stats", OptArg::none, set_flag<InOutput<&OutputOptions::stats>>},
    OptionSpec{Opt::json, "--json", OptArg::none,
               set_value<InOutput<&OutputOptions::format>, OutputFormat::json>},
    OptionSpec{Opt::output_format, "--output-format", OptArg::required,
               word<InOutput<&OutputOptions::format>, kOutputFormatWords>},
    OptionSpec{Opt::stack_frame_limit, "--stack-trace-depth", OptArg::required, kFrameLimit},
    OptionSpec{Opt::demangle, "--demangle", OptArg::none, set_value<InStack<&StackOptions::demangle>, true>},
    OptionSpec{Opt::no_demangle, "--no-demangle", OptArg::none,
               set_value<InStack<&StackOptions::demangle>, false>},
    OptionSpec{Opt::q_stack, "--stack-trace-syscalls", OptArg::required, qualifier<Qualifier::stack>},

    OptionSpec{Opt::q_trace, "--trace", OptArg::required, qualifier<Qualifier::trace>},
    OptionSpec{Opt::q_trace_fds, "--trace-fds", OptArg::required, qualifier<Qualifier::trace_fds>},
    OptionSpec{Opt::q_abbrev, "--abbrev", OptArg::required, qualifier<Qualifier::abbrev>},
    OptionSpec{Opt::q_verbose, "--verbose", OptArg::required, qualifier<Qualifier::verbose>},
    OptionSpec{Opt::q_raw, "--raw", OptArg::required, qualifier<Qualifier::raw>},
    OptionSpec{Opt::q_signal, "--signals", OptArg::required, qualifier<Qualifier::signal>},
    OptionSpec{Opt::q_status, "--status", OptArg::required, qualifier<Qualifier::status>},
    OptionSpec{Opt::q_read, "--read", OptArg::required, qualifier<Qualifier::read>},
    OptionSpec{Opt::q_write, "--write", OptArg::required, qualifier<Qualifier::write>},
    OptionSpec{Opt::q_fault, "--fault", OptArg::required, qualifier<Qualifier::fault>},
    OptionSpec{Opt::q_inject, "--inject", OptArg::required, qualifier<Qualifier::inject>},
    OptionSpec{Opt::q_kvm, "--kvm", OptArg::required, qualifier<Qualifier::kvm>},
    OptionSpec{Opt::q_namespace, "--namespace", OptArg::required, qualifier<Qualifier::namespaces>},
    OptionSpec{Opt::q_quiet, "--quiet", OptArg::optional, qualifier_or<Qualifier::quiet, kQuietBare>},
    OptionSpec{Opt::q_quiet, "--silent", OptArg::optional, qualifier_or<Qualifier::quiet, kQuietBare>},
    OptionSpec{Opt::q_quiet, "--silence", OptArg::optional, qualifier_or<Qualifier::quiet, kQuietBare>},
    OptionSpec{Opt::q_decode_fds, "--decode-fds", OptArg::optional,
               qualifier_or<Qualifier::decode_fds, kPath>},
    OptionSpec{Opt::q_decode_pids, "--decode-pids", OptArg::required, qualifier<Qualifier::decode_pids>},
    OptionSpec{Opt::q_secontext, "--secontext", OptArg::optional, qualifier<Qualifier::secontext>},
};

} // namespace

std::span<const OptionSpec> option_table() {
    return kOptions;
}

} // namespace trace
