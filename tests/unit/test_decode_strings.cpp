#include "decode_fixture.hpp"
#include "trace/decode/arg_decoders.hpp"

#include <doctest/doctest.h>
#include <string>

using trace::ArgDir;
using trace::ArgKind;
using trace::kBindNone;
using trace::kBindRet;
using trace::test::TestCall;

namespace {

const std::string k40 = "0123456789012345678901234567890123456789";

} // namespace

TEST_CASE("decode::path") {
    SUBCASE("a path") {
        TestCall call{{ArgKind::path, 0x1000}};
        call.mem.put_cstring(0x1000, "/etc/passwd");
        CHECK(call.text(0) == "\"/etc/passwd\"");
    }
    SUBCASE("paths are not cut at -s") {
        TestCall call{{ArgKind::path, 0x1000}};
        call.opts.string_limit = 5;
        call.mem.put_cstring(0x1000, "/" + k40);
        CHECK(call.text(0) == "\"/" + k40 + "\"");
    }
    SUBCASE("but at PATH_MAX - 1") {
        TestCall call{{ArgKind::path, 0x1000}};
        call.mem.put_cstring(0x1000, std::string(5000, 'a'));
        CHECK(call.text(0) == "\"" + std::string(4095, 'a') + "\"...");
    }
    SUBCASE("NULL") {
        TestCall call{{ArgKind::path, 0}};
        CHECK(call.text(0) == "NULL");
    }
    SUBCASE("unreadable: the address") {
        TestCall call{{ArgKind::path, 0x10}};
        CHECK(call.text(0) == "0x10");
    }
    SUBCASE("running into unmapped memory before its NUL: the address") {
        TestCall call{{ArgKind::path, 0x1ffc}};
        call.mem.map(0x1ffc, "abcd");
        CHECK(call.text(0) == "0x1ffc");
    }
    SUBCASE("escaped") {
        TestCall call{{ArgKind::path, 0x1000}};
        call.mem.put_cstring(0x1000, "\x80\xffq\n");
        CHECK(call.text(0) == "\"\\200\\377q\\n\"");
    }
}

TEST_CASE("decode::str") {
    SUBCASE("within the limit") {
        TestCall call{{ArgKind::str, 0x1000}};
        call.mem.put_cstring(0x1000, "0123456789012345678901234567890");
        CHECK(call.text(0) == "\"0123456789012345678901234567890\"");
    }
    SUBCASE("exactly the limit") {
        TestCall call{{ArgKind::str, 0x1000}};
        call.mem.put_cstring(0x1000, "01234567890123456789012345678901");
        CHECK(call.text(0) == "\"01234567890123456789012345678901\"");
    }
    SUBCASE("cut at the limit") {
        TestCall call{{ArgKind::str, 0x1000}};
        call.mem.put_cstring(0x1000, k40);
        CHECK(call.text(0) == "\"01234567890123456789012345678901\"...");
    }
    SUBCASE("-s 5") {
        TestCall call{{ArgKind::str, 0x1000}};
        call.opts.string_limit = 5;
        call.mem.put_cstring(0x1000, k40);
        CHECK(call.text(0) == "\"01234\"...");
    }
    SUBCASE("limit bytes, then unmapped memory: the address, as strace reads limit + 1 bytes") {
        TestCall call{{ArgKind::str, 0x1fe0}};
        call.mem.map(0x1fe0, k40.substr(0, 32));
        CHECK(call.text(0) == "0x1fe0");
    }
    SUBCASE("limit + 1 bytes, then unmapped memory: cut") {
        TestCall call{{ArgKind::str, 0x1fdf}};
        call.mem.map(0x1fdf, k40.substr(0, 33));
        CHECK(call.text(0) == "\"01234567890123456789012345678901\"...");
    }
    SUBCASE("NUL at the last readable byte") {
        TestCall call{{ArgKind::str, 0x1fdf}};
        call.mem.map(0x1fdf, k40.substr(0, 31) + std::string(1, '\0'));
        CHECK(call.text(0) == "\"0123456789012345678901234567890\"");
    }
}

TEST_CASE("decode::in_buf") {
    SUBCASE("length from its binding") {
        TestCall call{{ArgKind::fd, 1}, {ArgKind::in_buf, 0x1000, 2}, {ArgKind::size, 6}};
        call.mem.map(0x1000, std::string("hi\0yo\nmore", 10));
        CHECK(call.text(1) == "\"hi\\0yo\\n\"");
    }
    SUBCASE("at most -s bytes") {
        TestCall call{{ArgKind::fd, 1}, {ArgKind::in_buf, 0x1000, 2}, {ArgKind::size, 40}};
        call.mem.map(0x1000, k40);
        CHECK(call.text(1) == "\"01234567890123456789012345678901\"...");
    }
    SUBCASE("exactly -s bytes") {
        TestCall call{{ArgKind::fd, 1}, {ArgKind::in_buf, 0x1000, 2}, {ArgKind::size, 32}};
        call.mem.map(0x1000, k40);
        CHECK(call.text(1) == "\"01234567890123456789012345678901\"");
    }
    SUBCASE("only the shown bytes need to be readable") {
        TestCall call{{ArgKind::fd, 1}, {ArgKind::in_buf, 0x1000, 2}, {ArgKind::size, 100}};
        call.opts.string_limit = 4;
        call.mem.map(0x1000, "abcd");
        CHECK(call.text(1) == "\"abcd\"...");
    }
    SUBCASE("a short read: the address") {
        TestCall call{{ArgKind::fd, 1}, {ArgKind::in_buf, 0x1ffc, 2}, {ArgKind::size, 10}};
        call.mem.map(0x1ffc, "abcd");
        CHECK(call.text(1) == "0x1ffc");
    }
    SUBCASE("empty") {
        TestCall call{{ArgKind::fd, 1}, {ArgKind::in_buf, 0x1000, 2}, {ArgKind::size, 0}};
        CHECK(call.text(1) == "\"\"");
    }
    SUBCASE("NULL") {
        TestCall call{{ArgKind::fd, 1}, {ArgKind::in_buf, 0, 2}, {ArgKind::size, 10}};
        CHECK(call.text(1) == "NULL");
    }
    SUBCASE("unreadable") {
        TestCall call{{ArgKind::fd, 1}, {ArgKind::in_buf, 0x10, 2}, {ArgKind::size, 10}};
        CHECK(call.text(1) == "0x10");
    }
    SUBCASE("no binding: the address") {
        TestCall call{{ArgKind::in_buf, 0x1000}};
        call.mem.map(0x1000, "abcd");
        CHECK(call.text(0) == "0x1000");
    }
    SUBCASE("-x") {
        TestCall call{{ArgKind::fd, 1}, {ArgKind::in_buf, 0x1000, 2}, {ArgKind::size, 2}};
        call.mem.map(0x1000, std::string("\0001", 2));
        trace::PrintOptions popts;
        popts.xmode = trace::XMode::non_ascii;
        CHECK(call.text(1, popts) == "\"\\x00\\x31\"");
    }
}

TEST_CASE("decode::out_buf") {
    SUBCASE("read: the return value's bytes") {
        TestCall call{
            {ArgKind::fd, 3}, {ArgKind::out_buf, 0x1000, kBindRet, ArgDir::out}, {ArgKind::size, 64}};
        call.mem.map(0x1000, std::string(64, '\0'));
        call.exit_with(5);
        CHECK(call.text(1) == "\"\\0\\0\\0\\0\\0\"");
    }
    SUBCASE("more than -s") {
        TestCall call{
            {ArgKind::fd, 3}, {ArgKind::out_buf, 0x1000, kBindRet, ArgDir::out}, {ArgKind::size, 64}};
        call.mem.map(0x1000, std::string(64, 'z'));
        call.exit_with(40);
        CHECK(call.text(1) == "\"" + std::string(32, 'z') + "\"...");
    }
    SUBCASE("read returned 0") {
        TestCall call{
            {ArgKind::fd, 3}, {ArgKind::out_buf, 0x1000, kBindRet, ArgDir::out}, {ArgKind::size, 64}};
        call.exit_with(0);
        CHECK(call.text(1) == "\"\"");
    }
    SUBCASE("failed: the address") {
        TestCall call{
            {ArgKind::fd, 3}, {ArgKind::out_buf, 0x1000, kBindRet, ArgDir::out}, {ArgKind::size, 64}};
        call.mem.map(0x1000, std::string(64, 'z'));
        call.exit_with(-14);
        CHECK(call.text(1) == "0x1000");
    }
    SUBCASE("NULL") {
        TestCall call{{ArgKind::fd, 3}, {ArgKind::out_buf, 0, kBindRet, ArgDir::out}, {ArgKind::size, 0}};
        call.exit_with(0);
        CHECK(call.text(1) == "NULL");
    }
    SUBCASE("at entry: the address") {
        TestCall call{
            {ArgKind::fd, 3}, {ArgKind::out_buf, 0x1000, kBindRet, ArgDir::out}, {ArgKind::size, 64}};
        call.mem.map(0x1000, std::string(64, 'z'));
        CHECK(call.text(1) == "0x1000");
    }
    SUBCASE("bound to an argument") {
        TestCall call{{ArgKind::out_buf, 0x1000, 1, ArgDir::out}, {ArgKind::size, 3}};
        call.mem.map(0x1000, "abcdef");
        call.exit_with(0);
        CHECK(call.text(0) == "\"abc\"");
    }
}

TEST_CASE("decode::argv") {
    SUBCASE("strings") {
        TestCall call{{ArgKind::argv, 0x2000}};
        call.mem.put_pointers(0x2000, {0x1000, 0x1010, 0x1020, 0});
        call.mem.put_cstring(0x1000, "ls");
        call.mem.put_cstring(0x1010, "-l");
        call.mem.put_cstring(0x1020, "a\nb");
        CHECK(call.text(0) == "[\"ls\", \"-l\", \"a\\nb\"]");
    }
    SUBCASE("empty") {
        TestCall call{{ArgKind::argv, 0x2000}};
        call.mem.put_pointers(0x2000, {0});
        CHECK(call.text(0) == "[]");
    }
    SUBCASE("NULL and unreadable") {
        TestCall null_call{{ArgKind::argv, 0}};
        CHECK(null_call.text(0) == "NULL");
        TestCall bad_call{{ArgKind::argv, 0x10}};
        CHECK(bad_call.text(0) == "0x10");
    }
    SUBCASE("strings cut at -s") {
        TestCall call{{ArgKind::argv, 0x2000}};
        call.opts.string_limit = 5;
        call.mem.put_pointers(0x2000, {0x1000, 0x1010, 0});
        call.mem.put_cstring(0x1000, "0123456789");
        call.mem.put_cstring(0x1010, "ab");
        CHECK(call.text(0) == "[\"01234\"..., \"ab\"]");
    }
    SUBCASE("an unreadable element: its address") {
        TestCall call{{ArgKind::argv, 0x2000}};
        call.mem.put_pointers(0x2000, {0x1000, 0x10, 0});
        call.mem.put_cstring(0x1000, "one");
        CHECK(call.text(0) == "[\"one\", 0x10]");
    }
    SUBCASE("more than -s elements: ... unless -v") {
        TestCall call{{ArgKind::argv, 0x2000}};
        call.opts.string_limit = 3;
        call.mem.put_pointers(0x2000, {0x1000, 0x1000, 0x1000, 0x1000, 0});
        call.mem.put_cstring(0x1000, "x");
        CHECK(call.text(0) == "[\"x\", \"x\", \"x\", ...]");
        call.opts.verbose = true;
        CHECK(call.text(0) == "[\"x\", \"x\", \"x\", \"x\"]");
    }
    SUBCASE("exactly -s elements: no ...") {
        TestCall call{{ArgKind::argv, 0x2000}};
        call.opts.string_limit = 3;
        call.mem.put_pointers(0x2000, {0x1000, 0x1000, 0x1000, 0});
        call.mem.put_cstring(0x1000, "x");
        CHECK(call.text(0) == "[\"x\", \"x\", \"x\"]");
    }
    SUBCASE("the pointer array runs into unmapped memory") {
        TestCall call{{ArgKind::argv, 0x2ff0}};
        call.mem.put_pointers(0x2ff0, {0x1000, 0x1010});
        call.mem.put_cstring(0x1000, "one");
        call.mem.put_cstring(0x1010, "two");
        CHECK(call.text(0) == "[\"one\", \"two\", ... /* 0x3000 */]");
    }
    SUBCASE("a pointer cut by unmapped memory") {
        TestCall call{{ArgKind::argv, 0x2ff8}};
        call.mem.put_pointers(0x2ff8, {0x1000});
        call.mem.map(0x3000, "abcd"); // half a pointer
        call.mem.put_cstring(0x1000, "one");
        CHECK(call.text(0) == "[\"one\", ... /* 0x3000 */]");
    }
    SUBCASE("a long array across pages") {
        TestCall call{{ArgKind::argv, 0x2f00}};
        call.opts.verbose = true;
        std::string ptrs;
        for (int i = 0; i < 100; ++i) {
            const std::uint64_t p = 0x1000;
            ptrs.append(reinterpret_cast<const char*>(&p), sizeof p);
        }
        ptrs.append(8, '\0');
        call.mem.map(0x2f00, ptrs);
        call.mem.put_cstring(0x1000, "x");
        const trace::Value v = call.decode(0);
        CHECK(v.fields.size() == 100);
        CHECK_FALSE(v.truncated);
    }
}

TEST_CASE("decode::envp") {
    SUBCASE("counted unless -v") {
        TestCall call{{ArgKind::envp, 0x2000}};
        call.mem.put_pointers(0x2000, {0x1000, 0x1010, 0});
        call.mem.put_cstring(0x1000, "A=1");
        call.mem.put_cstring(0x1010, "B=2");
        CHECK(call.text(0) == "0x2000 /* 2 vars */");
        call.opts.verbose = true;
        CHECK(call.text(0) == "[\"A=1\", \"B=2\"]");
    }
    SUBCASE("one var, no var") {
        TestCall one{{ArgKind::envp, 0x2000}};
        one.mem.put_pointers(0x2000, {0x1000, 0});
        CHECK(one.text(0) == "0x2000 /* 1 var */");
        TestCall none{{ArgKind::envp, 0x2000}};
        none.mem.put_pointers(0x2000, {0});
        CHECK(none.text(0) == "0x2000 /* 0 vars */");
    }
    SUBCASE("unterminated") {
        TestCall call{{ArgKind::envp, 0x2ff0}};
        call.mem.put_pointers(0x2ff0, {0x1000, 0x1010});
        CHECK(call.text(0) == "0x2ff0 /* 2 vars, unterminated */");
    }
    SUBCASE("NULL and unreadable") {
        TestCall null_call{{ArgKind::envp, 0}};
        CHECK(null_call.text(0) == "NULL");
        TestCall bad_call{{ArgKind::envp, 0x2ffc}};
        bad_call.mem.map(0x2ffc, "abcd");
        CHECK(bad_call.text(0) == "0x2ffc");
    }
}
