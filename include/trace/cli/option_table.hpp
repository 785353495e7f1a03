#pragma once
// The options trace accepts: every short letter and long name of strace, one row per spelling, each
// with its meaning (an action). The scanner (CLI11) finds them in argv; apply_options() runs their
// actions in command line order, then checks them together.
#include "trace/cli/command_line.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace trace {

enum class Opt : std::uint8_t {
    columns,
    append,
    detach_on,
    summary_only,
    summary,
    debug,
    daemonize_short,
    daemonize_long,
    expr,
    env,
    follow_short,
    follow_long,
    output_separately,
    deprecated_f,
    help,
    instruction_pointer,
    interruptible,
    kill_on_exit,
    stack_short,
    stack_long,
    stack_frame_limit,
    demangle,
    no_demangle,
    syscall_limit,
    syscall_number,
    output,
    overhead,
    attach,
    trace_path,
    quiet_short,
    relative,
    string_limit,
    sort_by,
    timestamps_short,
    timestamps_long,
    syscall_times,
    user,
    summary_columns,
    no_abbrev,
    version,
    wall_clock,
    hex_short,
    hex_long,
    const_style,
    decode_fds_short,
    decode_pids_comm,
    pidns_translation,
    successful_only,
    failed_only,
    seccomp_bpf,
    no_seccomp_bpf,
    cpu_placement,
    tips,
    argv0,
    always_show_pid,
    summary_per_pid,
    summary_interval,
    summary_errors,
    hide_errno,
    hide_eagain,
    hide_empty_polls,
    fd_stats,
    stats,
    json,
    output_format,
    arg_names,
    color,
    // the long forms of -e qualifiers
    q_trace,
    q_trace_fds,
    q_abbrev,
    q_verbose,
    q_raw,
    q_signal,
    q_status,
    q_read,
    q_write,
    q_fault,
    q_inject,
    q_kvm,
    q_namespace,
    q_quiet,
    q_decode_fds,
    q_decode_pids,
    q_secontext,
    q_stack,
};

enum class OptArg : std::uint8_t { none, required, optional };

struct FoundOption;
struct OptionState; // the command line applied so far (src/cli/option_state.hpp)

// What an option does to the options applied so far; throws UsageError for a bad value.
using OptionAction = void (*)(OptionState&, const FoundOption&);

struct OptionSpec {
    Opt id;                // spellings of one option share it
    std::string_view name; // "-f" or "--follow-forks"
    OptArg arg;
    OptionAction action;
};

// Short options first, then the long ones in strace's order (the order of "is ambiguous" lists).
std::span<const OptionSpec> option_table();

// One option as found in argv, in order. value: the argument, nullopt when none was given.
struct FoundOption {
    const OptionSpec* spec;
    std::optional<std::string> value;
};

// Gives the options their meaning and checks them together, as strace does.
CommandLine apply_options(const std::vector<FoundOption>& found, std::vector<std::string> command);

} // namespace trace
