// The meaning of each option, applied in command line order, then strace's checks of the options
// taken together. Error and warning texts follow strace's, so that scripts and habits carry over.
#include "trace/cli/expression.hpp"
#include "trace/cli/option_table.hpp"
#include "trace/cli/usage_errors.hpp"
#include "trace/cli/values.hpp"
#include "trace/decode/names.hpp"
#include "trace/util/error.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <fmt/format.h>
#include <unistd.h>

namespace trace {

namespace {

// "invalid -s argument: 'abc'" or "invalid --string-limit argument: 'abc'", as the user spelled it.
[[noreturn]] void bad_argument(const FoundOption& f) {
    fail("invalid {} argument: '{}'", f.spec->name, f.value.value_or(""));
}

// trace unwinds with libunwind, which knows symbols but not source lines.
constexpr std::string_view kNoSourceStacks =
    "Stack traces with source line information (-kk/--stack-traces=source option) are not supported by "
    "this build of trace";

class Applier {
public:
    explicit Applier(std::vector<std::string> command) { m_cl.options.command = std::move(command); }

    // false: stop here (-h).
    bool apply(const FoundOption& f);
    CommandLine finish();

private:
    Options& opts() { return m_cl.options; }
    void warn(std::string text) { m_cl.warnings.push_back(std::move(text)); }
    void no_value(const FoundOption& f);
    void expression(std::string_view expr);
    void qualify(Qualifier q, std::string_view value);
    void attach(std::string_view list);
    void timestamps(const FoundOption& f, std::string_view arg) {
        auto ts = parse_timestamps_arg(arg);
        if (!ts) bad_argument(f);
        if (ts->precision) opts().timestamp_precision = *ts->precision;
        if (ts->format) {
            m_ts_format = ts->format;
        } else if (!m_ts_format) {
            m_ts_format = TimestampFormat::time;
        }
    }
    void set_quiet(std::string_view spec) {
        opts().quiet_set = parse_quiet_set(spec);
        m_quiet_updated = true;
    }
    void set_decode_fds(std::string_view spec) {
        opts().decode_fd_set = parse_decode_fd_set(spec);
        m_decode_fds_updated = true;
        // -yy shows what trace knows of them (anon_inode:[eventfd]); their details it cannot show.
        for (std::string_view rest = spec; !rest.empty();) {
            const std::size_t end = std::min(rest.find(','), rest.size());
            const std::string_view name = rest.substr(0, end);
            if (iequals(name, "eventfd") || iequals(name, "signalfd"))
                die("--decode-fds={} (eventfd and signalfd details) is not supported by trace", name);
            rest.remove_prefix(std::min(end + 1, rest.size()));
        }
    }
    void add_hidden_errno(int err) {
        auto& list = opts().hide_errnos;
        if (std::find(list.begin(), list.end(), err) == list.end()) list.push_back(err);
    }
    // --hide-errno=EAGAIN,EINTR,4: errno names (EWOULDBLOCK is EAGAIN) or numbers.
    void hide_errnos(const FoundOption& f, std::string_view list) {
        if (list.empty()) bad_argument(f);
        while (true) {
            const std::size_t end = std::min(list.find(','), list.size());
            const std::string name(list.substr(0, end));
            int err = errno_from_name(name);
            if (err < 0) {
                auto n = parse_uint(name);
                if (!n || *n == 0 || *n > 4095) bad_argument(f);
                err = static_cast<int>(*n);
            }
            add_hidden_errno(err);
            if (end == list.size()) break;
            list.remove_prefix(end + 1);
        }
    }
    void check_together();
    void derive();

    CommandLine m_cl;
    int m_follow_short = 0;
    bool m_follow_long = false;
    bool m_separately_long = false;
    bool m_deprecated_f = false;
    int m_quiet_short = 0;
    bool m_quiet_updated = false;
    int m_decode_fds_short = 0;
    bool m_decode_fds_updated = false;
    int m_timestamps_short = 0;
    bool m_timestamps_long = false;
    std::optional<TimestampFormat> m_ts_format;
    int m_hex_short = 0;
    std::optional<StringsInHex> m_hex_long;
    unsigned m_daemonize_short = 0;
    DaemonizeMode m_daemonize_long = DaemonizeMode::none;
    std::optional<InterruptMode> m_interruptible;
    int m_status_flags = 0;
    bool m_columns_set = false;
    bool m_sort_set = false;
    int m_stack_short = 0;
    bool m_version = false;
};

void Applier::no_value(const FoundOption& f) {
    if (f.value) fail("option '{}' doesn't allow an argument", f.spec->name);
}

// Options whose value strace takes even when empty (-p "", -E "", -P ""): in their long spelling
// ("--attach=") an empty value is refused, being a slip (an unset shell variable), not a wish.
bool empty_is_valid(Opt id) {
    static constexpr std::array kAcceptEmpty{Opt::env, Opt::attach, Opt::trace_path, Opt::argv0,
                                             Opt::timestamps_long};
    return std::find(kAcceptEmpty.begin(), kAcceptEmpty.end(), id) != kAcceptEmpty.end();
}

bool Applier::apply(const FoundOption& f) {
    if (f.spec->arg == OptArg::none) no_value(f);
    Options& o = opts();
    const std::string_view value = f.value ? std::string_view(*f.value) : std::string_view();
    const bool has_value = f.value.has_value();
    if (has_value && value.empty() && f.spec->name.starts_with("--") && empty_is_valid(f.spec->id))
        bad_argument(f);

    switch (f.spec->id) {
    case Opt::columns: {
        auto n = parse_uint(value);
        if (!n) bad_argument(f);
        o.column = static_cast<int>(*n);
        break;
    }
    case Opt::append:
        o.output_append = true;
        break;
    case Opt::detach_on:
        if (value != "execve") die("Syscall '{}' for -b isn't supported", value);
        o.detach_on_execve = true;
        break;
    case Opt::summary_only:
        if (o.summary) fail("-c/--summary-only and -C/--summary are mutually exclusive");
        o.summary_only = true;
        break;
    case Opt::summary:
        if (o.summary_only) fail("-c/--summary-only and -C/--summary are mutually exclusive");
        o.summary = true;
        break;
    case Opt::debug:
        ++o.debug;
        break;
    case Opt::daemonize_short:
        ++m_daemonize_short;
        break;
    case Opt::daemonize_long:
        if (!has_value || iequals(value, "grandchild")) {
            m_daemonize_long = DaemonizeMode::grandchild;
        } else if (iequals(value, "pgroup") || iequals(value, "pgrp")) {
            m_daemonize_long = DaemonizeMode::pgroup;
        } else if (iequals(value, "session")) {
            m_daemonize_long = DaemonizeMode::session;
        } else {
            bad_argument(f);
        }
        break;
    case Opt::expr:
        expression(value);
        break;
    case Opt::env:
        o.env_changes.emplace_back(value);
        break;
    case Opt::follow_short:
        ++m_follow_short;
        break;
    case Opt::follow_long:
        m_follow_long = true;
        break;
    case Opt::output_separately:
        m_separately_long = true;
        break;
    case Opt::deprecated_f:
        m_deprecated_f = true;
        break;
    case Opt::help:
        m_cl.action = CliAction::help;
        return false;
    case Opt::instruction_pointer:
        o.instruction_pointer = true;
        break;
    case Opt::interruptible: {
        static constexpr std::array<std::pair<std::string_view, InterruptMode>, 9> kModes{{
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
        auto it = std::find_if(kModes.begin(), kModes.end(),
                               [&](const auto& m) { return iequals(m.first, value); });
        if (it == kModes.end()) bad_argument(f);
        m_interruptible = it->second;
        break;
    }
    case Opt::kill_on_exit:
        o.kill_on_exit = true;
        break;
    case Opt::stack_short:
        if (++m_stack_short > 1) die("{}", kNoSourceStacks);
        o.stack_trace = true;
        break;
    case Opt::stack_long:
        if (has_value && value == "source") die("{}", kNoSourceStacks);
        if (has_value && value != "symbol") bad_argument(f);
        o.stack_trace = true;
        break;
    case Opt::stack_frame_limit: {
        auto n = parse_uint(value, 0xffff);
        if (!n || *n == 0) bad_argument(f);
        o.stack_frame_limit = static_cast<int>(*n);
        break;
    }
    case Opt::demangle:
        o.demangle = true;
        break;
    case Opt::no_demangle:
        o.demangle = false;
        break;
    case Opt::q_stack:
        qualify(Qualifier::stack, value);
        break;
    case Opt::syscall_limit: {
        auto n = parse_uint(value, static_cast<unsigned long long>(LLONG_MAX));
        if (!n || *n == 0) bad_argument(f);
        o.syscall_limit = *n;
        break;
    }
    case Opt::syscall_number:
        o.syscall_number = true;
        break;
    case Opt::output:
        if (value.empty()) die("Can't fopen '': No such file or directory");
        o.output_file = std::string(value);
        break;
    case Opt::overhead: {
        auto d = parse_duration(value);
        if (!d) bad_argument(f);
        o.summary_overhead = *d;
        break;
    }
    case Opt::attach:
        attach(value);
        break;
    case Opt::trace_path:
        o.trace_paths.emplace_back(value);
        break;
    case Opt::quiet_short:
        ++m_quiet_short;
        break;
    case Opt::relative: {
        o.relative_timestamps = true;
        auto p = has_value ? parse_time_precision(value) : TimePrecision::us;
        if (!p) bad_argument(f);
        o.relative_precision = *p;
        break;
    }
    case Opt::string_limit: {
        auto n = parse_uint(value, 0xffffffffULL / 4);
        if (!n) bad_argument(f);
        o.decode.string_limit = static_cast<std::size_t>(*n);
        break;
    }
    case Opt::sort_by: {
        auto key = parse_sort_key(value);
        if (!key) fail("invalid sortby: '{}'", value);
        o.summary_sort = *key;
        m_sort_set = true;
        break;
    }
    case Opt::timestamps_short:
        ++m_timestamps_short;
        break;
    case Opt::timestamps_long:
        m_timestamps_long = true;
        timestamps(f, has_value ? value : "format:time");
        break;
    case Opt::syscall_times: {
        o.syscall_times = true;
        auto p = has_value ? parse_time_precision(value) : TimePrecision::us;
        if (!p) bad_argument(f);
        o.syscall_times_precision = *p;
        break;
    }
    case Opt::user:
        if (value.empty()) die("Cannot find user ''");
        o.run_as_user = std::string(value);
        break;
    case Opt::summary_columns:
        o.summary_columns = parse_summary_columns(value);
        m_columns_set = true;
        break;
    case Opt::no_abbrev:
        o.abbrev_set = parse_syscall_set("none");
        break;
    case Opt::version:
        m_version = true;
        break;
    case Opt::wall_clock:
        o.summary_wall_clock = true;
        break;
    case Opt::hex_short:
        ++m_hex_short;
        break;
    case Opt::hex_long: {
        static constexpr std::array<std::pair<std::string_view, StringsInHex>, 4> kModes{{
            {"none", StringsInHex::none},
            {"non-ascii-chars", StringsInHex::non_ascii_chars},
            {"non-ascii", StringsInHex::non_ascii},
            {"all", StringsInHex::all},
        }};
        if (!has_value) {
            m_hex_long = StringsInHex::all;
            break;
        }
        auto it = std::find_if(kModes.begin(), kModes.end(),
                               [&](const auto& m) { return iequals(m.first, value); });
        if (it == kModes.end()) bad_argument(f);
        m_hex_long = it->second;
        break;
    }
    case Opt::const_style:
        if (value == "raw") {
            o.const_style = ConstStyle::raw;
        } else if (value == "abbrev") {
            o.const_style = ConstStyle::abbrev;
        } else if (value == "verbose") {
            o.const_style = ConstStyle::verbose;
        } else {
            bad_argument(f);
        }
        break;
    case Opt::decode_fds_short:
        ++m_decode_fds_short;
        break;
    case Opt::decode_pids_comm:
        qualify(Qualifier::decode_pids, "comm");
        break;
    case Opt::pidns_translation:
        qualify(Qualifier::decode_pids, "pidns");
        break;
    case Opt::successful_only:
        o.status = parse_status_set("successful");
        ++m_status_flags;
        break;
    case Opt::failed_only:
        o.status = parse_status_set("failed");
        ++m_status_flags;
        break;
    case Opt::no_seccomp_bpf:
        o.no_seccomp = true;
        break;
    case Opt::cpu_placement:
        if (value != "auto" && value != "none")
            die("invalid --cpu-placement argument: '{}' (auto or none)", value);
        o.cpu_placement = value == "auto";
        break;
    case Opt::seccomp_bpf:
        o.seccomp_bpf = true;
        break;
    case Opt::tips:
        die("--tips is not supported by trace");
        break;
    case Opt::argv0:
        o.argv0 = std::string(value);
        break;
    case Opt::always_show_pid:
        o.always_show_pid = true;
        break;
    case Opt::summary_per_pid:
        o.summary_per_pid = true;
        break;
    case Opt::summary_interval: {
        // seconds unless a unit is given
        const bool unitless =
            !value.empty() &&
            (std::isdigit(static_cast<unsigned char>(value.back())) != 0 || value.back() == '.');
        auto d = parse_duration(unitless ? std::string(value) + "s" : std::string(value));
        if (!d || d->count() <= 0) bad_argument(f);
        o.summary_interval = *d;
        break;
    }
    case Opt::summary_errors:
        o.summary_errors = true;
        break;
    case Opt::hide_errno:
        hide_errnos(f, value);
        break;
    case Opt::hide_eagain:
        add_hidden_errno(EAGAIN);
        break;
    case Opt::hide_empty_polls:
        o.hide_empty_polls = true;
        break;
    case Opt::fd_stats:
        o.fd_stats = true;
        break;
    case Opt::stats:
        o.stats = true;
        break;
    case Opt::json:
        o.output_format = OutputFormat::json;
        break;
    case Opt::output_format:
        if (value == "json") {
            o.output_format = OutputFormat::json;
        } else if (value == "text") {
            o.output_format = OutputFormat::text;
        } else {
            bad_argument(f);
        }
        break;

    case Opt::q_trace:
        qualify(Qualifier::trace, value);
        break;
    case Opt::q_trace_fds:
        qualify(Qualifier::trace_fds, value);
        break;
    case Opt::q_abbrev:
        qualify(Qualifier::abbrev, value);
        break;
    case Opt::q_verbose:
        qualify(Qualifier::verbose, value);
        break;
    case Opt::q_raw:
        qualify(Qualifier::raw, value);
        break;
    case Opt::q_signal:
        qualify(Qualifier::signal, value);
        break;
    case Opt::q_status:
        qualify(Qualifier::status, value);
        break;
    case Opt::q_read:
        qualify(Qualifier::read, value);
        break;
    case Opt::q_write:
        qualify(Qualifier::write, value);
        break;
    case Opt::q_fault:
        qualify(Qualifier::fault, value);
        break;
    case Opt::q_inject:
        qualify(Qualifier::inject, value);
        break;
    case Opt::q_kvm:
        qualify(Qualifier::kvm, value);
        break;
    case Opt::q_namespace:
        qualify(Qualifier::namespaces, value);
        break;
    case Opt::arg_names:
        die("-N/--arg-names (argument names) is not supported by trace");
    case Opt::color:
        // trace never colours its output: "never" is what it does anyway.
        if (has_value && !iequals(value, "never") && !iequals(value, "auto") && !iequals(value, "always"))
            bad_argument(f);
        if (!has_value || !iequals(value, "never"))
            die("--color{} is not supported by trace: its output is never coloured (--color=never)",
                has_value ? fmt::format("={}", value) : std::string());
        break;
    case Opt::q_quiet:
        qualify(Qualifier::quiet, has_value ? value : "attach,personality");
        break;
    case Opt::q_decode_fds:
        qualify(Qualifier::decode_fds, has_value ? value : "path");
        break;
    case Opt::q_decode_pids:
        qualify(Qualifier::decode_pids, value);
        break;
    case Opt::q_secontext:
        qualify(Qualifier::secontext, value);
        break;
    }
    return true;
}

void Applier::expression(std::string_view expr) {
    const QualifiedExpr q = split_qualifier(expr);
    qualify(q.qualifier, q.value);
}

void Applier::qualify(Qualifier q, std::string_view value) {
    Options& o = opts();
    switch (q) {
    case Qualifier::trace:
        o.trace_set = parse_syscall_set(value);
        break;
    case Qualifier::trace_fds:
        o.trace_fds = parse_fd_set(value); // "none" leaves out every call, as in strace
        break;
    case Qualifier::abbrev:
        o.abbrev_set = parse_syscall_set(value);
        break;
    case Qualifier::verbose:
        o.verbose_set = parse_syscall_set(value);
        break;
    case Qualifier::raw:
        o.raw_set = parse_syscall_set(value);
        break;
    case Qualifier::signal:
        o.signal_set = parse_signal_set(value);
        break;
    case Qualifier::status:
        o.status = parse_status_set(value);
        break;
    case Qualifier::quiet:
        set_quiet(value);
        break;
    case Qualifier::read:
        o.read_fds = parse_fd_set(value);
        break;
    case Qualifier::write:
        o.write_fds = parse_fd_set(value);
        break;
    case Qualifier::fault:
        o.injections.push_back(parse_inject_rule(value, true));
        break;
    case Qualifier::inject:
        o.injections.push_back(parse_inject_rule(value, false));
        if (!o.injections.back().poke_enter.empty() || !o.injections.back().poke_exit.empty())
            die("-e inject=...:poke_enter=/poke_exit= (writing tracee memory) is not supported by trace");
        break;
    case Qualifier::kvm:
        if (value != "vcpu") die("invalid -e kvm= argument: '{}'", value);
        die("-e kvm=vcpu is not supported by trace");
    case Qualifier::namespaces:
        if (value != "new") die("invalid -e namespace= argument: '{}'", value);
        die("-e namespace=new is not supported by trace");
    case Qualifier::decode_fds:
        set_decode_fds(value);
        break;
    case Qualifier::decode_pids:
        o.decode_pids = parse_decode_pid_set(value);
        // trace does not know which arguments and results are PIDs.
        if (o.decode_pids.comm)
            die("-Y/--decode-pids=comm (process names after PIDs) is not supported by trace");
        if (o.decode_pids.pidns)
            die("--pidns-translation/--decode-pids=pidns (PIDs in trace's PID namespace) is not supported by "
                "trace");
        break;
    case Qualifier::stack:
        o.stack_set = parse_syscall_set(value);
        break;
    case Qualifier::secontext:
        die("SELinux context printing (--secontext option) is not supported by this build of trace");
    }
}

// -p 1 -p "2 3" -p 4,5 -p "$(pgrep x)": separated by blanks, commas or newlines.
void Applier::attach(std::string_view list) {
    while (!list.empty()) {
        const std::size_t end = std::min(list.find_first_of("\n\t ,"), list.size());
        const std::string_view token = list.substr(0, end);
        auto pid = parse_uint(token);
        if (!pid || *pid == 0) die("Invalid process id: '{}'", token);
        if (static_cast<pid_t>(*pid) == getpid()) die("cannot trace the tracer itself (pid {})", *pid);
        opts().attach_pids.push_back(static_cast<pid_t>(*pid));
        if (end == list.size()) break;
        list.remove_prefix(end + 1);
    }
}

CommandLine Applier::finish() {
    if (m_cl.action == CliAction::help) return std::move(m_cl);
    if (m_version) {
        m_cl.action = CliAction::version;
        return std::move(m_cl);
    }
    check_together();
    derive();
    return std::move(m_cl);
}

void Applier::check_together() {
    Options& o = opts();
    const bool has_command = !o.command.empty();
    if (!has_command && o.attach_pids.empty()) fail("must have PROG [ARGS] or -p PID");
    if (!has_command && !o.argv0.empty()) fail("PROG [ARGS] must be specified with --argv0");

    if (m_daemonize_long != DaemonizeMode::none) {
        if (m_daemonize_short > 0) die("-D and --daemonize cannot be provided simultaneously");
        o.daemonize = m_daemonize_long;
    } else if (m_daemonize_short > 0) {
        if (m_daemonize_short > 3)
            fail("Too many -D's ({}), maximum supported -D count is 3", m_daemonize_short);
        o.daemonize = static_cast<DaemonizeMode>(m_daemonize_short);
    }
    if (!has_command && o.daemonize != DaemonizeMode::none)
        fail("PROG [ARGS] must be specified with -D/--daemonize");

    if (m_timestamps_short > 0) {
        if (m_timestamps_long) die("-t and --absolute-timestamps cannot be provided simultaneously");
        m_ts_format = m_timestamps_short >= 3 ? TimestampFormat::unix_epoch : TimestampFormat::time;
        if (m_timestamps_short >= 2) o.timestamp_precision = TimePrecision::us;
    }
    o.timestamp_format = m_ts_format.value_or(TimestampFormat::none);

    if (m_hex_long) {
        if (m_hex_short > 0) die("-x and --strings-in-hex cannot be provided simultaneously");
        o.strings_in_hex = *m_hex_long;
    } else if (m_hex_short > 0) {
        o.strings_in_hex = m_hex_short == 1 ? StringsInHex::non_ascii : StringsInHex::all;
    }

    if (m_decode_fds_short > 0) {
        if (m_decode_fds_updated) die("-y and --decode-fds cannot be provided simultaneously");
        set_decode_fds(m_decode_fds_short == 1 ? "path" : "all");
    }

    if (m_follow_short > 0) {
        if (m_follow_long) die("-f and --follow-forks cannot be provided simultaneously");
        if (m_follow_short >= 2 && m_separately_long)
            die("-ff and --output-separately cannot be provided simultaneously");
        o.follow_forks = true;
        o.output_separately = m_follow_short >= 2;
    } else {
        o.follow_forks = m_follow_long;
        o.output_separately = m_separately_long;
    }

    if (o.seccomp_bpf && !o.follow_forks) {
        warn("--seccomp-bpf cannot be used without -f/--follow-forks, disabling");
        o.seccomp_bpf = false;
    }
    if (o.seccomp_bpf && o.detach_on_execve) {
        warn("--seccomp-bpf is not enabled because it is not compatible with -b");
        o.seccomp_bpf = false;
    }
    if (o.seccomp_bpf && o.syscall_limit) {
        warn("--seccomp-bpf is not enabled because it is not compatible with --syscall-limit");
        o.seccomp_bpf = false;
    }
    if (o.seccomp_bpf && !o.attach_pids.empty()) {
        warn("--seccomp-bpf is not enabled for processes attached with -p");
        if (!has_command) o.seccomp_bpf = false;
    }

    if (m_deprecated_f) {
        if (o.follow_forks) {
            warn("deprecated option -F ignored");
        } else {
            warn("option -F is deprecated, please use -f/--follow-forks instead");
            o.follow_forks = true;
        }
    }

    const bool counting = o.summary_only || o.summary;
    if (o.output_separately && counting)
        fail("(-c/--summary-only or -C/--summary) and -ff/--output-separately are mutually exclusive");
    if (o.summary_wall_clock && !counting)
        fail("-w/--summary-wall-clock must be given with (-c/--summary-only or -C/--summary)");
    if (m_columns_set && !counting)
        fail("-U/--summary-columns must be given with (-c/--summary-only or -C/--summary)");
    if ((o.summary_per_pid || o.summary_interval.count() > 0 || o.summary_errors) && !counting)
        fail("--summary-per-pid, --summary-interval and --summary-errors must be given with "
             "(-c/--summary-only or "
             "-C/--summary)");
    if (m_sort_set && !counting)
        warn("-S/--summary-sort-by has no effect without (-c/--summary-only or -C/--summary)");
    if (o.summary_only && (!o.hide_errnos.empty() || o.hide_empty_polls))
        warn("--hide-errno, --hide-eagain and --hide-empty-polls have no effect with -c/--summary-only");
    if (o.summary_only && o.output_format == OutputFormat::json)
        warn("--json/--output-format=json has no effect with -c/--summary-only");
    if (o.output_separately && o.output_format == OutputFormat::json)
        fail("--json/--output-format=json and -ff/--output-separately are mutually exclusive");

    if (o.summary_only) {
        if (o.instruction_pointer) warn("-i/--instruction-pointer has no effect with -c/--summary-only");
        if (o.syscall_number) warn("-n/--syscall-number has no effect with -c/--summary-only");
        if (o.relative_timestamps) warn("-r/--relative-timestamps has no effect with -c/--summary-only");
        if (o.timestamp_format != TimestampFormat::none)
            warn("-t/--absolute-timestamps has no effect with -c/--summary-only");
        if (o.syscall_times) warn("-T/--syscall-times has no effect with -c/--summary-only");
        if (o.decode_fd_set.any()) warn("-y/--decode-fds has no effect with -c/--summary-only");
    }

    if (o.output_file.empty()) {
        if (o.output_separately && !o.follow_forks)
            warn("--output-separately has no effect without -o/--output");
        if (o.output_append) warn("-A/--output-append-mode has no effect without -o/--output");
    }
    if (m_status_flags > 1)
        warn("Only the last of -z/--successful-only/-Z/--failed-only options will take effect. "
             "See status qualifier for more complex filters.");

    if (o.kill_on_exit && !o.attach_pids.empty())
        die("--kill-on-exit and -p/--attach are mutually exclusive options");

    const bool piped = !o.output_file.empty() && (o.output_file[0] == '|' || o.output_file[0] == '!');
    if (piped && o.output_separately)
        fail("piping the output and -ff/--output-separately are mutually exclusive");
    // -ff without -o is -f.
    if (o.output_file.empty()) o.output_separately = false;

    if (o.daemonize != DaemonizeMode::none && !m_interruptible) m_interruptible = InterruptMode::never_tstp;
    if (!o.output_file.empty() && has_command) {
        if (!m_interruptible) m_interruptible = InterruptMode::never;
        if (m_quiet_short == 0 && !m_quiet_updated) m_quiet_short = 1;
    }
    o.interruptible = m_interruptible.value_or(InterruptMode::waiting);

    if (m_quiet_short > 0) {
        if (m_quiet_updated) die("-q and -e quiet/--quiet cannot be provided simultaneously");
        o.quiet_set = parse_quiet_set(m_quiet_short == 1   ? "attach,personality"
                                      : m_quiet_short == 2 ? "exit,attach,personality"
                                                           : "all");
    }
}

// The summary fields kept for readers that need less than the exact sets.
void Applier::derive() {
    Options& o = opts();
    const QuietSet& q = o.quiet_set;
    if (q.attach && q.exit && q.path_resolution && q.personality && q.thread_execve) {
        o.quiet = 3;
    } else if (q.attach && q.exit) {
        o.quiet = 2;
    } else if (q.attach) {
        o.quiet = 1;
    }

    const DecodeFdSet& d = o.decode_fd_set;
    o.decode_fds = (d.socket || d.dev || d.pidfd || d.eventfd || d.signalfd) ? 2 : d.path ? 1 : 0;

    switch (o.strings_in_hex) {
    case StringsInHex::none:
        o.xmode = XMode::none;
        break;
    case StringsInHex::non_ascii_chars:
        o.xmode = XMode::non_ascii_chars;
        break;
    case StringsInHex::non_ascii:
        o.xmode = XMode::non_ascii;
        break;
    case StringsInHex::all:
        o.xmode = XMode::all;
        break;
    }

    switch (o.timestamp_format) {
    case TimestampFormat::none:
        o.timestamps = TimestampMode::none;
        break;
    case TimestampFormat::time:
        o.timestamps =
            o.timestamp_precision == TimePrecision::s ? TimestampMode::seconds : TimestampMode::micros;
        break;
    case TimestampFormat::unix_epoch:
        o.timestamps = TimestampMode::epoch;
        break;
    }

    o.decode.verbose = o.abbrev_set.empty();
}

} // namespace

CommandLine apply_options(const std::vector<FoundOption>& found, std::vector<std::string> command) {
    Applier applier(std::move(command));
    for (const auto& f : found) {
        if (!applier.apply(f)) break;
    }
    return applier.finish();
}

} // namespace trace
