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
    CHECK(o.follow_forks);
    CHECK(o.command == Args{"ls", "-la"});

    o = opts({"ls", "-f", "--help"});
    CHECK_FALSE(o.follow_forks);
    CHECK(o.command == Args{"ls", "-f", "--help"});

    o = opts({"--", "-x", "y"});
    CHECK(o.command == Args{"-x", "y"});

    o = opts({"-f", "--", "ls", "--", "-f"});
    CHECK(o.command == Args{"ls", "--", "-f"});

    o = opts({"-o", "out", "-e", "trace=open", "cat", "-"});
    CHECK(o.command == Args{"cat", "-"});
    CHECK(o.output_file == "out");

    // Values are taken as they are, whatever they look like.
    CHECK(opts({"-o", "[log]", "ls"}).output_file == "[log]");
    CHECK(opts({"-o", "{}", "ls"}).output_file == "{}");
    CHECK(opts({"-o", "-f", "ls"}).output_file == "-f");
    CHECK(opts({"-E", "A=[1,2]", "ls"}).env_changes == Args{"A=[1,2]"});
    CHECK(error_of({"-e", "--", "ls"}) == "invalid system call '--'");
}

TEST_CASE("options::bundled short options") {
    Options o = opts({"-ff", "-o", "out", "ls"});
    CHECK(o.follow_forks);
    CHECK(o.output_separately);

    CHECK(opts({"-t", "ls"}).timestamps == TimestampMode::seconds);
    CHECK(opts({"-tt", "ls"}).timestamps == TimestampMode::micros);
    o = opts({"-ttt", "ls"});
    CHECK(o.timestamps == TimestampMode::epoch);
    CHECK(o.timestamp_format == TimestampFormat::unix_epoch);
    CHECK(o.timestamp_precision == TimePrecision::us);

    CHECK(opts({"-q", "ls"}).quiet == 1);
    CHECK(opts({"-qq", "ls"}).quiet == 2);
    o = opts({"-qqq", "ls"});
    CHECK(o.quiet == 3);
    CHECK(o.quiet_set.path_resolution);

    CHECK(opts({"-x", "ls"}).xmode == XMode::non_ascii);
    CHECK(opts({"-xx", "ls"}).xmode == XMode::all);
    o = opts({"-y", "ls"});
    CHECK(o.decode_fds == 1);
    CHECK(o.decode_fd_set.path);
    o = opts({"-yy", "ls"});
    CHECK(o.decode_fds == 2);
    CHECK(o.decode_fd_set.socket);

    o = opts({"-fT", "ls"});
    CHECK(o.follow_forks);
    CHECK(o.syscall_times);

    CHECK(opts({"-s80", "ls"}).decode.string_limit == 80);
    CHECK(opts({"-s", "80", "ls"}).decode.string_limit == 80);
    CHECK(opts({"-ofile", "ls"}).output_file == "file");
    o = opts({"-fofile", "ls"});
    CHECK(o.follow_forks);
    CHECK(o.output_file == "file");
    o = opts({"-fto", "x", "ls"});
    CHECK(o.timestamps == TimestampMode::seconds);
    CHECK(o.output_file == "x");
    CHECK(opts({"-etrace=open", "ls"}).trace_set.contains(nr_of("open")));
    CHECK(opts({"-a60", "ls"}).column == 60);
}

TEST_CASE("options::-p lists") {
    Options o = opts({"-p", "1", "-p", "2"});
    CHECK(o.attach_pids == std::vector<pid_t>{1, 2});
    CHECK(o.command.empty());

    o = opts({"-p", "1 2,3\n4\t5"});
    CHECK(o.attach_pids == std::vector<pid_t>{1, 2, 3, 4, 5});
    CHECK(opts({"-p7", "--attach=8"}).attach_pids == std::vector<pid_t>{7, 8});

    // -p with a command: both are traced.
    o = opts({"-p", "1", "ls"});
    CHECK(o.attach_pids == std::vector<pid_t>{1});
    CHECK(o.command == Args{"ls"});

    CHECK(error_of({"-p", "x"}) == "Invalid process id: 'x'");
    CHECK(error_of({"-p", "0"}) == "Invalid process id: '0'");
    CHECK(error_of({"-p", "1,,2"}) == "Invalid process id: ''");
    CHECK(error_of({"-p", "-3"}) == "Invalid process id: '-3'");
    CHECK(error_of({"-p", std::to_string(getpid())}) ==
          fmt::format("cannot trace the tracer itself (pid {})", getpid()));
}

TEST_CASE("options::long options") {
    Options o = opts({"--follow-forks", "--output=out", "--string-limit", "64", "ls"});
    CHECK(o.follow_forks);
    CHECK(o.output_file == "out");
    CHECK(o.decode.string_limit == 64);

    o = opts({"--timestamps=unix,ns", "ls"});
    CHECK(o.timestamp_format == TimestampFormat::unix_epoch);
    CHECK(o.timestamp_precision == TimePrecision::ns);
    CHECK(o.timestamps == TimestampMode::epoch);
    o = opts({"--absolute-timestamps=precision:ms", "ls"});
    CHECK(o.timestamp_format == TimestampFormat::time);
    CHECK(o.timestamp_precision == TimePrecision::ms);
    CHECK(o.timestamps == TimestampMode::micros);
    CHECK(opts({"--absolute-timestamps", "ls"}).timestamps == TimestampMode::seconds);
    CHECK(opts({"--timestamps=format:none", "ls"}).timestamps == TimestampMode::none);

    o = opts({"--relative-timestamps=ms", "--syscall-times=ns", "ls"});
    CHECK(o.relative_timestamps);
    CHECK(o.relative_precision == TimePrecision::ms);
    CHECK(o.syscall_times);
    CHECK(o.syscall_times_precision == TimePrecision::ns);
    o = opts({"-r", "-T", "ls"});
    CHECK(o.relative_precision == TimePrecision::us);
    CHECK(o.syscall_times_precision == TimePrecision::us);

    o = opts({"--quiet", "ls"});
    CHECK(o.quiet_set.attach);
    CHECK(o.quiet_set.personality);
    CHECK_FALSE(o.quiet_set.exit);
    o = opts({"--quiet=exit", "ls"}); // --quiet takes no separate argument: "ls" is the command
    CHECK(o.quiet_set.exit);
    CHECK_FALSE(o.quiet_set.attach);
    CHECK(o.command == Args{"ls"});
    CHECK(opts({"--silent=exit", "ls"}).quiet_set.exit);

    CHECK(opts({"--decode-fds", "ls"}).decode_fds == 1);
    CHECK(opts({"--decode-fds=all", "ls"}).decode_fds == 2);
    CHECK(opts({"--decode-fds=socket", "ls"}).decode_fd_set.socket);
    CHECK(opts({"--strings-in-hex", "ls"}).strings_in_hex == StringsInHex::all);
    o = opts({"--strings-in-hex=non-ascii-chars", "ls"});
    CHECK(o.strings_in_hex == StringsInHex::non_ascii_chars);
    CHECK(o.xmode == XMode::non_ascii_chars);
    CHECK(opts({"--daemonize=session", "ls"}).daemonize == DaemonizeMode::session);
    CHECK(opts({"--daemonized", "ls"}).daemonize == DaemonizeMode::grandchild);
    CHECK(opts({"-DD", "ls"}).daemonize == DaemonizeMode::pgroup);
    CHECK(opts({"--const-print-style=raw", "ls"}).const_style == ConstStyle::raw);
    CHECK(opts({"-X", "verbose", "ls"}).const_style == ConstStyle::verbose);
    CHECK(opts({"--columns=10", "ls"}).column == 10);
    CHECK(opts({"--syscall-limit=5", "ls"}).syscall_limit == 5u);
    CHECK(opts({"--env=A=1", "-E", "B", "ls"}).env_changes == Args{"A=1", "B"});
    CHECK(opts({"--user=nobody", "ls"}).run_as_user == "nobody");
    CHECK(opts({"--argv0=foo", "ls"}).argv0 == "foo");
    CHECK(opts({"--trace-path=/tmp", "-P", "/etc", "ls"}).trace_paths == Args{"/tmp", "/etc"});
    CHECK(opts({"--detach-on=execve", "ls"}).detach_on_execve);
    CHECK(opts({"--kill-on-exit", "ls"}).kill_on_exit);
    CHECK(opts({"--always-show-pid", "ls"}).always_show_pid);
    CHECK(opts({"--stack-traces", "ls"}).stack_trace);
    CHECK(opts({"-k", "ls"}).stack_trace);
    CHECK(opts({"--instruction-pointer", "--syscall-number", "ls"}).instruction_pointer);
    CHECK(opts({"-d", "-d", "ls"}).debug == 2);
    CHECK(opts({"-I", "never", "ls"}).interruptible == InterruptMode::never);
    CHECK(opts({"--interruptible=1", "ls"}).interruptible == InterruptMode::anywhere);
    CHECK(opts({"-f", "--seccomp-bpf", "ls"}).seccomp_bpf);
}

TEST_CASE("options::abbreviated long options") {
    CHECK(opts({"--follow", "ls"}).follow_forks);
    CHECK(opts({"--string-l=16", "--fol", "ls"}).command == Args{"ls"});
    CHECK(opts({"--string-l=16", "ls"}).decode.string_limit == 16);
    CHECK(opts({"--daemoni", "ls"}).daemonize == DaemonizeMode::grandchild);
    CHECK(opts({"--fail", "ls"}).status.failed);
    CHECK(opts({"--signal=INT", "ls"}).signal_set.contains(SIGINT));
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
    CHECK(o.trace_set.contains(nr_of("open")));
    CHECK_FALSE(o.trace_set.contains(nr_of("close")));

    // A later trace= replaces an earlier one, as in strace.
    o = opts({"-e", "trace=open", "-e", "trace=close", "ls"});
    CHECK_FALSE(o.trace_set.contains(nr_of("open")));
    CHECK(o.trace_set.contains(nr_of("close")));

    CHECK(opts({"--trace=%file", "ls"}).trace_set.contains(nr_of("openat")));
    CHECK(opts({"-e", "t=read", "ls"}).trace_set.contains(nr_of("read")));
    CHECK(opts({"ls"}).trace_set.everything());

    o = opts({"-e", "signal=!SIGINT", "ls"});
    CHECK_FALSE(o.signal_set.contains(SIGINT));
    CHECK(o.signal_set.contains(SIGTERM));

    CHECK_FALSE(opts({"-e", "status=failed", "ls"}).status.successful);
    o = opts({"-z", "ls"});
    CHECK(o.status.successful);
    CHECK_FALSE(o.status.failed);
    CHECK_FALSE(o.status.unfinished);
    o = opts({"-Z", "ls"});
    CHECK(o.status.failed);
    CHECK_FALSE(o.status.successful);
    CHECK(opts({"--status=unfinished", "ls"}).status.unfinished);

    o = opts({"-e", "quiet=attach,exit", "ls"});
    CHECK(o.quiet_set.attach);
    CHECK(o.quiet_set.exit);
    CHECK(o.quiet == 2);

    CHECK(opts({"-e", "raw=open", "ls"}).raw_set.contains(nr_of("open")));
    CHECK(opts({"-e", "x=open", "ls"}).raw_set.contains(nr_of("open")));
    CHECK_FALSE(opts({"ls"}).raw_set.contains(nr_of("open")));
    CHECK(opts({"--verbose=none", "ls"}).verbose_set.empty());
    o = opts({"-e", "abbrev=none", "ls"});
    CHECK(o.abbrev_set.empty());
    CHECK(o.decode.verbose);
    o = opts({"-v", "ls"});
    CHECK(o.abbrev_set.empty());
    CHECK(o.decode.verbose);
    CHECK_FALSE(opts({"ls"}).decode.verbose);

    o = opts({"-e", "read=3", "--write=1,2", "-e", "trace-fds=5", "ls"});
    CHECK(o.read_fds.contains(3));
    CHECK(o.write_fds.contains(2));
    CHECK(o.trace_fds->contains(5));
    CHECK(opts({"-e", "decode-fds=dev", "ls"}).decode_fd_set.dev);

    o = opts({"-e", "inject=open:error=ENOENT", "--fault=close", "ls"});
    REQUIRE(o.injections.size() == 2);
    CHECK(o.injections[0].syscalls.contains(nr_of("open")));
    CHECK(o.injections[1].syscalls.contains(nr_of("close")));
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
    CHECK(o.follow_forks);
    CHECK_FALSE(o.output_separately);

    CHECK(opts({"--follow-forks", "--output-separately", "-o", "x", "ls"}).output_separately);
    // strace lets the short -f decide: -f --output-separately writes one file.
    CHECK_FALSE(opts({"-f", "--output-separately", "-o", "x", "ls"}).output_separately);

    // -o FILE PROG implies -q and -I never, as in strace.
    o = opts({"-o", "x", "ls"});
    CHECK(o.quiet_set.attach);
    CHECK(o.interruptible == InterruptMode::never);
    CHECK(opts({"ls"}).interruptible == InterruptMode::waiting);
    CHECK(opts({"-o", "x", "-e", "quiet=none", "ls"}).quiet == 0);
    CHECK(opts({"-D", "ls"}).interruptible == InterruptMode::never_tstp);

    o = opts({"-A", "-o", "x", "ls"});
    CHECK(o.output_append);
    CHECK(warnings_of({"-A", "-o", "x", "ls"}).empty());
}

TEST_CASE("options::summary options") {
    Options o = opts({"-c", "-S", "calls", "-U", "name,calls", "-w", "-O", "5ms", "ls"});
    CHECK(o.summary_only);
    CHECK(o.summary_sort == "calls");
    CHECK(o.summary_columns == Args{"name", "calls"});
    CHECK(o.summary_wall_clock);
    CHECK(o.summary_overhead.count() == 5'000'000);

    CHECK(opts({"-C", "ls"}).summary);
    CHECK(opts({"-c", "-S", "total-time", "ls"}).summary_sort == "time");
    CHECK(opts({"-c", "-S", "nothing", "ls"}).summary_sort == "nothing");
    CHECK(opts({"-c", "-S", "shortest", "ls"}).summary_sort == "min-time");
    CHECK(opts({"-c", "-U", "calls,errors", "ls"}).summary_columns == Args{"calls", "errors", "name"});
    CHECK(opts({"--summary-only", "--summary-columns=time,count", "ls"}).summary_columns ==
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
    CHECK_FALSE(opts({"--seccomp-bpf", "ls"}).seccomp_bpf);
    CHECK(warnings_of({"-F", "ls"}) == Args{"option -F is deprecated, please use -f/--follow-forks instead"});
    CHECK(opts({"-F", "ls"}).follow_forks);
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
    CHECK(opts({"--color=never", "ls"}).command == Args{"ls"});
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
    CHECK(opts({"--decode-pids=none", "ls"}).command == Args{"ls"});
    CHECK(error_of({"--decode-fds=eventfd", "ls"}) ==
          "--decode-fds=eventfd (eventfd and signalfd details) is not supported by trace");
    CHECK(error_of({"-e", "decode-fds=path,signalfd", "ls"}) ==
          "--decode-fds=signalfd (eventfd and signalfd details) is not supported by trace");
    CHECK(opts({"-yy", "ls"}).decode_fd_set.socket);
    CHECK(error_of({"-e", "inject=open:poke_enter=@arg1=00", "ls"}) ==
          "-e inject=...:poke_enter=/poke_exit= (writing tracee memory) is not supported by trace");
    CHECK(error_of({"-kk", "ls"}).find("(-kk/--stack-traces=source option) are not supported") !=
          std::string::npos);
    CHECK(error_of({"--stack-trace=source", "ls"}).find("are not supported") != std::string::npos);
    CHECK(error_of({"--tips", "ls"}) == "--tips is not supported by trace");
    // 6.1's and 7.2's alias of -I anywhere.
    CHECK(opts({"--interruptible=always", "ls"}).interruptible == InterruptMode::anywhere);
    CHECK(opts({"-I", "always", "ls"}).interruptible == InterruptMode::anywhere);
}

TEST_CASE("options::quiet=superseded and strings-in-hex=non-ascii-chars reach their readers") {
    CHECK(opts({"-e", "quiet=superseded", "ls"}).quiet_set.thread_execve);
    CHECK(opts({"-qqq", "ls"}).quiet_set.thread_execve);
    CHECK_FALSE(opts({"-qq", "ls"}).quiet_set.thread_execve);
    CHECK(opts({"--strings-in-hex=non-ascii-chars", "ls"}).xmode == XMode::non_ascii_chars);
    const Options o = opts({"-e", "trace-fds=3,5", "ls"});
    REQUIRE(o.trace_fds.has_value());
    CHECK(o.trace_fds->fds == std::vector<int>{3, 5});
    CHECK_FALSE(opts({"ls"}).trace_fds.has_value());
}
