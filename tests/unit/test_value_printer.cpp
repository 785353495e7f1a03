#include "decode_fixture.hpp"
#include "trace/report/value_printer.hpp"

#include <doctest/doctest.h>

using trace::PrintOptions;
using trace::Value;
using trace::ValueType;
using trace::XMode;
using trace::test::render;

namespace {

std::string quoted(std::string_view bytes, bool truncated = false, XMode x = XMode::none) {
    PrintOptions opts;
    opts.xmode = x;
    fmt::memory_buffer out;
    trace::print_quoted(out, bytes, truncated, opts);
    return fmt::to_string(out);
}

PrintOptions raw_options() {
    PrintOptions opts;
    opts.raw_constants = true;
    return opts;
}

} // namespace

TEST_CASE("print_value::numbers") {
    CHECK(render(Value::signed_int(-3)) == "-3");
    CHECK(render(Value::signed_int(42)) == "42");
    CHECK(render(Value::unsigned_int(18446744073709551615ULL)) == "18446744073709551615");
    CHECK(render(Value::hex(0)) == "0");
    CHECK(render(Value::hex(0x1f)) == "0x1f");
    CHECK(render(Value::octal(0)) == "0");
    CHECK(render(Value::octal(0644)) == "0644");
    CHECK(render(Value::octal(022)) == "022");
    CHECK(render(Value::address(0)) == "NULL");
    CHECK(render(Value::address(0x7ffd1234)) == "0x7ffd1234");
    CHECK(render(Value::fd(3)) == "3");
    CHECK(render(Value::fd(-1)) == "-1");
    CHECK(render(Value::unknown()) == "?");
    CHECK(render(Value::raw("[{WIFEXITED(s) && WEXITSTATUS(s) == 0}]")) ==
          "[{WIFEXITED(s) && WEXITSTATUS(s) == 0}]");
}

TEST_CASE("print_value::symbols") {
    CHECK(render(Value::symbol("O_RDONLY|O_CLOEXEC", 02000000)) == "O_RDONLY|O_CLOEXEC");
    // -X raw: the number, in hex unless the symbol says otherwise
    CHECK(render(Value::symbol("O_RDONLY|O_CLOEXEC", 02000000), raw_options()) == "0x80000");
    CHECK(render(Value::symbol("O_RDONLY", 0), raw_options()) == "0");
    CHECK(render(Value::symbol("AT_FDCWD", static_cast<std::uint64_t>(-100), ValueType::Signed),
                 raw_options()) == "-100");
    CHECK(render(Value::symbol("SIGTERM", 15, ValueType::Signed), raw_options()) == "15");
    CHECK(render(Value::symbol("S_IFREG|0644", 0100644, ValueType::Octal), raw_options()) == "0100644");
    CHECK(render(Value::symbol("000", 0, ValueType::Octal), raw_options()) == "000");
    CHECK(render(Value::symbol("X", 7, ValueType::Unsigned), raw_options()) == "7");
}

TEST_CASE("print_value::comments") {
    Value envp = Value::address(0x7ffd0000);
    envp.note(Value::count(23, "vars"));
    CHECK(render(envp) == "0x7ffd0000 /* 23 vars */");
    CHECK(render(envp, raw_options()) == "0x7ffd0000 /* 23 vars */");
    Value unknown = Value::hex(0x80);
    unknown.note(Value::name("PROT_???"));
    CHECK(render(unknown) == "0x80 /* PROT_??? */");
    // -X raw drops the names of unknown values, as strace does
    CHECK(render(unknown, raw_options()) == "0x80");
}

TEST_CASE("print_value::omitted") {
    CHECK(render(Value::omit()) == "");
}

TEST_CASE("print_value::structs") {
    Value st = Value::structure();
    st.add("st_mode", Value::symbol("S_IFREG|0644", 0100644)).add("st_size", Value::unsigned_int(1234));
    CHECK(render(st) == "{st_mode=S_IFREG|0644, st_size=1234}");
    st.truncated = true;
    CHECK(render(st) == "{st_mode=S_IFREG|0644, st_size=1234, ...}");
    CHECK(render(Value::structure()) == "{}");
    Value empty_cut = Value::structure();
    empty_cut.truncated = true;
    CHECK(render(empty_cut) == "{...}");
    Value nested = Value::structure();
    nested.add("a", Value::signed_int(1)).add("b", std::move(st));
    CHECK(render(nested) == "{a=1, b={st_mode=S_IFREG|0644, st_size=1234, ...}}");
}

TEST_CASE("print_value::arrays") {
    Value argv = Value::array();
    argv.push(Value::string("ls", false)).push(Value::string("-l", false));
    CHECK(render(argv) == "[\"ls\", \"-l\"]");
    argv.truncated = true;
    CHECK(render(argv) == "[\"ls\", \"-l\", ...]");
    CHECK(render(Value::array()) == "[]");
    Value fds = Value::array();
    fds.push(Value::fd(3)).push(Value::fd(4));
    CHECK(render(fds) == "[3, 4]");
}

TEST_CASE("print_value::strings") {
    CHECK(render(Value::string("abc\n", false)) == "\"abc\\n\"");
    CHECK(render(Value::string("abc", true)) == "\"abc\"...");
    CHECK(render(Value::string("", false)) == "\"\"");
    CHECK(render(Value::string("", true)) == "\"\"...");
}

TEST_CASE("print_quoted::escapes") {
    CHECK(quoted("a\tb\nc\vd\fe\rf") == "\"a\\tb\\nc\\vd\\fe\\rf\"");
    CHECK(quoted("q\"b\\s") == "\"q\\\"b\\\\s\"");
    CHECK(quoted("printable ~!@#") == "\"printable ~!@#\"");
}

TEST_CASE("print_quoted::octal") {
    using namespace std::string_view_literals;
    // the shortest form, unless an octal digit follows
    CHECK(quoted("\0"sv) == "\"\\0\"");
    CHECK(quoted("\x01i"sv) == "\"\\1i\"");
    CHECK(quoted("\x01"
                 "2"sv) == "\"\\0012\"");
    CHECK(quoted("\x1b["sv) == "\"\\33[\"");
    CHECK(quoted("\0"
                 "1"sv) == "\"\\0001\"");
    CHECK(quoted("\0"
                 "8"sv) == "\"\\08\"");
    CHECK(quoted("\0"
                 "9"sv) == "\"\\09\"");
    CHECK(quoted("\x7f"
                 "8"sv) == "\"\\1778\"");
    CHECK(quoted("\x80\xff"sv) == "\"\\200\\377\"");
    CHECK(quoted("\0\0"sv) == "\"\\0\\0\"");
    // strace's sample line
    CHECK(quoted("a\tb\nc\vd\fe\rf\"g\\h\001i\0012\x7f\x80\xff z\033[\0"sv) ==
          R"("a\tb\nc\vd\fe\rf\"g\\h\1i\0012\177\200\377 z\33[\0")");
}

TEST_CASE("print_quoted::hex") {
    using namespace std::string_view_literals;
    // -x: printable ASCII and \t\n\v\f\r keep the normal form
    CHECK(quoted("abc\n", false, XMode::non_ascii) == "\"abc\\n\"");
    // any other byte turns the whole string to hex
    CHECK(quoted("ab\x80", false, XMode::non_ascii) == "\"\\x61\\x62\\x80\"");
    CHECK(quoted("\0"
                 "1"sv,
                 false, XMode::non_ascii) == "\"\\x00\\x31\"");
    CHECK(quoted("\x7f", false, XMode::non_ascii) == "\"\\x7f\"");
    // -xx: every byte
    CHECK(quoted("ab", false, XMode::all) == "\"\\x61\\x62\"");
    CHECK(quoted("ab", true, XMode::all) == "\"\\x61\\x62\"...");
    CHECK(quoted("", false, XMode::all) == "\"\"");
}
