#include "trace/cli/expression.hpp"
#include "trace/cli/values.hpp"
#include "trace/syscalls/table.hpp"
#include "trace/util/error.hpp"

#include <cerrno>
#include <csignal>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <string>

using namespace trace;

namespace {

int nr_of(const char* name) {
    const SyscallEntry* row = find_syscall(std::string_view(name));
    REQUIRE(row != nullptr);
    return row->nr;
}

std::string error_of(auto&& fn) {
    try {
        fn();
    } catch (const UsageError& e) {
        return e.what();
    }
    return "<no error>";
}

std::size_t count(const SyscallSet& set) {
    std::size_t n = 0;
    for (bool b : set.bits)
        n += b ? 1 : 0;
    return n;
}

} // namespace

TEST_CASE("expression::split_qualifier") {
    auto q = split_qualifier("open,close");
    CHECK(q.qualifier == Qualifier::trace);
    CHECK(q.value == "open,close");

    q = split_qualifier("signal=!SIGINT");
    CHECK(q.qualifier == Qualifier::signal);
    CHECK(q.value == "!SIGINT");

    CHECK(split_qualifier("t=open").qualifier == Qualifier::trace);
    CHECK(split_qualifier("a=none").qualifier == Qualifier::abbrev);
    CHECK(split_qualifier("v=all").qualifier == Qualifier::verbose);
    CHECK(split_qualifier("x=open").qualifier == Qualifier::raw);
    CHECK(split_qualifier("s=INT").qualifier == Qualifier::signal);
    CHECK(split_qualifier("signals=INT").qualifier == Qualifier::signal);
    CHECK(split_qualifier("reads=1").qualifier == Qualifier::read);
    CHECK(split_qualifier("r=1").qualifier == Qualifier::read);
    CHECK(split_qualifier("writes=1").qualifier == Qualifier::write);
    CHECK(split_qualifier("w=1").qualifier == Qualifier::write);
    CHECK(split_qualifier("silent=exit").qualifier == Qualifier::quiet);
    CHECK(split_qualifier("silence=exit").qualifier == Qualifier::quiet);
    CHECK(split_qualifier("q=exit").qualifier == Qualifier::quiet);
    CHECK(split_qualifier("status=failed").qualifier == Qualifier::status);
    CHECK(split_qualifier("decode-fds=path").qualifier == Qualifier::decode_fds);
    CHECK(split_qualifier("decode-fd=path").qualifier == Qualifier::decode_fds);
    CHECK(split_qualifier("trace-fds=3").qualifier == Qualifier::trace_fds);
    CHECK(split_qualifier("inject=open:error=ENOENT").qualifier == Qualifier::inject);
    CHECK(split_qualifier("fault=open").qualifier == Qualifier::fault);

    // An unknown qualifier is a trace= value, as in strace ("invalid system call 'foo=bar'").
    q = split_qualifier("foo=bar");
    CHECK(q.qualifier == Qualifier::trace);
    CHECK(q.value == "foo=bar");
    // A qualifier name without '=' is a syscall name.
    CHECK(split_qualifier("signal").qualifier == Qualifier::trace);
}

TEST_CASE("expression::parse_syscall_set names and numbers") {
    const SyscallSet set = parse_syscall_set("open,close");
    CHECK(set.contains(nr_of("open")));
    CHECK(set.contains(nr_of("close")));
    CHECK_FALSE(set.contains(nr_of("read")));
    // As in strace, a number no table knows is traced by any set but "none".
    CHECK(set.match_unknown);
    CHECK(set.contains(100000));
    CHECK_FALSE(parse_syscall_set("none").contains(100000));
    CHECK(count(set) == 2);

    const SyscallSet by_number = parse_syscall_set(std::to_string(nr_of("close")));
    CHECK(by_number.contains(nr_of("close")));
    CHECK(count(by_number) == 1);

    CHECK(error_of([] { parse_syscall_set("opena"); }) == "invalid system call 'opena'");
    CHECK(error_of([] { parse_syscall_set("open,opena"); }) == "invalid system call 'opena'");
    CHECK(error_of([] { parse_syscall_set(""); }) == "invalid system call ''");
    CHECK(error_of([] { parse_syscall_set("!"); }) == "invalid system call '!'");
    CHECK(error_of([] { parse_syscall_set(",,"); }) == "invalid system call ',,'");
    CHECK(error_of([] { parse_syscall_set("%foo"); }) == "invalid system call '%foo'");
    CHECK(error_of([] { parse_syscall_set("99999"); }) == "invalid system call '99999'");
    const int limit = syscall_number_limit();
    CHECK(error_of([limit] { parse_syscall_set(std::to_string(limit)); }) ==
          fmt::format("invalid system call '{}'", limit));
    CHECK(parse_syscall_set(std::to_string(limit - 1)).contains(limit - 1));
    CHECK(parse_syscall_set("400").contains(400)); // a gap in the x86-64 numbering
}

TEST_CASE("expression::parse_syscall_set all, none and negation") {
    const SyscallSet all = parse_syscall_set("all");
    CHECK(all.everything());
    CHECK(all.contains(100000));

    const SyscallSet none = parse_syscall_set("none");
    CHECK(none.empty());
    CHECK_FALSE(none.contains(nr_of("read")));

    CHECK(parse_syscall_set("!none").everything());
    CHECK(parse_syscall_set("!all").empty());

    const SyscallSet not_close = parse_syscall_set("!close,openat");
    CHECK_FALSE(not_close.contains(nr_of("close")));
    CHECK_FALSE(not_close.contains(nr_of("openat")));
    CHECK(not_close.contains(nr_of("read")));
    CHECK(not_close.contains(100000)); // numbers the table does not know are traced, as with "all"

    CHECK(parse_syscall_set("!!close").contains(nr_of("close")));
    CHECK(SyscallSet{}.everything()); // the default holds everything
}

TEST_CASE("expression::parse_syscall_set classes") {
    const SyscallSet file = parse_syscall_set("%file");
    CHECK(file.contains(nr_of("open")));
    CHECK(file.contains(nr_of("openat")));
    CHECK_FALSE(file.contains(nr_of("read")));

    // Legacy names without '%'.
    CHECK(parse_syscall_set("file").contains(nr_of("open")));
    CHECK(parse_syscall_set("process").contains(nr_of("execve")));
    CHECK(parse_syscall_set("network").contains(nr_of("socket")));
    CHECK(error_of([] { parse_syscall_set("net"); }) == "invalid system call 'net'");

    CHECK(parse_syscall_set("%net").contains(nr_of("connect")));
    CHECK(parse_syscall_set("%network").contains(nr_of("connect")));
    CHECK(parse_syscall_set("%desc").contains(nr_of("read")));
    CHECK(parse_syscall_set("%memory").contains(nr_of("mmap")));
    CHECK(parse_syscall_set("%signal").contains(nr_of("rt_sigaction")));
    CHECK(parse_syscall_set("%process").contains(nr_of("clone")));
    CHECK(parse_syscall_set("%creds").contains(nr_of("setuid")));
    CHECK(parse_syscall_set("%clock").contains(nr_of("clock_gettime")));
    CHECK(parse_syscall_set("%pure").contains(nr_of("getpid")));
    CHECK(parse_syscall_set("%stat").contains(nr_of("stat")));
    CHECK(parse_syscall_set("%lstat").contains(nr_of("lstat")));
    CHECK(parse_syscall_set("%fstat").contains(nr_of("fstat")));
    CHECK(parse_syscall_set("%%stat").contains(nr_of("newfstatat")));
    CHECK(parse_syscall_set("%statfs").contains(nr_of("statfs")));
    CHECK(parse_syscall_set("%fstatfs").contains(nr_of("fstatfs")));
    CHECK(parse_syscall_set("%%statfs").contains(nr_of("fstatfs")));

    // "all" as a value among others is the legacy class of every syscall.
    CHECK(parse_syscall_set("file,all").contains(nr_of("read")));
}

TEST_CASE("expression::parse_syscall_set regex, ? and personality") {
    const SyscallSet re = parse_syscall_set("/^open");
    CHECK(re.contains(nr_of("open")));
    CHECK(re.contains(nr_of("openat")));
    CHECK_FALSE(re.contains(nr_of("close")));

    const SyscallSet ere = parse_syscall_set("/^(read|write)$");
    CHECK(ere.contains(nr_of("read")));
    CHECK(ere.contains(nr_of("write")));
    CHECK_FALSE(ere.contains(nr_of("readv")));

    CHECK(error_of([] { parse_syscall_set("/^zzzz"); }) == "invalid system call '/^zzzz'");
    CHECK(error_of([] { parse_syscall_set("/["); }).rfind("regcomp: [: ", 0) == 0);

    const SyscallSet optional = parse_syscall_set("?nosuchcall,close");
    CHECK(optional.contains(nr_of("close")));
    CHECK(count(optional) == 1);
    CHECK(count(parse_syscall_set("?nosuchcall")) == 0);

    CHECK(parse_syscall_set("close@64").contains(nr_of("close")));
    CHECK(count(parse_syscall_set("close@32")) == 0);
    CHECK(count(parse_syscall_set("close@x32")) == 0);
    CHECK(error_of([] { parse_syscall_set("close@foo"); }) ==
          "incorrect personality designator 'foo' in qualification 'close@foo'");
}

TEST_CASE("expression::parse_signal_set") {
    const SignalSet set = parse_signal_set("SIGINT,term,Sigkill,9,USR1");
    CHECK(set.contains(SIGINT));
    CHECK(set.contains(SIGTERM));
    CHECK(set.contains(SIGKILL));
    CHECK(set.contains(SIGUSR1));
    CHECK_FALSE(set.contains(SIGCHLD));

    const SignalSet not_int = parse_signal_set("!SIGINT");
    CHECK_FALSE(not_int.contains(SIGINT));
    CHECK(not_int.contains(SIGCHLD));

    CHECK_FALSE(parse_signal_set("none").contains(SIGSEGV));
    CHECK(parse_signal_set("all").contains(SIGSEGV));
    CHECK(parse_signal_set("100").contains(SIGINT) == false); // accepted, beyond the signals Linux has

    CHECK(error_of([] { parse_signal_set("FOO"); }) == "invalid signal 'FOO'");
    CHECK(error_of([] { parse_signal_set("INT,SIGFOO"); }) == "invalid signal 'SIGFOO'");
    CHECK(error_of([] { parse_signal_set("256"); }) == "invalid signal '256'");
    CHECK(error_of([] { parse_signal_set(""); }) == "invalid signal ''");
}

TEST_CASE("expression::parse_status_set") {
    StatusFilter f = parse_status_set("successful");
    CHECK(f.successful);
    CHECK_FALSE(f.failed);
    CHECK_FALSE(f.unfinished);
    CHECK_FALSE(f.all());

    f = parse_status_set("!failed");
    CHECK(f.successful);
    CHECK_FALSE(f.failed);
    CHECK(f.unfinished);
    CHECK(f.unavailable);
    CHECK(f.detached);

    CHECK(parse_status_set("all").all());
    CHECK_FALSE(parse_status_set("none").successful);
    CHECK(parse_status_set("Unfinished,DETACHED").detached);
    CHECK(error_of([] { parse_status_set("foo"); }) == "invalid status 'foo'");
    CHECK(error_of([] { parse_status_set(""); }) == "invalid status ''");
}

TEST_CASE("expression::parse_quiet_set") {
    QuietSet q = parse_quiet_set("attach,exits,superseded");
    CHECK(q.attach);
    CHECK(q.exit);
    CHECK(q.thread_execve);
    CHECK_FALSE(q.personality);
    CHECK_FALSE(q.path_resolution);

    q = parse_quiet_set("all");
    CHECK(q.path_resolution);
    CHECK(q.personality);
    CHECK(parse_quiet_set("thread-execve").thread_execve);
    CHECK(error_of([] { parse_quiet_set("foo"); }) == "invalid quiet 'foo'");
}

TEST_CASE("expression::parse_decode_fd_set and parse_decode_pid_set") {
    DecodeFdSet d = parse_decode_fd_set("path");
    CHECK(d.path);
    CHECK_FALSE(d.socket);
    d = parse_decode_fd_set("all");
    CHECK(d.path);
    CHECK(d.socket);
    CHECK(d.dev);
    CHECK(d.pidfd);
    CHECK(d.signalfd);
    CHECK_FALSE(parse_decode_fd_set("none").any());
    CHECK(error_of([] { parse_decode_fd_set("foo"); }) == "invalid decode-fds 'foo'");

    DecodePidSet p = parse_decode_pid_set("comm");
    CHECK(p.comm);
    CHECK_FALSE(p.pidns);
    CHECK(error_of([] { parse_decode_pid_set("x"); }) == "invalid decode-pids 'x'");
}

TEST_CASE("expression::parse_fd_set") {
    const FdSet set = parse_fd_set("3,1,3");
    CHECK(set.fds == std::vector<int>{1, 3});
    CHECK(set.contains(3));
    CHECK_FALSE(set.contains(2));

    const FdSet not_zero = parse_fd_set("!0");
    CHECK_FALSE(not_zero.contains(0));
    CHECK(not_zero.contains(7));
    CHECK(parse_fd_set("all").contains(42));
    CHECK(FdSet{}.empty());
    CHECK(error_of([] { parse_fd_set("x"); }) == "invalid descriptor 'x'");
    CHECK(error_of([] { parse_fd_set("-1"); }) == "invalid descriptor '-1'");
}

TEST_CASE("expression::parse_inject_rule") {
    InjectRule r = parse_inject_rule("open:error=ENOENT:when=2..5+2", false);
    CHECK(r.syscalls.contains(nr_of("open")));
    CHECK_FALSE(r.syscalls.contains(nr_of("close")));
    REQUIRE(r.error);
    CHECK(*r.error == ENOENT);
    CHECK(r.first == 2);
    CHECK(r.last == 5);
    CHECK(r.step == 2);

    r = parse_inject_rule("close:retval=0x10:signal=usr1:when=3", false);
    REQUIRE(r.retval);
    CHECK(*r.retval == 16);
    CHECK(r.signal == SIGUSR1);
    CHECK(r.first == 3);
    CHECK(r.last == kInjectLastInf);
    CHECK(r.step == 0);

    r = parse_inject_rule("read:delay_enter=1ms:delay_exit=5:when=4+", false);
    REQUIRE(r.delay_enter);
    CHECK(r.delay_enter->count() == 1'000'000);
    REQUIRE(r.delay_exit);
    CHECK(r.delay_exit->count() == 5'000);
    CHECK(r.first == 4);
    CHECK(r.step == 1);

    r = parse_inject_rule("write:poke_enter=@arg2=0a0B:error=5", false);
    REQUIRE(r.poke_enter.size() == 1);
    CHECK(r.poke_enter[0].arg == 2);
    CHECK(r.poke_enter[0].data == std::vector<std::uint8_t>{0x0a, 0x0b});
    CHECK(*r.error == 5);

    r = parse_inject_rule("getppid:syscall=getpid:error=EPERM", false);
    REQUIRE(r.syscall);
    CHECK(*r.syscall == nr_of("getpid"));

    // fault: ENOSYS unless an errno is given.
    r = parse_inject_rule("open", true);
    CHECK(*r.error == ENOSYS);
    CHECK(*parse_inject_rule("open:error=eacces", true).error == EACCES);

    CHECK(error_of([] { parse_inject_rule("open", false); }) == "invalid inject argument 'open'");
    CHECK(error_of([] { parse_inject_rule("open:error=1:retval=2", false); }) ==
          "invalid inject argument 'open:error=1:retval=2'");
    CHECK(error_of([] { parse_inject_rule("open:when=0", true); }) == "invalid fault argument 'open:when=0'");
    CHECK(error_of([] { parse_inject_rule("open:when=5..3", true); }) ==
          "invalid fault argument 'open:when=5..3'");
    CHECK(error_of([] { parse_inject_rule("open:retval=1", true); }) ==
          "invalid fault argument 'open:retval=1'");
    CHECK(error_of([] { parse_inject_rule("open:syscall=write:error=1", false); }) ==
          "invalid inject argument 'open:syscall=write:error=1'");
    CHECK(error_of([] { parse_inject_rule("opena:error=1", false); }) == "invalid system call 'opena'");
}

TEST_CASE("values::parse_duration") {
    CHECK(parse_duration("5")->count() == 5'000);
    CHECK(parse_duration("5us")->count() == 5'000);
    CHECK(parse_duration("2s")->count() == 2'000'000'000);
    CHECK(parse_duration("3ms")->count() == 3'000'000);
    CHECK(parse_duration("7ns")->count() == 7);
    CHECK(parse_duration("1.5ms")->count() == 1'500'000);
    CHECK_FALSE(parse_duration("xx"));
    CHECK_FALSE(parse_duration("5min"));
    CHECK_FALSE(parse_duration("-1"));
    CHECK_FALSE(parse_duration(""));
}

TEST_CASE("values::parse_uint") {
    CHECK(*parse_uint("80") == 80);
    CHECK(*parse_uint("+7") == 7);
    CHECK_FALSE(parse_uint("abc"));
    CHECK_FALSE(parse_uint("-1"));
    CHECK_FALSE(parse_uint("12x"));
    CHECK_FALSE(parse_uint(""));
    CHECK_FALSE(parse_uint("2147483648"));
    CHECK(*parse_uint("2147483647") == 2147483647);
}

TEST_CASE("values::parse_sort_key") {
    CHECK(*parse_sort_key("time") == "time");
    CHECK(*parse_sort_key("total-time") == "time");
    CHECK(*parse_sort_key("time_percent") == "time");
    CHECK(*parse_sort_key("longest") == "max-time");
    CHECK(*parse_sort_key("time-avg") == "avg-time");
    CHECK(*parse_sort_key("count") == "calls");
    CHECK(*parse_sort_key("error") == "errors");
    CHECK(*parse_sort_key("syscall") == "name");
    CHECK(*parse_sort_key("none") == "nothing");
    CHECK_FALSE(parse_sort_key("Calls")); // case matters, as in strace
    CHECK_FALSE(parse_sort_key(""));
}

TEST_CASE("values::parse_summary_columns") {
    CHECK(parse_summary_columns("calls,name,errors") == std::vector<std::string>{"calls", "name", "errors"});
    CHECK(parse_summary_columns("shortest") == std::vector<std::string>{"min-time", "name"});
    CHECK(error_of([] { parse_summary_columns("calls,,name"); }) == "unknown column name: ''");
    CHECK(error_of([] { parse_summary_columns("nothing"); }) == "unknown column name: 'nothing'");
    CHECK(error_of([] { parse_summary_columns("name,calls,syscall,errors"); }) ==
          "call summary column has been provided more than once: 'syscall' (-U option residual: "
          "'syscall,errors')");
}

TEST_CASE("values::parse_timestamps_arg") {
    auto ts = parse_timestamps_arg("unix,ms");
    REQUIRE(ts);
    CHECK(ts->format == TimestampFormat::unix_epoch);
    CHECK(ts->precision == TimePrecision::ms);

    ts = parse_timestamps_arg("precision:ns");
    REQUIRE(ts);
    CHECK_FALSE(ts->format);
    CHECK(ts->precision == TimePrecision::ns);

    ts = parse_timestamps_arg("FORMAT:None");
    REQUIRE(ts);
    CHECK(ts->format == TimestampFormat::none);

    CHECK_FALSE(parse_timestamps_arg("precision:time"));
    CHECK_FALSE(parse_timestamps_arg("format:us"));
    CHECK_FALSE(parse_timestamps_arg("foo"));
}
