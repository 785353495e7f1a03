// --json: string escaping, values, and the line of each event.
#include "trace/report/json.hpp"

#include "call_fixture.hpp"
#include "mem_file.hpp"

#include <cerrno>
#include <csignal>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <poll.h>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

using namespace trace;

namespace {

std::string json_string(std::string_view s) {
    fmt::memory_buffer out;
    append_json_string(out, s);
    return fmt::to_string(out);
}

std::string json_value(const Value& v) {
    fmt::memory_buffer out;
    append_json_value(out, v);
    return fmt::to_string(out);
}

SyscallEvent call(const char* name, std::vector<std::uint64_t> args, std::int64_t ret,
                  std::vector<Value> values) {
    SyscallEvent e;
    e.tid = 8;
    e.pid = 7;
    e.entry = find_syscall(name);
    REQUIRE(e.entry != nullptr);
    e.nr = e.entry->nr;
    for (std::size_t i = 0; i < args.size(); ++i)
        e.args[i] = args[i];
    e.values = std::move(values);
    e.ret = ret;
    e.error = ret < 0 && ret >= -4095 ? static_cast<int>(-ret) : 0;
    e.exited = true;
    e.entry_time = 1000;
    e.exit_time = 5000;
    return e;
}

} // namespace

TEST_CASE("json::append_json_string: escapes, UTF-8 kept, other bytes as \\u00XX") {
    CHECK(json_string("plain") == "\"plain\"");
    CHECK(json_string("a\"b\\c\nd\te\r") == "\"a\\\"b\\\\c\\nd\\te\\r\"");
    CHECK(json_string(std::string("\0\x01\x1f\x7f", 4)) == "\"\\u0000\\u0001\\u001f\\u007f\"");
    CHECK(json_string("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80") ==
          "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
    CHECK(json_string("\xff\xfe") == "\"\\u00ff\\u00fe\"");
    CHECK(json_string("\xc0\x80") == "\"\\u00c0\\u0080\"");                       // overlong NUL
    CHECK(json_string("\xed\xa0\x80") == "\"\\u00ed\\u00a0\\u0080\"");            // a surrogate
    CHECK(json_string("x\xe2\x82") == "\"x\\u00e2\\u0082\"");                     // cut short
    CHECK(json_string("\xf4\x90\x80\x80") == "\"\\u00f4\\u0090\\u0080\\u0080\""); // past U+10FFFF
}

TEST_CASE("json::append_json_value") {
    CHECK(json_value(Value::signed_int(-3)) == "-3");
    CHECK(json_value(Value::unsigned_int(18446744073709551615ull)) == "18446744073709551615");
    CHECK(json_value(Value::fd(4)) == "4");
    CHECK(json_value(Value::hex(255)) == "\"0xff\"");
    CHECK(json_value(Value::octal(0644)) == "\"0644\"");
    CHECK(json_value(Value::octal(0)) == "\"00\"");
    CHECK(json_value(Value::address(0)) == "null");
    CHECK(json_value(Value::address(0x7ffd0000)) == "\"0x7ffd0000\"");
    CHECK(json_value(Value::symbol("O_RDONLY|O_CLOEXEC", 02000000)) == "\"O_RDONLY|O_CLOEXEC\"");
    CHECK(json_value(Value::string("ab\xff", false)) == "\"ab\\u00ff\"");
    CHECK(json_value(Value::string("abc", true)) == "{\"string\":\"abc\",\"truncated\":true}");
    CHECK(json_value(Value::unknown()) == "null");
    Value st = Value::structure();
    st.add("st_mode", Value::symbol("S_IFREG|0644", 0100644)).add("st_size", Value::signed_int(10));
    CHECK(json_value(st) == "{\"st_mode\":\"S_IFREG|0644\",\"st_size\":10}");
    st.truncated = true;
    CHECK(json_value(st) == "{\"st_mode\":\"S_IFREG|0644\",\"st_size\":10,\"...\":true}");
    Value arr = Value::array();
    arr.push(Value::string("ls", false)).push(Value::string("-l", false));
    CHECK(json_value(arr) == "[\"ls\",\"-l\"]");
    arr.truncated = true;
    CHECK(json_value(arr) == "[\"ls\",\"-l\",\"...\"]");
    CHECK(json_value(Value::array()) == "[]");
}

TEST_CASE("json::JsonReporter: one line per event") {
    MemFile f;
    JsonReporter r(JsonFormat{}, f.output(), 100);
    r.on_process_start({8, 7, 7, 10, false});
    r.on_syscall_exit(call("read", {3, 0x7ffc0000, 256}, 6,
                           {Value::fd(3), Value::string("hello\n", false), Value::unsigned_int(256)}));
    r.on_syscall_exit(call("openat", {static_cast<std::uint64_t>(-100), 0x1000, 0}, -ENOENT,
                           {Value::symbol("AT_FDCWD", static_cast<std::uint64_t>(-100)),
                            Value::string("/x", false), Value::symbol("O_RDONLY", 0), Value::omit()}));
    SyscallEvent gone = call("exit_group", {0}, 0, {Value::signed_int(0)});
    gone.exited = false;
    gone.unfinished = true;
    r.on_syscall_exit(gone);
    SignalEvent sig;
    sig.tid = 8;
    sig.pid = 7;
    sig.signo = SIGCHLD;
    sig.siginfo = Value::structure().add("si_signo", Value::symbol("SIGCHLD", SIGCHLD));
    sig.time = 20;
    r.on_signal(sig);
    r.on_process_exit({8, 7, false, 3, false, 30});
    r.on_process_exit({9, 9, true, SIGKILL, false, 40});
    r.on_process_start({9, 9, 0, 0, false});
    r.on_finish();
    CHECK(
        f.text() ==
        "{\"event\":\"start\",\"pid\":7,\"tid\":8,\"time_ns\":110,\"parent\":7,\"attached\":false}\n"
        "{\"event\":\"syscall\",\"pid\":7,\"tid\":8,\"time_ns\":1100,\"exit_time_ns\":5100,\"duration_ns\":"
        "4000,"
        "\"nr\":0,\"name\":\"read\",\"raw_args\":[\"0x3\",\"0x7ffc0000\",\"0x100\"],"
        "\"args\":{\"fd\":3,\"buf\":\"hello\\n\",\"count\":256},\"ret\":6}\n"
        "{\"event\":\"syscall\",\"pid\":7,\"tid\":8,\"time_ns\":1100,\"exit_time_ns\":5100,\"duration_ns\":"
        "4000,"
        "\"nr\":257,\"name\":\"openat\",\"raw_args\":[\"0xffffffffffffff9c\",\"0x1000\",\"0x0\",\"0x0\"],"
        "\"args\":{\"dfd\":\"AT_FDCWD\",\"filename\":\"/x\",\"flags\":\"O_RDONLY\"},\"ret\":-1,\"errno\":2,"
        "\"error\":\"ENOENT\"}\n"
        "{\"event\":\"syscall\",\"pid\":7,\"tid\":8,\"time_ns\":1100,\"exit_time_ns\":5100,\"duration_ns\":"
        "4000,"
        "\"nr\":231,\"name\":\"exit_group\",\"raw_args\":[\"0x0\"],\"args\":{\"error_code\":0},\"ret\":null,"
        "\"unfinished\":true}\n"
        "{\"event\":\"signal\",\"pid\":7,\"tid\":8,\"time_ns\":120,\"signal\":\"SIGCHLD\",\"signo\":17,"
        "\"siginfo\":{\"si_signo\":\"SIGCHLD\"}}\n"
        "{\"event\":\"exit\",\"pid\":7,\"tid\":8,\"time_ns\":130,\"code\":3}\n"
        "{\"event\":\"killed\",\"pid\":9,\"tid\":9,\"time_ns\":140,\"signal\":\"SIGKILL\",\"signo\":9,"
        "\"core_dumped\":false}\n"
        "{\"event\":\"start\",\"pid\":9,\"tid\":9,\"time_ns\":null,\"parent\":0,\"attached\":false}\n");
}

TEST_CASE("json::JsonReporter: -e status= filters calls") {
    MemFile f;
    JsonFormat format;
    format.show_successful = false;
    JsonReporter r(format, f.output(), 0);
    r.on_syscall_exit(call("close", {3}, 0, {Value::fd(3)}));
    r.on_syscall_exit(call("close", {9}, -EBADF, {Value::fd(9)}));
    r.on_finish();
    const std::string text = f.text();
    CHECK(text.find("\"ret\":0") == std::string::npos);
    CHECK(text.find("\"error\":\"EBADF\"") != std::string::npos);
}

// Issue 14: --json gets the decoders' structure, not strace text.
TEST_CASE("json::append_json_value: poll, select with -y and openat as structured values") {
    {
        test::Call call("poll", {0x1000, 1, 100});
        const pollfd p{3, POLLIN, 0};
        call.mem.map(0x1000, test::raw_bytes(p));
        call.exit_with(0);
        CHECK(json_value(call.values()[0]) == R"([{"fd":3,"events":["POLLIN"]}])");
    }
    {
        const int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
        REQUIRE(fd >= 0);
        test::Call call("select", {static_cast<std::uint64_t>(fd + 1), 0x1000, 0, 0, 0});
        call.opts.fds.path = true;
        call.pid(getpid());
        const std::uint64_t set = std::uint64_t{1} << fd;
        call.mem.map(0x1000, test::raw_bytes(set));
        call.entry();
        CHECK(json_value(call.values()[1]) == "[{\"fd\":" + std::to_string(fd) + ",\"path\":\"/dev/null\"}]");
        close(fd);
    }
    {
        test::Call call(
            "openat", {static_cast<std::uint64_t>(std::int64_t{AT_FDCWD}), 0x1000, O_WRONLY | O_CREAT, 0644});
        call.mem.map(0x1000, std::string("/tmp/x\0", 7));
        call.exit_with(3);
        CHECK(json_value(call.values()[1]) == R"("/tmp/x")");
        CHECK(json_value(call.values()[2]) == R"(["O_WRONLY","O_CREAT"])");
        CHECK(json_value(call.values()[3]) == R"("0644")");
    }
}
