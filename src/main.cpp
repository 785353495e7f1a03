// trace: the command line is parsed into Options, reporters are chosen, the engine runs.
#include "trace/cli/options.hpp"
#include "trace/cli/summary_config.hpp"
#include "trace/engine/interrupt.hpp"
#include "trace/engine/tracer.hpp"
#include "trace/report/errno_filter.hpp"
#include "trace/report/fd_stats.hpp"
#include "trace/report/json.hpp"
#include "trace/report/messages_reporter.hpp"
#include "trace/report/stack_summary.hpp"
#include "trace/report/stats.hpp"
#include "trace/report/strace_reporter.hpp"
#include "trace/report/summary_reporter.hpp"
#include "trace/events/time.hpp"
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
void decode_presentation(const Options& o, DecodeOptions& d) {
    const DecodeFdSet& fds = o.decode_fd_set;
    d.fds = FdDecoding{fds.path, fds.socket, fds.dev, fds.pidfd};
    d.dump_read = DescriptorSet{o.read_fds.fds, o.read_fds.inverted};
    d.dump_write = DescriptorSet{o.write_fds.fds, o.write_fds.inverted};
    if (!o.abbrev_set.everything() && !o.abbrev_set.empty()) d.abbrev_calls = per_call(o.abbrev_set);
    if (!o.verbose_set.everything()) d.verbose_calls = per_call(o.verbose_set);
    if (!o.raw_set.empty()) d.raw_calls = per_call(o.raw_set);
}

// -e inject=, -e fault=: the engine's rules; their syscalls are traced (and shown) too.
void add_injections(const Options& o, EngineConfig& c) {
    for (const InjectRule& r : o.injections) {
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
    if (o.no_seccomp || c.traced.empty() || !o.follow_forks || o.detach_on_execve || o.syscall_limit) {
        return SeccompUse::off;
    }
    if (o.daemonize != DaemonizeMode::none) {
        if (o.seccomp_bpf)
            fmt::print(stderr, "{}: --seccomp-bpf is not enabled because it is not compatible with -D\n", o.program_name);
        return SeccompUse::off;
    }
    if (o.seccomp_bpf) return SeccompUse::asked;
    return seccomp_filter_invisible() ? SeccompUse::invisible : SeccompUse::off;
}

EngineConfig engine_config(const Options& o) {
    EngineConfig c;
    c.follow_forks = o.follow_forks;
    c.decode = o.decode;
    decode_presentation(o, c.decode);
    if (!o.trace_set.everything()) {
        c.traced = o.trace_set.bits;
        // strace traces numbers beyond its table whatever the set, even "none" (syscall_0x3e8(...)).
        c.trace_unknown = true;
    }
    c.signals_shown = o.signal_set.bits;
    c.quiet_attach = o.quiet_set.attach;
    c.stack_trace = o.stack_trace;
    if (!o.stack_set.everything()) c.stack_traced = o.stack_set.bits;
    c.unwind.max_frames = o.stack_frame_limit;
    c.unwind.demangle = o.demangle;
    c.unwind.force_peekdata = c.force_peekdata;
    c.tick_interval = o.summary_interval.count();
    c.detach_on_execve = o.detach_on_execve;
    c.syscall_limit = o.syscall_limit.value_or(0);
    // The filter pays only when it leaves syscalls out, and is safe only when every child is traced.
    add_injections(o, c);
    c.trace_paths = o.trace_paths;
    if (o.trace_fds) c.trace_fds = DescriptorSet{o.trace_fds->fds, o.trace_fds->inverted};
    c.cpu_placement = o.cpu_placement;
    c.debug = o.debug > 0;
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

TraceFormat trace_format(const Options& o) {
    TraceFormat f;
    f.timestamp_digits = digits(o.timestamp_precision);
    f.relative_digits = digits(o.relative_precision);
    f.duration_digits = digits(o.syscall_times_precision);
    switch (o.timestamps) {
    case TimestampMode::none:
        f.timestamps = 0;
        break;
    case TimestampMode::seconds:
        f.timestamps = 1;
        break;
    case TimestampMode::micros:
        f.timestamps = 2;
        break;
    case TimestampMode::epoch:
        f.timestamps = 3;
        break;
    }
    f.relative = o.relative_timestamps;
    f.durations = o.syscall_times;
    f.instruction_pointer = o.instruction_pointer;
    f.syscall_number = o.syscall_number;
    f.column = o.column;
    f.plain_pid_prefix = !o.output_file.empty() && o.follow_forks && !o.output_separately;
    f.always_show_pid = o.always_show_pid;
    f.hide_exit_lines = o.quiet_set.exit;
    f.hide_superseded = o.quiet_set.thread_execve;
    f.separate_files = o.output_separately;
    f.output_path = o.output_file;
    f.output_append = o.output_append;
    f.program_name = o.program_name;
    f.values.xmode = o.xmode;
    f.values.string_limit = o.decode.string_limit;
    f.values.raw_constants = o.const_style == ConstStyle::raw;
    f.values.verbose_constants = o.const_style == ConstStyle::verbose;
    f.show_successful = o.status.successful;
    f.show_failed = o.status.failed;
    f.show_unfinished = o.status.unfinished;
    f.show_detached = o.status.detached;
    return f;
}

JsonFormat json_format(const Options& o) {
    JsonFormat f;
    f.show_successful = o.status.successful;
    f.show_failed = o.status.failed;
    f.show_unfinished = o.status.unfinished;
    f.show_detached = o.status.detached;
    return f;
}

Output trace_output(const Options& o) {
    if (o.output_file.empty() || o.output_separately) return Output::borrowed(STDERR_FILENO);
    return Output::open_file(o.output_file, o.output_append, o.program_name);
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
    const bool json = o.output_format == OutputFormat::json && !o.summary_only; // -c: no trace to write
    // With --json -o FILE, FILE holds only JSON: the text reports go to stderr.
    auto reports =
        json && !o.output_file.empty() ? std::make_shared<Output>(Output::borrowed(STDERR_FILENO)) : out;
    if (!o.summary_only) {
        std::unique_ptr<Reporter> trace;
        if (json) {
            trace = std::make_unique<JsonReporter>(json_format(o), out, realtime_offset_ns());
        } else {
            trace = std::make_unique<StraceReporter>(trace_format(o), out, realtime_offset_ns());
        }
        const HideConfig hide{o.hide_errnos, o.hide_empty_polls, o.program_name};
        if (hide.any()) trace = std::make_unique<HideFilter>(hide, std::move(trace), reports);
        reporters.add(std::move(trace));
    }
    if (o.summary_only || o.summary)
        reporters.add(std::make_unique<SummaryReporter>(summary_config(o), reports));
    if ((o.summary_only || o.summary) && o.stack_trace) { // -c -k: the calling stacks of each call
        StackSummaryConfig stacks;
        stacks.count_successful = o.status.successful;
        stacks.count_failed = o.status.failed;
        reporters.add(std::make_unique<StackSummaryReporter>(stacks, reports));
    }
    FdTrackerConfig fds;
    fds.verify = !o.trace_set.everything(); // untraced calls may close and reopen fds unseen
    if (o.fd_stats) reporters.add(std::make_unique<FdStatsReporter>(reports, fds));
    if (o.stats) reporters.add(std::make_unique<StatsReporter>(reports, fds));
    if (!o.quiet_set.attach) {
        auto messages =
            o.output_file.empty() ? out : std::make_shared<Output>(Output::borrowed(STDERR_FILENO));
        reporters.add(std::make_unique<MessagesReporter>(messages, o.follow_forks, o.program_name));
    }

    if (o.daemonize != DaemonizeMode::none && !o.attach_pids.empty())
        throw FatalError(
            "-D/--daemonize cannot be used with -p: the tracer must be the command's grandchild");
    const CallerSignals caller_signals = install_interrupt_handlers(
        o.interruptible == InterruptMode::never || o.interruptible == InterruptMode::never_tstp,
        o.interruptible == InterruptMode::never_tstp);
    Tracer tracer(engine_config(o), reporters);
    if (!o.quiet_set.path_resolution) {
        for (const auto& note : tracer.path_notes())
            fmt::print(stderr, "{}: {}\n", o.program_name, note);
    }
    for (const pid_t pid : o.attach_pids) {
        const int threads = tracer.attach(pid);
        if (threads > 0 && !o.quiet_set.attach) {
            if (threads > 1) {
                fmt::print(stderr, "{}: Process {} attached with {} threads\n", o.program_name, pid, threads);
            } else {
                fmt::print(stderr, "{}: Process {} attached\n", o.program_name, pid);
            }
        }
    }
    if (!o.command.empty()) {
        SpawnSpec spec;
        spec.argv = o.command;
        spec.env_changes = o.env_changes;
        spec.user = o.run_as_user;
        spec.argv0 = o.argv0;
        spec.daemonize = static_cast<int>(o.daemonize);
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
