// The options applied in command line order (each by its action in the option table), then strace's
// checks of the options taken together. Error and warning texts follow strace's, so that scripts and
// habits carry over.
#include "option_state.hpp"
#include "trace/cli/usage_errors.hpp"

#include <algorithm>
#include <array>

namespace trace {

namespace {

// Options whose value strace takes even when empty (-p "", -E "", -P ""): in their long spelling
// ("--attach=") an empty value is refused, being a slip (an unset shell variable), not a wish.
bool empty_is_valid(Opt id) {
    static constexpr std::array kAcceptEmpty{Opt::env, Opt::attach, Opt::trace_path, Opt::argv0,
                                             Opt::timestamps_long};
    return std::find(kAcceptEmpty.begin(), kAcceptEmpty.end(), id) != kAcceptEmpty.end();
}

void apply_one(OptionState& s, const FoundOption& f) {
    if (f.spec->arg == OptArg::none && f.value) fail("option '{}' doesn't allow an argument", f.spec->name);
    if (f.value && f.value->empty() && f.spec->name.starts_with("--") && empty_is_valid(f.spec->id))
        bad_argument(f);
    f.spec->action(s, f);
}

// -D, -DD, -DDD or --daemonize; -t, -tt, -ttt or --absolute-timestamps; -x, -xx or --strings-in-hex;
// -y, -yy or --decode-fds; -f, -ff or --follow-forks and --output-separately.
void resolve_spellings(OptionState& s) {
    Options& o = s.options();
    if (s.daemonize_long) {
        if (s.daemonize_short > 0) die("-D and --daemonize cannot be provided simultaneously");
        o.run.daemonize = *s.daemonize_long;
    } else if (s.daemonize_short > 0) {
        if (s.daemonize_short > 3)
            fail("Too many -D's ({}), maximum supported -D count is 3", s.daemonize_short);
        o.run.daemonize = static_cast<DaemonizeMode>(s.daemonize_short);
    }
    if (o.run.command.empty() && o.run.daemonize != DaemonizeMode::none)
        fail("PROG [ARGS] must be specified with -D/--daemonize");

    if (s.timestamps_short > 0) {
        if (s.timestamps_long) die("-t and --absolute-timestamps cannot be provided simultaneously");
        s.ts_format = s.timestamps_short >= 3 ? TimestampFormat::unix_epoch : TimestampFormat::time;
        if (s.timestamps_short >= 2) o.format.timestamp_precision = TimePrecision::us;
    }
    o.format.timestamp_format = s.ts_format.value_or(TimestampFormat::none);

    if (s.hex_long) {
        if (s.hex_short > 0) die("-x and --strings-in-hex cannot be provided simultaneously");
        o.format.strings_in_hex = *s.hex_long;
    } else if (s.hex_short > 0) {
        o.format.strings_in_hex = s.hex_short == 1 ? XMode::non_ascii : XMode::all;
    }

    if (s.decode_fds_short > 0) {
        if (s.decode_fds_updated) die("-y and --decode-fds cannot be provided simultaneously");
        set_decode_fds_letters(s, s.decode_fds_short);
    }

    if (s.follow_short > 0) {
        if (s.follow_long) die("-f and --follow-forks cannot be provided simultaneously");
        if (s.follow_short >= 2 && s.separately_long)
            die("-ff and --output-separately cannot be provided simultaneously");
        o.filter.follow_forks = true;
        o.output.separately = s.follow_short >= 2;
    } else {
        o.filter.follow_forks = s.follow_long;
        o.output.separately = s.separately_long;
    }
}

void check_seccomp(OptionState& s) {
    Options& o = s.options();
    bool& seccomp = o.engine.seccomp_bpf;
    if (seccomp && !o.filter.follow_forks) {
        s.warn("--seccomp-bpf cannot be used without -f/--follow-forks, disabling");
        seccomp = false;
    }
    if (seccomp && o.engine.detach_on_execve) {
        s.warn("--seccomp-bpf is not enabled because it is not compatible with -b");
        seccomp = false;
    }
    if (seccomp && o.engine.syscall_limit) {
        s.warn("--seccomp-bpf is not enabled because it is not compatible with --syscall-limit");
        seccomp = false;
    }
    if (seccomp && !o.run.attach_pids.empty()) {
        s.warn("--seccomp-bpf is not enabled for processes attached with -p");
        if (o.run.command.empty()) seccomp = false;
    }

    if (s.deprecated_f) {
        if (o.filter.follow_forks) {
            s.warn("deprecated option -F ignored");
        } else {
            s.warn("option -F is deprecated, please use -f/--follow-forks instead");
            o.filter.follow_forks = true;
        }
    }
}

void check_summary(OptionState& s) {
    const Options& o = s.options();
    const bool counting = o.summary.counting();
    if (o.output.separately && counting)
        fail("(-c/--summary-only or -C/--summary) and -ff/--output-separately are mutually exclusive");
    if (o.summary.wall_clock && !counting)
        fail("-w/--summary-wall-clock must be given with (-c/--summary-only or -C/--summary)");
    if (s.columns_set && !counting)
        fail("-U/--summary-columns must be given with (-c/--summary-only or -C/--summary)");
    if ((o.summary.per_pid || o.summary.interval.count() > 0 || o.summary.errors) && !counting)
        fail("--summary-per-pid, --summary-interval and --summary-errors must be given with "
             "(-c/--summary-only or "
             "-C/--summary)");
    if (s.sort_set && !counting)
        s.warn("-S/--summary-sort-by has no effect without (-c/--summary-only or -C/--summary)");
    if (o.summary.only && (!o.output.hide_errnos.empty() || o.output.hide_empty_polls))
        s.warn("--hide-errno, --hide-eagain and --hide-empty-polls have no effect with -c/--summary-only");
    if (o.summary.only && o.output.format == OutputFormat::json)
        s.warn("--json/--output-format=json has no effect with -c/--summary-only");
    if (o.output.separately && o.output.format == OutputFormat::json)
        fail("--json/--output-format=json and -ff/--output-separately are mutually exclusive");

    if (o.summary.only) {
        const FormatOptions& f = o.format;
        if (f.instruction_pointer) s.warn("-i/--instruction-pointer has no effect with -c/--summary-only");
        if (f.syscall_number) s.warn("-n/--syscall-number has no effect with -c/--summary-only");
        if (f.relative_timestamps) s.warn("-r/--relative-timestamps has no effect with -c/--summary-only");
        if (f.timestamp_format != TimestampFormat::none)
            s.warn("-t/--absolute-timestamps has no effect with -c/--summary-only");
        if (f.syscall_times) s.warn("-T/--syscall-times has no effect with -c/--summary-only");
        if (f.decode_fds.any()) s.warn("-y/--decode-fds has no effect with -c/--summary-only");
    }
}

// -o, -A, -ff, -I and -q, which depend on each other and on whether a command is run.
void check_output(OptionState& s) {
    Options& o = s.options();
    const bool has_command = !o.run.command.empty();
    if (o.output.file.empty()) {
        if (o.output.separately && !o.filter.follow_forks)
            s.warn("--output-separately has no effect without -o/--output");
        if (o.output.append) s.warn("-A/--output-append-mode has no effect without -o/--output");
    }
    if (s.status_flags > 1)
        s.warn("Only the last of -z/--successful-only/-Z/--failed-only options will take effect. "
               "See status qualifier for more complex filters.");

    if (o.run.kill_on_exit && !o.run.attach_pids.empty())
        die("--kill-on-exit and -p/--attach are mutually exclusive options");

    const std::string& file = o.output.file;
    const bool piped = !file.empty() && (file[0] == '|' || file[0] == '!');
    if (piped && o.output.separately)
        fail("piping the output and -ff/--output-separately are mutually exclusive");
    // -ff without -o is -f.
    if (file.empty()) o.output.separately = false;

    if (o.run.daemonize != DaemonizeMode::none && !s.interruptible)
        s.interruptible = InterruptMode::never_tstp;
    if (!file.empty() && has_command) {
        if (!s.interruptible) s.interruptible = InterruptMode::never;
        if (s.quiet_short == 0 && !s.quiet_updated) s.quiet_short = 1;
    }
    o.run.interruptible = s.interruptible.value_or(InterruptMode::waiting);

    if (s.quiet_short > 0) {
        if (s.quiet_updated) die("-q and -e quiet/--quiet cannot be provided simultaneously");
        o.output.quiet = parse_quiet_set(s.quiet_short == 1   ? "attach,personality"
                                         : s.quiet_short == 2 ? "exit,attach,personality"
                                                              : "all");
    }
}

} // namespace

void finish_options(OptionState& s) {
    if (s.cl.action == CliAction::help) return;
    if (s.version) {
        s.cl.action = CliAction::version;
        return;
    }
    const RunOptions& run = s.options().run;
    if (run.command.empty() && run.attach_pids.empty()) fail("must have PROG [ARGS] or -p PID");
    if (run.command.empty() && !run.argv0.empty()) fail("PROG [ARGS] must be specified with --argv0");
    resolve_spellings(s);
    check_seccomp(s);
    check_summary(s);
    check_output(s);
}

CommandLine apply_options(const std::vector<FoundOption>& found, std::vector<std::string> command) {
    OptionState state;
    state.options().run.command = std::move(command);
    for (const auto& f : found) {
        apply_one(state, f);
        if (state.stop) break;
    }
    finish_options(state);
    return std::move(state.cl);
}

} // namespace trace
