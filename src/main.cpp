// trace: the command line is parsed into Options, reporters are chosen, the engine runs.
#include "trace/cli/options.hpp"
#include "trace/cli/summary_config.hpp"
#include "trace/engine/interrupt.hpp"
#include "trace/engine/tracer.hpp"
#include "trace/events/time.hpp"
#include "trace/report/errno_filter.hpp"
#include "trace/report/fd_stats.hpp"
#include "trace/report/json.hpp"
#include "trace/report/messages_reporter.hpp"
#include "trace/report/stack_summary.hpp"
#include "trace/report/stats.hpp"
#include "trace/report/strace_reporter.hpp"
#include "trace/report/summary_reporter.hpp"
#include "trace/util/error.hpp"

#include <csignal>
#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

namespace trace {
namespace {

// -e abbrev=/verbose=/raw= as one flag per syscall number (never empty: empty means the default).
std::vector<bool> per_call(const SyscallSet& set) {
    std::vector<bool> bits = set.bits;
    if (bits.empty()) bits.push_back(set.match_unknown);
    return bits;
}

// -y, -yy, -e read=/write=, -e abbrev=/verbose=/raw=: what the decoders show.
DecodeOptions decode_options(const FormatOptions& o) {
    DecodeOptions d;
    d.string_limit = o.string_limit;
    d.verbose = o.abbrev_set.empty(); // -v is -e abbrev=none
    const DecodeFdSet& fds = o.decode_fds;
    d.fds = FdDecoding{fds.path, fds.socket, fds.dev, fds.pidfd};
    d.dump_read = DescriptorSet{o.read_fds.fds, o.read_fds.inverted};
    d.dump_write = DescriptorSet{o.write_fds.fds, o.write_fds.inverted};
    if (!o.abbrev_set.everything() && !o.abbrev_set.empty()) d.abbrev_calls = per_call(o.abbrev_set);
    if (!o.verbose_set.everything()) d.verbose_calls = per_call(o.verbose_set);
    if (!o.raw_set.empty()) d.raw_calls = per_call(o.raw_set);
    return d;
}

// -e inject=, -e fault=: the engine's rules; their syscalls are traced (and shown) too.
void add_injections(const Options& o, EngineConfig& c) {
    for (const InjectRule& r : o.engine.injections) {
        InjectSpec spec;
        spec.syscalls = r.syscalls.bits;
        spec.error = r.error;
        spec.retval = r.retval;
        spec.replacement = r.syscall;
        spec.signal = r.signal;
        spec.delay_enter = r.delay_enter.value_or(std::chrono::nanoseconds{0}).count();
        spec.delay_exit = r.delay_exit.value_or(std::chrono::nanoseconds{0}).count();
        spec.first = r.first;
        spec.last = r.last;
        spec.step = r.step;
        if (!c.traced.empty()) {
            for (std::size_t i = 0; i < spec.syscalls.size() && i < c.traced.size(); ++i)
                c.traced[i] = c.traced[i] || spec.syscalls[i];
        }
        c.inject.push_back(std::move(spec));
    }
}

// Decided once, after every option check. A filtered process cannot be let go (its traced calls would
// fail with ENOSYS), so the filter is used only where trace follows every process to its end; by
// default also only where it needs no PR_SET_NO_NEW_PRIVS, which would change what the program may do.
SeccompUse seccomp_use(const Options& o, const EngineConfig& c) {
    const EngineOptions& e = o.engine;
    if (e.no_seccomp || c.traced.empty() || !o.filter.follow_forks || e.detach_on_execve || e.syscall_limit) {
        return SeccompUse::off;
    }
    if (o.run.daemonize != DaemonizeMode::none) {
        if (e.seccomp_bpf)
            fmt::print(stderr, "{}: --seccomp-bpf is not enabled because it is not compatible with -D\n",
                       o.program_name);
        return SeccompUse::off;
    }
    if (e.seccomp_bpf) return SeccompUse::asked;
    return seccomp_filter_invisible() ? SeccompUse::invisible : SeccompUse::off;
}

EngineConfig engine_config(const Options& o) {
    EngineConfig c;
    c.follow_forks = o.filter.follow_forks;
    c.decode = decode_options(o.format);
    if (!o.filter.syscalls.everything()) {
        c.traced = o.filter.syscalls.bits;
        // strace traces numbers beyond its table whatever the set, even "none" (syscall_0x3e8(...)).
        c.trace_unknown = true;
    }
    c.signals_shown = o.filter.signals.bits;
    c.quiet_attach = o.output.quiet.attach;
    c.stack_trace = o.stack.enabled;
    if (!o.stack.calls.everything()) c.stack_traced = o.stack.calls.bits;
    c.unwind.max_frames = o.stack.frame_limit;
    c.unwind.demangle = o.stack.demangle;
    c.unwind.force_peekdata = c.force_peekdata;
    c.tick_interval = o.summary.interval.count();
    c.detach_on_execve = o.engine.detach_on_execve;
    c.syscall_limit = o.engine.syscall_limit.value_or(0);
    // The filter pays only when it leaves syscalls out, and is safe only when every child is traced.
    add_injections(o, c);
    c.trace_paths = o.filter.paths;
    if (o.filter.fds) c.trace_fds = DescriptorSet{o.filter.fds->fds, o.filter.fds->inverted};
    c.cpu_placement = o.engine.cpu_placement;
    c.debug = o.engine.debug > 0;
    c.seccomp = seccomp_use(o, c);
    return c;
}

int digits(TimePrecision p) {
    switch (p) {
    case TimePrecision::s:
        return 0;
    case TimePrecision::ms:
        return 3;
    case TimePrecision::us:
        return 6;
    case TimePrecision::ns:
        return 9;
    }
    return 6;
}

// -t: 1, -tt: 2 (a precision finer than seconds), -ttt: 3 (seconds since the epoch).
int timestamp_style(const FormatOptions& o) {
    switch (o.timestamp_format) {
    case TimestampFormat::none:
        return 0;
    case TimestampFormat::time:
        return o.timestamp_precision == TimePrecision::s ? 1 : 2;
    case TimestampFormat::unix_epoch:
        return 3;
    }
    return 0;
}

TraceFormat trace_format(const Options& options) {
    const FormatOptions& o = options.format;
    const OutputOptions& out = options.output;
    const StatusFilter& status = options.filter.status;
    TraceFormat f;
    f.timestamp_digits = digits(o.timestamp_precision);
    f.relative_digits = digits(o.relative_precision);
    f.duration_digits = digits(o.syscall_times_precision);
    f.timestamps = timestamp_style(o);
    f.relative = o.relative_timestamps;
    f.durations = o.syscall_times;
    f.instruction_pointer = o.instruction_pointer;
    f.syscall_number = o.syscall_number;
    f.column = o.column;
    f.plain_pid_prefix = !out.file.empty() && options.filter.follow_forks && !out.separately;
    f.always_show_pid = o.always_show_pid;
    f.hide_exit_lines = out.quiet.exit;
    f.hide_superseded = out.quiet.thread_execve;
    f.separate_files = out.separately;
    f.output_path = out.file;
    f.output_append = out.append;
    f.program_name = options.program_name;
    f.values.xmode = o.strings_in_hex;
    f.values.string_limit = o.string_limit;
    f.values.raw_constants = o.const_style == ConstStyle::raw;
    f.values.verbose_constants = o.const_style == ConstStyle::verbose;
    f.show_successful = status.successful;
    f.show_failed = status.failed;
    f.show_unfinished = status.unfinished;
    f.show_detached = status.detached;
    return f;
}

JsonFormat json_format(const StatusFilter& status) {
    JsonFormat f;
    f.show_successful = status.successful;
    f.show_failed = status.failed;
    f.show_unfinished = status.unfinished;
    f.show_detached = status.detached;
    return f;
}

Output trace_output(const Options& o) {
    if (o.output.file.empty() || o.output.separately) return Output::borrowed(STDERR_FILENO);
    return Output::open_file(o.output.file, o.output.append, o.program_name);
}

// trace ends as the command did: the same exit code, or killed by the same signal.
int exit_like(const ChildStatus& status) {
    if (!status.known) return 0;
    if (!status.killed) return status.code;
    const rlimit no_core{0, 0};
    setrlimit(RLIMIT_CORE, &no_core); // the command's core file, if any, is not to be overwritten
    std::signal(status.code, SIG_DFL);
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, status.code);
    sigprocmask(SIG_UNBLOCK, &only, nullptr); // -I never blocked it
    raise(status.code);
    return 128 + status.code;
}

int run(const Options& o) {
    ReporterSet reporters;
    auto out = std::make_shared<Output>(trace_output(o)); // -C: the table follows the trace in one stream
    const bool json = o.output.format == OutputFormat::json && !o.summary.only; // -c: no trace to write
    // With --json -o FILE, FILE holds only JSON: the text reports go to stderr.
    auto reports =
        json && !o.output.file.empty() ? std::make_shared<Output>(Output::borrowed(STDERR_FILENO)) : out;
    if (!o.summary.only) {
        std::unique_ptr<Reporter> trace;
        if (json) {
            trace = std::make_unique<JsonReporter>(json_format(o.filter.status), out, realtime_offset_ns());
        } else {
            trace = std::make_unique<StraceReporter>(trace_format(o), out, realtime_offset_ns());
        }
        const HideConfig hide{o.output.hide_errnos, o.output.hide_empty_polls, o.program_name};
        if (hide.any()) trace = std::make_unique<HideFilter>(hide, std::move(trace), reports);
        reporters.add(std::move(trace));
    }
    if (o.summary.counting()) reporters.add(std::make_unique<SummaryReporter>(summary_config(o), reports));
    if (o.summary.counting() && o.stack.enabled) { // -c -k: the calling stacks of each call
        StackSummaryConfig stacks;
        stacks.count_successful = o.filter.status.successful;
        stacks.count_failed = o.filter.status.failed;
        reporters.add(std::make_unique<StackSummaryReporter>(stacks, reports));
    }
    FdTrackerConfig fds;
    fds.verify = !o.filter.syscalls.everything(); // untraced calls may close and reopen fds unseen
    if (o.output.fd_stats) reporters.add(std::make_unique<FdStatsReporter>(reports, fds));
    if (o.output.stats) reporters.add(std::make_unique<StatsReporter>(reports, fds));
    if (!o.output.quiet.attach) {
        auto messages =
            o.output.file.empty() ? out : std::make_shared<Output>(Output::borrowed(STDERR_FILENO));
        reporters.add(std::make_unique<MessagesReporter>(messages, o.filter.follow_forks, o.program_name));
    }

    if (o.run.daemonize != DaemonizeMode::none && !o.run.attach_pids.empty())
        throw FatalError(
            "-D/--daemonize cannot be used with -p: the tracer must be the command's grandchild");
    const CallerSignals caller_signals = install_interrupt_handlers(
        o.run.interruptible == InterruptMode::never || o.run.interruptible == InterruptMode::never_tstp,
        o.run.interruptible == InterruptMode::never_tstp);
    Tracer tracer(engine_config(o), reporters);
    if (!o.output.quiet.path_resolution) {
        for (const auto& note : tracer.path_notes())
            fmt::print(stderr, "{}: {}\n", o.program_name, note);
    }
    for (const pid_t pid : o.run.attach_pids) {
        const int threads = tracer.attach(pid);
        if (threads > 0 && !o.output.quiet.attach) {
            if (threads > 1) {
                fmt::print(stderr, "{}: Process {} attached with {} threads\n", o.program_name, pid, threads);
            } else {
                fmt::print(stderr, "{}: Process {} attached\n", o.program_name, pid);
            }
        }
    }
    if (!o.run.command.empty()) {
        SpawnSpec spec;
        spec.argv = o.run.command;
        spec.env_changes = o.run.env_changes;
        spec.user = o.run.user;
        spec.argv0 = o.run.argv0;
        spec.daemonize = static_cast<int>(o.run.daemonize);
        spec.signals = caller_signals;
        tracer.spawn(spec);
    }
    return exit_like(tracer.run());
}

} // namespace
} // namespace trace

int main(int argc, char** argv) {
    const std::string program = trace::program_name(argc, argv);
    try {
        return trace::run(trace::parse_options(argc, argv));
    } catch (const trace::UsageError& e) {
        fmt::print(stderr, "{}: {}\n", program, e.what());
        if (e.hint()) fmt::print(stderr, "Try '{} -h' for more information.\n", program);
        return 1;
    } catch (const trace::FatalError& e) {
        fmt::print(stderr, "{}: {}\n", program, e.what());
        return 1;
    }
}
