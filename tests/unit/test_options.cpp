#include "trace/cli/command_line.hpp"
#include "trace/cli/help.hpp"
#include "trace/syscalls/table.hpp"
#include "trace/util/error.hpp"

#include <csignal>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <string>
#include <unistd.h>
#include <vector>

using namespace trace;

namespace {

using Args = std::vector<std::string>;

CommandLine parse(const Args& args) {
    return parse_command_line(args);
}

Options opts(const Args& args) {
    CommandLine cl = parse(args);
    REQUIRE(cl.action == CliAction::run);
    return cl.options;
}

// -t: time of day in seconds, -tt: with a fraction, -ttt: seconds since the epoch.
bool stamps(const Options& o, TimestampFormat format, TimePrecision precision) {
    return o.format.timestamp_format == format && o.format.timestamp_precision == precision;
}

// -q: 1, -qq: 2, -qqq: 3, as the sets they stand for.
int quiet_level(const QuietSet& q) {
    if (q.attach && q.exit && q.path_resolution && q.personality && q.thread_execve) return 3;
    if (q.attach && q.exit) return 2;
    return q.attach ? 1 : 0;
}

// -y: 1 (paths), -yy: 2 (more than paths).
int fd_detail(const DecodeFdSet& d) {
    return (d.socket || d.dev || d.pidfd || d.eventfd || d.signalfd) ? 2 : d.path ? 1 : 0;
}

std::string error_of(const Args& args) {
    try {
        parse(args);
    } catch (const UsageError& e) {
        return e.what();
    }
    return "<no error>";
}

// Whether the error is followed by "Try 'trace -h'..."; strace leaves it out after some errors.
bool hint_of(const Args& args) {
    try {
        parse(args);
    } catch (const UsageError& e) {
        return e.hint();
    }
    FAIL("no error for the command line");
    return false;
}

std::vector<std::string> warnings_of(const Args& args) {
    return parse(args).warnings;
}

int nr_of(const char* name) {
    const SyscallEntry* row = find_syscall(std::string_view(name));
    REQUIRE(row != nullptr);
    return row->nr;
}

} // namespace

TEST_CASE("options::command split after the options") {
    Options o = opts({"-f", "ls", "-la"});
    CHECK(o.filter.follow_forks);
    CHECK(o.run.command == Args{"ls", "-la"});

    o = opts({"ls", "-f", "--help"});
    CHECK_FALSE(o.filter.follow_forks);
    CHECK(o.run.command == Args{"ls", "-f", "--help"});

    o = opts({"--", "-x", "y"});
    CHECK(o.run.command == Args{"-x", "y"});

    o = opts({"-f", "--", "ls", "--", "-f"});
    CHECK(o.run.command == Args{"ls", "--", "-f"});

    o = opts({"-o", "out", "-e", "trace=open", "cat", "-"});
    CHECK(o.run.command == Args{"cat", "-"});
    CHECK(o.output.file == "out");

    // Values are taken as they are, whatever they look like.
    CHECK(opts({"-o", "[log]", "ls"}).output.file == "[log]");
    CHECK(opts({"-o", "{}", "ls"}).output.file == "{}");
    CHECK(opts({"-o", "-f", "ls"}).output.file == "-f");
    CHECK(opts({"-E", "A=[1,2]", "ls"}).run.env_changes == Args{"A=[1,2]"});
    CHECK(error_of({"-e", "--", "ls"}) == "invalid system call '--'");
}

TEST_CASE("options::bundled short options") {
    Options o = opts({"-ff", "-o", "out", "ls"});
    CHECK(o.filter.follow_forks);
    CHECK(o.output.separately);

    CHECK(stamps(opts({"-t", "ls"}), TimestampFormat::time, TimePrecision::s));
    CHECK(stamps(opts({"-tt", "ls"}), TimestampFormat::time, TimePrecision::us));
    o = opts({"-ttt", "ls"});
    CHECK(stamps(o, TimestampFormat::unix_epoch, TimePrecision::us));

    CHECK(quiet_level(opts({"-q", "ls"}).output.quiet) == 1);
    CHECK(quiet_level(opts({"-qq", "ls"}).output.quiet) == 2);
    o = opts({"-qqq", "ls"});
    CHECK(quiet_level(o.output.quiet) == 3);
    CHECK(o.output.quiet.path_resolution);

    CHECK(opts({"-x", "ls"}).format.strings_in_hex == XMode::non_ascii);
    CHECK(opts({"-xx", "ls"}).format.strings_in_hex == XMode::all);
    o = opts({"-y", "ls"});
    CHECK(fd_detail(o.format.decode_fds) == 1);
    CHECK(o.format.decode_fds.path);
    o = opts({"-yy", "ls"});
    CHECK(fd_detail(o.format.decode_fds) == 2);
    CHECK(o.format.decode_fds.socket);

    o = opts({"-fT", "ls"});
    CHECK(o.filter.follow_forks);
    CHECK(o.format.syscall_times);

    CHECK(opts({"-s80", "ls"}).format.string_limit == 80);
    CHECK(opts({"-s", "80", "ls"}).format.string_limit == 80);
    CHECK(opts({"-ofile", "ls"}).output.file == "file");
    o = opts({"-fofile", "ls"});
    CHECK(o.filter.follow_forks);
    CHECK(o.output.file == "file");
    o = opts({"-fto", "x", "ls"});
    CHECK(stamps(o, TimestampFormat::time, TimePrecision::s));
    CHECK(o.output.file == "x");
    CHECK(opts({"-etrace=open", "ls"}).filter.syscalls.contains(nr_of("open")));
    CHECK(opts({"-a60", "ls"}).format.column == 60);
}

TEST_CASE("options::-p lists") {
    Options o = opts({"-p", "1", "-p", "2"});
    CHECK(o.run.attach_pids == std::vector<pid_t>{1, 2});
    CHECK(o.run.command.empty());

    o = opts({"-p", "1 2,3\n4\t5"});
    CHECK(o.run.attach_pids == std::vector<pid_t>{1, 2, 3, 4, 5});
    CHECK(opts({"-p7", "--attach=8"}).run.attach_pids == std::vector<pid_t>{7, 8});

    // -p with a command: both are traced.
    o = opts({"-p", "1", "ls"});
    CHECK(o.run.attach_pids == std::vector<pid_t>{1});
    CHECK(o.run.command == Args{"ls"});

    CHECK(error_of({"-p", "x"}) == "Invalid process id: 'x'");
    CHECK(error_of({"-p", "0"}) == "Invalid process id: '0'");
    CHECK(error_of({"-p", "1,,2"}) == "Invalid process id: ''");
    CHECK(error_of({"-p", "-3"}) == "Invalid process id: '-3'");
    CHECK(error_of({"-p", std::to_string(getpid())}) ==
          fmt::format("cannot trace the tracer itself (pid {})", getpid()));
}

TEST_CASE("options::long options") {
    Options o = opts({"--follow-forks", "--output=out", "--string-limit", "64", "ls"});
    CHECK(o.filter.follow_forks);
    CHECK(o.output.file == "out");
    CHECK(o.format.string_limit == 64);

    o = opts({"--timestamps=unix,ns", "ls"});
    CHECK(o.format.timestamp_format == TimestampFormat::unix_epoch);
    CHECK(o.format.timestamp_precision == TimePrecision::ns);
    o = opts({"--absolute-timestamps=precision:ms", "ls"});
    CHECK(o.format.timestamp_format == TimestampFormat::time);
    CHECK(o.format.timestamp_precision == TimePrecision::ms);
    CHECK(stamps(opts({"--absolute-timestamps", "ls"}), TimestampFormat::time, TimePrecision::s));
    CHECK(opts({"--timestamps=format:none", "ls"}).format.timestamp_format == TimestampFormat::none);

    o = opts({"--relative-timestamps=ms", "--syscall-times=ns", "ls"});
    CHECK(o.format.relative_timestamps);
    CHECK(o.format.relative_precision == TimePrecision::ms);
    CHECK(o.format.syscall_times);
    CHECK(o.format.syscall_times_precision == TimePrecision::ns);
    o = opts({"-r", "-T", "ls"});
    CHECK(o.format.relative_precision == TimePrecision::us);
    CHECK(o.format.syscall_times_precision == TimePrecision::us);

    o = opts({"--quiet", "ls"});
    CHECK(o.output.quiet.attach);
    CHECK(o.output.quiet.personality);
    CHECK_FALSE(o.output.quiet.exit);
    o = opts({"--quiet=exit", "ls"}); // --quiet takes no separate argument: "ls" is the command
    CHECK(o.output.quiet.exit);
    CHECK_FALSE(o.output.quiet.attach);
    CHECK(o.run.command == Args{"ls"});
    CHECK(opts({"--silent=exit", "ls"}).output.quiet.exit);

    CHECK(fd_detail(opts({"--decode-fds", "ls"}).format.decode_fds) == 1);
    CHECK(fd_detail(opts({"--decode-fds=all", "ls"}).format.decode_fds) == 2);
    CHECK(opts({"--decode-fds=socket", "ls"}).format.decode_fds.socket);
    CHECK(opts({"--strings-in-hex", "ls"}).format.strings_in_hex == XMode::all);
    o = opts({"--strings-in-hex=non-ascii-chars", "ls"});
    CHECK(o.format.strings_in_hex == XMode::non_ascii_chars);
    CHECK(opts({"--daemonize=session", "ls"}).run.daemonize == DaemonizeMode::session);
    CHECK(opts({"--daemonized", "ls"}).run.daemonize == DaemonizeMode::grandchild);
    CHECK(opts({"-DD", "ls"}).run.daemonize == DaemonizeMode::pgroup);
    CHECK(opts({"--const-print-style=raw", "ls"}).format.const_style == ConstStyle::raw);
    CHECK(opts({"-X", "verbose", "ls"}).format.const_style == ConstStyle::verbose);
    CHECK(opts({"--columns=10", "ls"}).format.column == 10);
    CHECK(opts({"--syscall-limit=5", "ls"}).engine.syscall_limit == 5u);
    CHECK(opts({"--env=A=1", "-E", "B", "ls"}).run.env_changes == Args{"A=1", "B"});
    CHECK(opts({"--user=nobody", "ls"}).run.user == "nobody");
    CHECK(opts({"--argv0=foo", "ls"}).run.argv0 == "foo");
    CHECK(opts({"--trace-path=/tmp", "-P", "/etc", "ls"}).filter.paths == Args{"/tmp", "/etc"});
    CHECK(opts({"--detach-on=execve", "ls"}).engine.detach_on_execve);
    CHECK(opts({"--kill-on-exit", "ls"}).run.kill_on_exit);
    CHECK(opts({"--always-show-pid", "ls"}).format.always_show_pid);
    CHECK(opts({"--stack-traces", "ls"}).stack.enabled);
    CHECK(opts({"-k", "ls"}).stack.enabled);
    CHECK(opts({"--instruction-pointer", "--syscall-number", "ls"}).format.instruction_pointer);
    CHECK(opts({"-d", "-d", "ls"}).engine.debug == 2);
    CHECK(opts({"-I", "never", "ls"}).run.interruptible == InterruptMode::never);
    CHECK(opts({"--interruptible=1", "ls"}).run.interruptible == InterruptMode::anywhere);
    CHECK(opts({"-f", "--seccomp-bpf", "ls"}).engine.seccomp_bpf);
}

TEST_CASE("options::abbreviated long options") {
    CHECK(opts({"--follow", "ls"}).filter.follow_forks);
    CHECK(opts({"--string-l=16", "--fol", "ls"}).run.command == Args{"ls"});
    CHECK(opts({"--string-l=16", "ls"}).format.string_limit == 16);
    CHECK(opts({"--daemoni", "ls"}).run.daemonize == DaemonizeMode::grandchild);
    CHECK(opts({"--fail", "ls"}).filter.status.failed);
    CHECK(opts({"--signal=INT", "ls"}).filter.signals.contains(SIGINT));
    CHECK(error_of({"--su", "ls"}) ==
          "option '--su' is ambiguous; possibilities: '--summary-only' '--summary' "
          "'--summary-syscall-overhead' "
          "'--summary-sort-by' '--summary-columns' '--summary-wall-clock' '--successful-only' "
          "'--summary-per-pid' '--summary-interval' '--summary-errors'");
    CHECK(error_of({"--str=all", "ls"}) ==
          "option '--str=all' is ambiguous; possibilities: '--string-limit' '--strings-in-hex'");
}

TEST_CASE("options::-e expressions") {
    Options o = opts({"-e", "open", "ls"});
    CHECK(o.filter.syscalls.contains(nr_of("open")));
    CHECK_FALSE(o.filter.syscalls.contains(nr_of("close")));

    // A later trace= replaces an earlier one, as in strace.
    o = opts({"-e", "trace=open", "-e", "trace=close", "ls"});
    CHECK_FALSE(o.filter.syscalls.contains(nr_of("open")));
    CHECK(o.filter.syscalls.contains(nr_of("close")));

    CHECK(opts({"--trace=%file", "ls"}).filter.syscalls.contains(nr_of("openat")));
    CHECK(opts({"-e", "t=read", "ls"}).filter.syscalls.contains(nr_of("read")));
    CHECK(opts({"ls"}).filter.syscalls.everything());

    o = opts({"-e", "signal=!SIGINT", "ls"});
    CHECK_FALSE(o.filter.signals.contains(SIGINT));
    CHECK(o.filter.signals.contains(SIGTERM));

    CHECK_FALSE(opts({"-e", "status=failed", "ls"}).filter.status.successful);
    o = opts({"-z", "ls"});
    CHECK(o.filter.status.successful);
    CHECK_FALSE(o.filter.status.failed);
    CHECK_FALSE(o.filter.status.unfinished);
    o = opts({"-Z", "ls"});
    CHECK(o.filter.status.failed);
    CHECK_FALSE(o.filter.status.successful);
    CHECK(opts({"--status=unfinished", "ls"}).filter.status.unfinished);

    o = opts({"-e", "quiet=attach,exit", "ls"});
    CHECK(o.output.quiet.attach);
    CHECK(o.output.quiet.exit);
    CHECK(quiet_level(o.output.quiet) == 2);

    CHECK(opts({"-e", "raw=open", "ls"}).format.raw_set.contains(nr_of("open")));
    CHECK(opts({"-e", "x=open", "ls"}).format.raw_set.contains(nr_of("open")));
    CHECK_FALSE(opts({"ls"}).format.raw_set.contains(nr_of("open")));
    CHECK(opts({"--verbose=none", "ls"}).format.verbose_set.empty());
    o = opts({"-e", "abbrev=none", "ls"});
    CHECK(o.format.abbrev_set.empty());
    o = opts({"-v", "ls"});
    CHECK(o.format.abbrev_set.empty());
    CHECK_FALSE(opts({"ls"}).format.abbrev_set.empty()); // -v decodes in full

    o = opts({"-e", "read=3", "--write=1,2", "-e", "trace-fds=5", "ls"});
    CHECK(o.format.read_fds.contains(3));
    CHECK(o.format.write_fds.contains(2));
    CHECK(o.filter.fds->contains(5));
    CHECK(opts({"-e", "decode-fds=dev", "ls"}).format.decode_fds.dev);

    o = opts({"-e", "inject=open:error=ENOENT", "--fault=close", "ls"});
    REQUIRE(o.engine.injections.size() == 2);
    CHECK(o.engine.injections[0].syscalls.contains(nr_of("open")));
    CHECK(o.engine.injections[1].syscalls.contains(nr_of("close")));
}

TEST_CASE("options::-h and -V") {
    CHECK(parse({"-h"}).action == CliAction::help);
    CHECK(parse({"--help", "--bogus-later"}).action != CliAction::run);
    CHECK(parse({"-f", "-h"}).action == CliAction::help);
    CHECK(parse({"-V"}).action == CliAction::version);
    CHECK(parse({"--version"}).action == CliAction::version);
    CHECK(error_of({"-s", "x", "-h"}) == "invalid -s argument: 'x'");

    const std::string help = help_text();
    CHECK(help.rfind("Usage: trace [-ACdffhikqqrtttTvVwxxyyzZ]", 0) == 0);
    for (const char* option :
         {"-e EXPR", "--attach=PID", "--follow-forks", "--seccomp-bpf", "--summary-columns", "-e inject=SET",
          "--strings-in-hex", "--decode-fds", "--syscall-limit"}) {
        CAPTURE(option);
        CHECK(help.find(option) != std::string::npos);
    }
}

TEST_CASE("options::-o and -ff") {
    // -ff without -o is -f.
    Options o = opts({"-ff", "ls"});
    CHECK(o.filter.follow_forks);
    CHECK_FALSE(o.output.separately);

    CHECK(opts({"--follow-forks", "--output-separately", "-o", "x", "ls"}).output.separately);
    // strace lets the short -f decide: -f --output-separately writes one file.
    CHECK_FALSE(opts({"-f", "--output-separately", "-o", "x", "ls"}).output.separately);

    // -o FILE PROG implies -q and -I never, as in strace.
    o = opts({"-o", "x", "ls"});
    CHECK(o.output.quiet.attach);
    CHECK(o.run.interruptible == InterruptMode::never);
    CHECK(opts({"ls"}).run.interruptible == InterruptMode::waiting);
    CHECK(quiet_level(opts({"-o", "x", "-e", "quiet=none", "ls"}).output.quiet) == 0);
    CHECK(opts({"-D", "ls"}).run.interruptible == InterruptMode::never_tstp);

    o = opts({"-A", "-o", "x", "ls"});
    CHECK(o.output.append);
    CHECK(warnings_of({"-A", "-o", "x", "ls"}).empty());
}

TEST_CASE("options::summary options") {
    Options o = opts({"-c", "-S", "calls", "-U", "name,calls", "-w", "-O", "5ms", "ls"});
    CHECK(o.summary.only);
    CHECK(o.summary.sort == "calls");
    CHECK(o.summary.columns == Args{"name", "calls"});
    CHECK(o.summary.wall_clock);
    CHECK(o.summary.overhead.count() == 5'000'000);

    CHECK(opts({"-C", "ls"}).summary.with_trace);
    CHECK(opts({"-c", "-S", "total-time", "ls"}).summary.sort == "time");
    CHECK(opts({"-c", "-S", "nothing", "ls"}).summary.sort == "nothing");
    CHECK(opts({"-c", "-S", "shortest", "ls"}).summary.sort == "min-time");
    CHECK(opts({"-c", "-U", "calls,errors", "ls"}).summary.columns == Args{"calls", "errors", "name"});
    CHECK(opts({"--summary-only", "--summary-columns=time,count", "ls"}).summary.columns ==
          Args{"time-percent", "calls", "name"});
}

TEST_CASE("options::errors") {
    CHECK(error_of({}) == "must have PROG [ARGS] or -p PID");
    CHECK(error_of({"-f"}) == "must have PROG [ARGS] or -p PID");
    CHECK(error_of({"-s", "abc", "ls"}) == "invalid -s argument: 'abc'");
    CHECK(error_of({"--string-limit=abc", "ls"}) == "invalid --string-limit argument: 'abc'");
    CHECK(error_of({"-a", "-1", "ls"}) == "invalid -a argument: '-1'");
    CHECK(error_of({"-e", "trace=opena", "ls"}) == "invalid system call 'opena'");
    CHECK(error_of({"-e", "opena", "ls"}) == "invalid system call 'opena'");
    CHECK(error_of({"-e", "foo=bar", "ls"}) == "invalid system call 'foo=bar'");
    CHECK(error_of({"-e", "signal=FOO", "ls"}) == "invalid signal 'FOO'");
    CHECK(error_of({"-e", "status=foo", "ls"}) == "invalid status 'foo'");
    CHECK(error_of({"-e", "quiet=foo", "ls"}) == "invalid quiet 'foo'");
    CHECK(error_of({"-e", "read=x", "ls"}) == "invalid descriptor 'x'");
    CHECK(error_of({"--bogus", "ls"}) == "unrecognized option '--bogus'");
    CHECK(error_of({"--bogus=1", "ls"}) == "unrecognized option '--bogus=1'");
    CHECK(error_of({"-j", "ls"}) == "invalid option -- 'j'");
    CHECK(error_of({"-fj", "ls"}) == "invalid option -- 'j'");
    CHECK(error_of({"-1", "ls"}) == "invalid option -- '1'");
    CHECK(error_of({"-r=ms", "ls"}) == "invalid option -- '='");
    CHECK(error_of({"-o"}) == "option requires an argument -- 'o'");
    CHECK(error_of({"-fo"}) == "option requires an argument -- 'o'");
    CHECK(error_of({"--output"}) == "option '--output' requires an argument");
    CHECK(error_of({"--outp"}) == "option '--outp' is ambiguous; possibilities: '--output-append-mode' "
                                  "'--output-separately' '--output' '--output-format'");
    CHECK(error_of({"--follow-forks=1", "ls"}) == "option '--follow-forks' doesn't allow an argument");
    CHECK(error_of({"-c", "-C", "ls"}) == "-c/--summary-only and -C/--summary are mutually exclusive");
    CHECK(error_of({"-C", "-c", "ls"}) == "-c/--summary-only and -C/--summary are mutually exclusive");
    CHECK(error_of({"-ff", "-c", "-o", "x", "ls"}) ==
          "(-c/--summary-only or -C/--summary) and -ff/--output-separately are mutually exclusive");
    CHECK(error_of({"-w", "ls"}) ==
          "-w/--summary-wall-clock must be given with (-c/--summary-only or -C/--summary)");
    CHECK(error_of({"-U", "name", "ls"}) ==
          "-U/--summary-columns must be given with (-c/--summary-only or -C/--summary)");
    CHECK(error_of({"-c", "-U", "foo", "ls"}) == "unknown column name: 'foo'");
    CHECK(error_of({"-c", "-U", "calls,count", "ls"}) ==
          "call summary column has been provided more than once: 'count' (-U option residual: 'count')");
    CHECK(error_of({"-c", "-S", "foo", "ls"}) == "invalid sortby: 'foo'");
    CHECK(error_of({"-c", "-O", "xx", "ls"}) == "invalid -O argument: 'xx'");
    CHECK(error_of({"-D", "-p", "1"}) == "PROG [ARGS] must be specified with -D/--daemonize");
    CHECK(error_of({"-DDDD", "ls"}) == "Too many -D's (4), maximum supported -D count is 3");
    CHECK(error_of({"-D", "--daemonize", "ls"}) == "-D and --daemonize cannot be provided simultaneously");
    CHECK(error_of({"--daemonize=foo", "ls"}) == "invalid --daemonize argument: 'foo'");
    CHECK(error_of({"-X", "foo", "ls"}) == "invalid -X argument: 'foo'");
    CHECK(error_of({"-I", "9", "ls"}) == "invalid -I argument: '9'");
    CHECK(error_of({"-b", "exit", "ls"}) == "Syscall 'exit' for -b isn't supported");
    CHECK(error_of({"-x", "--strings-in-hex", "ls"}) ==
          "-x and --strings-in-hex cannot be provided simultaneously");
    CHECK(error_of({"-t", "--timestamps", "ls"}) ==
          "-t and --absolute-timestamps cannot be provided simultaneously");
    CHECK(error_of({"--timestamps=foo", "ls"}) == "invalid --timestamps argument: 'foo'");
    CHECK(error_of({"--relative-timestamps=xx", "ls"}) == "invalid --relative-timestamps argument: 'xx'");
    CHECK(error_of({"-y", "--decode-fds", "ls"}) == "-y and --decode-fds cannot be provided simultaneously");
    CHECK(error_of({"-q", "--quiet", "ls"}) == "-q and -e quiet/--quiet cannot be provided simultaneously");
    CHECK(error_of({"-q", "-e", "quiet=exit", "ls"}) ==
          "-q and -e quiet/--quiet cannot be provided simultaneously");
    CHECK(error_of({"-f", "--follow-forks", "ls"}) ==
          "-f and --follow-forks cannot be provided simultaneously");
    CHECK(error_of({"-ff", "--output-separately", "ls"}) ==
          "-ff and --output-separately cannot be provided simultaneously");
    CHECK(error_of({"--syscall-limit=0", "ls"}) == "invalid --syscall-limit argument: '0'");
    CHECK(error_of({"--argv0=x", "-p", "1"}) == "PROG [ARGS] must be specified with --argv0");
    CHECK(error_of({"--kill-on-exit", "-p", "1"}) ==
          "--kill-on-exit and -p/--attach are mutually exclusive options");
    CHECK(error_of({"-ff", "-o", "|cat", "ls"}) ==
          "piping the output and -ff/--output-separately are mutually exclusive");
    CHECK(error_of({"-kk", "ls"}).find("not supported") != std::string::npos);
    CHECK(error_of({"--stack-traces=foo", "ls"}) == "invalid --stack-traces argument: 'foo'");
    CHECK(error_of({"-e", "kvm=foo", "ls"}) == "invalid -e kvm= argument: 'foo'");
    CHECK(error_of({"-e", "kvm=vcpu", "ls"}) == "-e kvm=vcpu is not supported by trace");
    CHECK(error_of({"--secontext", "ls"}).find("not supported") != std::string::npos);
    CHECK(error_of({"--tips", "ls"}) == "--tips is not supported by trace");
}

TEST_CASE("options::warnings") {
    CHECK(warnings_of({"ls"}).empty());
    CHECK(warnings_of({"-A", "ls"}) == Args{"-A/--output-append-mode has no effect without -o/--output"});
    CHECK(warnings_of({"--output-separately", "ls"}) ==
          Args{"--output-separately has no effect without -o/--output"});
    CHECK(warnings_of({"-S", "calls", "ls"}) ==
          Args{"-S/--summary-sort-by has no effect without (-c/--summary-only or -C/--summary)"});
    CHECK(warnings_of({"-z", "-Z", "ls"}) ==
          Args{"Only the last of -z/--successful-only/-Z/--failed-only options will take effect. See status "
               "qualifier for more complex filters."});
    CHECK(warnings_of({"-c", "-i", "ls"}) ==
          Args{"-i/--instruction-pointer has no effect with -c/--summary-only"});
    CHECK(warnings_of({"--seccomp-bpf", "ls"}) ==
          Args{"--seccomp-bpf cannot be used without -f/--follow-forks, disabling"});
    CHECK_FALSE(opts({"--seccomp-bpf", "ls"}).engine.seccomp_bpf);
    CHECK(warnings_of({"-F", "ls"}) == Args{"option -F is deprecated, please use -f/--follow-forks instead"});
    CHECK(opts({"-F", "ls"}).filter.follow_forks);
    CHECK(warnings_of({"-f", "-F", "ls"}) == Args{"deprecated option -F ignored"});
}

TEST_CASE("options::error hints") {
    CHECK(hint_of({}));
    CHECK(hint_of({"--bogus", "ls"}));
    CHECK(hint_of({"-j", "ls"}));
    CHECK(hint_of({"-o"}));
    CHECK(hint_of({"-s", "x", "ls"}));
    CHECK(hint_of({"-c", "-C", "ls"}));
    CHECK(hint_of({"-e", "trace=close@foo", "ls"}));
    CHECK_FALSE(hint_of({"-e", "trace=opena", "ls"}));
    CHECK_FALSE(hint_of({"-e", "signal=FOO", "ls"}));
    CHECK_FALSE(hint_of({"-p", "x"}));
    CHECK_FALSE(hint_of({"-b", "exit", "ls"}));
    CHECK_FALSE(hint_of({"-q", "--quiet", "ls"}));
    CHECK_FALSE(hint_of({"-f", "--follow-forks", "ls"}));
}

// strace 7.2's options that trace does not have: refused with a message naming them, never a generic
// parse error and never accepted to do nothing.
TEST_CASE("options::strace options trace refuses by name") {
    CHECK(error_of({"-N", "ls"}) == "-N/--arg-names (argument names) is not supported by trace");
    CHECK(error_of({"--arg-names", "ls"}) == "-N/--arg-names (argument names) is not supported by trace");
    CHECK_FALSE(hint_of({"-N", "ls"}));
    CHECK(error_of({"--color", "ls"}).find("--color is not supported by trace") == 0);
    CHECK(error_of({"--color=always", "ls"}).find("--color=always is not supported by trace") == 0);
    CHECK(error_of({"--color=auto", "ls"}).find("--color=auto is not supported by trace") == 0);
    CHECK(error_of({"--color=sometimes", "ls"}) == "invalid --color argument: 'sometimes'");
    CHECK(opts({"--color=never", "ls"}).run.command == Args{"ls"});
    CHECK(error_of({"-e", "namespace=new", "ls"}) == "-e namespace=new is not supported by trace");
    CHECK(error_of({"--namespace=new", "ls"}) == "-e namespace=new is not supported by trace");
    CHECK(error_of({"-e", "namespace=old", "ls"}) == "invalid -e namespace= argument: 'old'");
    CHECK(error_of({"--kvm=vcpu", "ls"}) == "-e kvm=vcpu is not supported by trace");
    CHECK(error_of({"-Y", "ls"}) ==
          "-Y/--decode-pids=comm (process names after PIDs) is not supported by trace");
    CHECK(error_of({"--decode-pids=comm", "ls"}) ==
          "-Y/--decode-pids=comm (process names after PIDs) is not supported by trace");
    CHECK(
        error_of({"--pidns-translation", "ls"}) ==
        "--pidns-translation/--decode-pids=pidns (PIDs in trace's PID namespace) is not supported by trace");
    CHECK(
        error_of({"-e", "decode-pids=pidns", "ls"}) ==
        "--pidns-translation/--decode-pids=pidns (PIDs in trace's PID namespace) is not supported by trace");
    CHECK(opts({"--decode-pids=none", "ls"}).run.command == Args{"ls"});
    CHECK(error_of({"--decode-fds=eventfd", "ls"}) ==
          "--decode-fds=eventfd (eventfd and signalfd details) is not supported by trace");
    CHECK(error_of({"-e", "decode-fds=path,signalfd", "ls"}) ==
          "--decode-fds=signalfd (eventfd and signalfd details) is not supported by trace");
    CHECK(opts({"-yy", "ls"}).format.decode_fds.socket);
    CHECK(error_of({"-e", "inject=open:poke_enter=@arg1=00", "ls"}) ==
          "-e inject=...:poke_enter=/poke_exit= (writing tracee memory) is not supported by trace");
    CHECK(error_of({"-kk", "ls"}).find("(-kk/--stack-traces=source option) are not supported") !=
          std::string::npos);
    CHECK(error_of({"--stack-trace=source", "ls"}).find("are not supported") != std::string::npos);
    CHECK(error_of({"--tips", "ls"}) == "--tips is not supported by trace");
    // 6.1's and 7.2's alias of -I anywhere.
    CHECK(opts({"--interruptible=always", "ls"}).run.interruptible == InterruptMode::anywhere);
    CHECK(opts({"-I", "always", "ls"}).run.interruptible == InterruptMode::anywhere);
}

TEST_CASE("options::quiet=superseded and strings-in-hex=non-ascii-chars reach their readers") {
    CHECK(opts({"-e", "quiet=superseded", "ls"}).output.quiet.thread_execve);
    CHECK(opts({"-qqq", "ls"}).output.quiet.thread_execve);
    CHECK_FALSE(opts({"-qq", "ls"}).output.quiet.thread_execve);
    CHECK(opts({"--strings-in-hex=non-ascii-chars", "ls"}).format.strings_in_hex == XMode::non_ascii_chars);
    const Options o = opts({"-e", "trace-fds=3,5", "ls"});
    REQUIRE(o.filter.fds.has_value());
    CHECK(o.filter.fds->fds == std::vector<int>{3, 5});
    CHECK_FALSE(opts({"ls"}).filter.fds.has_value());
}
