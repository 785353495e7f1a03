// The options whose meaning is more than a kind of option (option_table.cpp), and -e's qualifiers.
// Error and warning texts follow strace's, so that scripts and habits carry over.
#include "option_state.hpp"
#include "trace/cli/usage_errors.hpp"
#include "trace/cli/values.hpp"
#include "trace/decode/names.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <fmt/format.h>
#include <unistd.h>

namespace trace {

namespace {

// trace unwinds with libunwind, which knows symbols but not source lines.
constexpr std::string_view kNoSourceStacks =
    "Stack traces with source line information (-kk/--stack-traces=source option) are not supported by "
    "this build of trace";

constexpr std::string_view kSummaryExclusive = "-c/--summary-only and -C/--summary are mutually exclusive";

void set_decode_fds(OptionState& s, std::string_view spec) {
    s.options().format.decode_fds = parse_decode_fd_set(spec);
    s.decode_fds_updated = true;
    // -yy shows what trace knows of them (anon_inode:[eventfd]); their details it cannot show.
    for (std::string_view name : split_tokens(spec, ",")) {
        if (iequals(name, "eventfd") || iequals(name, "signalfd"))
            die("--decode-fds={} (eventfd and signalfd details) is not supported by trace", name);
    }
}

void add_hidden_errno(OptionState& s, int err) {
    auto& list = s.options().output.hide_errnos;
    if (std::find(list.begin(), list.end(), err) == list.end()) list.push_back(err);
}

} // namespace

void bad_argument(const FoundOption& f) {
    fail("invalid {} argument: '{}'", f.spec->name, value_of(f));
}

namespace {

// What a qualifier does with its value; most set a field to the value parsed.
using QualifierAction = void (*)(OptionState&, std::string_view);

template <typename At, auto Parse> void set_parsed(OptionState& s, std::string_view value) {
    At::of(s) = Parse(value);
}

void set_quiet(OptionState& s, std::string_view value) {
    s.options().output.quiet = parse_quiet_set(value);
    s.quiet_updated = true;
}

void add_fault(OptionState& s, std::string_view value) {
    s.options().engine.injections.push_back(parse_inject_rule(value, true));
}

void add_injection(OptionState& s, std::string_view value) {
    const InjectRule& rule = s.options().engine.injections.emplace_back(parse_inject_rule(value, false));
    if (!rule.poke_enter.empty() || !rule.poke_exit.empty())
        die("-e inject=...:poke_enter=/poke_exit= (writing tracee memory) is not supported by trace");
}

void refuse_kvm(OptionState&, std::string_view value) {
    if (value != "vcpu") die("invalid -e kvm= argument: '{}'", value);
    die("-e kvm=vcpu is not supported by trace");
}

void refuse_namespace(OptionState&, std::string_view value) {
    if (value != "new") die("invalid -e namespace= argument: '{}'", value);
    die("-e namespace=new is not supported by trace");
}

// trace does not know which arguments and results are PIDs.
void set_decode_pids(OptionState& s, std::string_view value) {
    const DecodePidSet& pids = s.options().format.decode_pids = parse_decode_pid_set(value);
    if (pids.comm) die("-Y/--decode-pids=comm (process names after PIDs) is not supported by trace");
    if (pids.pidns)
        die("--pidns-translation/--decode-pids=pidns (PIDs in trace's PID namespace) is not supported by "
            "trace");
}

void refuse_secontext(OptionState&, std::string_view) {
    die("SELinux context printing (--secontext option) is not supported by this build of trace");
}

struct QualifierRow {
    Qualifier qualifier;
    QualifierAction action;
};

constexpr std::array kQualifierActions{
    QualifierRow{Qualifier::trace, set_parsed<InFilter<&FilterOptions::syscalls>, parse_syscall_set>},
    // "none" leaves out every call, as in strace
    QualifierRow{Qualifier::trace_fds, set_parsed<InFilter<&FilterOptions::fds>, parse_fd_set>},
    QualifierRow{Qualifier::abbrev, set_parsed<InFormat<&FormatOptions::abbrev_set>, parse_syscall_set>},
    QualifierRow{Qualifier::verbose, set_parsed<InFormat<&FormatOptions::verbose_set>, parse_syscall_set>},
    QualifierRow{Qualifier::raw, set_parsed<InFormat<&FormatOptions::raw_set>, parse_syscall_set>},
    QualifierRow{Qualifier::signal, set_parsed<InFilter<&FilterOptions::signals>, parse_signal_set>},
    QualifierRow{Qualifier::status, set_parsed<InFilter<&FilterOptions::status>, parse_status_set>},
    QualifierRow{Qualifier::quiet, set_quiet},
    QualifierRow{Qualifier::read, set_parsed<InFormat<&FormatOptions::read_fds>, parse_fd_set>},
    QualifierRow{Qualifier::write, set_parsed<InFormat<&FormatOptions::write_fds>, parse_fd_set>},
    QualifierRow{Qualifier::fault, add_fault},
    QualifierRow{Qualifier::inject, add_injection},
    QualifierRow{Qualifier::kvm, refuse_kvm},
    QualifierRow{Qualifier::namespaces, refuse_namespace},
    QualifierRow{Qualifier::decode_fds, set_decode_fds},
    QualifierRow{Qualifier::decode_pids, set_decode_pids},
    QualifierRow{Qualifier::secontext, refuse_secontext},
    QualifierRow{Qualifier::stack, set_parsed<InStack<&StackOptions::calls>, parse_syscall_set>},
};
static_assert(kQualifierActions.size() == static_cast<std::size_t>(Qualifier::stack) + 1,
              "every qualifier has a row");

} // namespace

void qualify(OptionState& s, Qualifier q, std::string_view value) {
    const auto row = std::find_if(kQualifierActions.begin(), kQualifierActions.end(),
                                  [q](const QualifierRow& r) { return r.qualifier == q; });
    row->action(s, value);
}

void set_decode_fds_letters(OptionState& s, int letters) {
    set_decode_fds(s, letters == 1 ? "path" : "all");
}

namespace action {

void expression(OptionState& s, const FoundOption& f) {
    const QualifiedExpr q = split_qualifier(value_of(f));
    qualify(s, q.qualifier, q.value);
}

// -p 1 -p "2 3" -p 4,5 -p "$(pgrep x)": separated by blanks, commas or newlines.
void attach(OptionState& s, const FoundOption& f) {
    for (std::string_view list = value_of(f); !list.empty();) {
        const std::size_t end = std::min(list.find_first_of("\n\t ,"), list.size());
        const std::string_view token = list.substr(0, end);
        auto pid = parse_uint(token);
        if (!pid || *pid == 0) die("Invalid process id: '{}'", token);
        if (static_cast<pid_t>(*pid) == getpid()) die("cannot trace the tracer itself (pid {})", *pid);
        s.options().run.attach_pids.push_back(static_cast<pid_t>(*pid));
        if (end == list.size()) break;
        list.remove_prefix(end + 1);
    }
}

void detach_on(OptionState& s, const FoundOption& f) {
    if (value_of(f) != "execve") die("Syscall '{}' for -b isn't supported", value_of(f));
    s.options().engine.detach_on_execve = true;
}

void summary_only(OptionState& s, const FoundOption&) {
    if (s.options().summary.with_trace) fail("{}", kSummaryExclusive);
    s.options().summary.only = true;
}

void summary(OptionState& s, const FoundOption&) {
    if (s.options().summary.only) fail("{}", kSummaryExclusive);
    s.options().summary.with_trace = true;
}

void help(OptionState& s, const FoundOption&) {
    s.cl.action = CliAction::help;
    s.stop = true;
}

void stack_short(OptionState& s, const FoundOption&) {
    if (++s.stack_short > 1) die("{}", kNoSourceStacks);
    s.options().stack.enabled = true;
}

void stack_long(OptionState& s, const FoundOption& f) {
    if (f.value == "source") die("{}", kNoSourceStacks);
    if (f.value && f.value != "symbol") bad_argument(f);
    s.options().stack.enabled = true;
}

void output(OptionState& s, const FoundOption& f) {
    if (value_of(f).empty()) die("Can't fopen '': No such file or directory");
    s.options().output.file = value_of(f);
}

void user(OptionState& s, const FoundOption& f) {
    if (value_of(f).empty()) die("Cannot find user ''");
    s.options().run.user = value_of(f);
}

void overhead(OptionState& s, const FoundOption& f) {
    auto d = parse_duration(value_of(f));
    if (!d) bad_argument(f);
    s.options().summary.overhead = *d;
}

void sort_by(OptionState& s, const FoundOption& f) {
    auto key = parse_sort_key(value_of(f));
    if (!key) fail("invalid sortby: '{}'", value_of(f));
    s.options().summary.sort = *key;
    s.sort_set = true;
}

void summary_columns(OptionState& s, const FoundOption& f) {
    s.options().summary.columns = parse_summary_columns(value_of(f));
    s.columns_set = true;
}

// --absolute-timestamps[=[format:]time|unix|none][,[precision:]s|ms|us|ns]
void timestamps(OptionState& s, const FoundOption& f) {
    s.timestamps_long = true;
    auto ts = parse_timestamps_arg(f.value ? value_of(f) : "format:time");
    if (!ts) bad_argument(f);
    if (ts->precision) s.options().format.timestamp_precision = *ts->precision;
    if (ts->format) {
        s.ts_format = ts->format;
    } else if (!s.ts_format) {
        s.ts_format = TimestampFormat::time;
    }
}

void cpu_placement(OptionState& s, const FoundOption& f) {
    const std::string_view value = value_of(f);
    if (value != "auto" && value != "none")
        die("invalid --cpu-placement argument: '{}' (auto or none)", value);
    s.options().engine.cpu_placement = value == "auto";
}

// --summary-interval=SECONDS: seconds unless a unit is given
void summary_interval(OptionState& s, const FoundOption& f) {
    const std::string value(value_of(f));
    const bool unitless = !value.empty() && (std::isdigit(static_cast<unsigned char>(value.back())) != 0 ||
                                             value.back() == '.');
    auto d = parse_duration(unitless ? value + "s" : value);
    if (!d || d->count() <= 0) bad_argument(f);
    s.options().summary.interval = *d;
}

// --hide-errno=EAGAIN,EINTR,4: errno names (EWOULDBLOCK is EAGAIN) or numbers.
void hide_errno(OptionState& s, const FoundOption& f) {
    std::string_view list = value_of(f);
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
        add_hidden_errno(s, err);
        if (end == list.size()) break;
        list.remove_prefix(end + 1);
    }
}

void hide_eagain(OptionState& s, const FoundOption&) {
    add_hidden_errno(s, EAGAIN);
}

// trace never colours its output: "never" is what it does anyway.
void color(OptionState&, const FoundOption& f) {
    const std::string_view value = value_of(f);
    if (f.value && !iequals(value, "never") && !iequals(value, "auto") && !iequals(value, "always"))
        bad_argument(f);
    if (!f.value || !iequals(value, "never"))
        die("--color{} is not supported by trace: its output is never coloured (--color=never)",
            f.value ? fmt::format("={}", value) : std::string());
}

} // namespace action

} // namespace trace
