#include "decode_fixture.hpp"
#include "trace/decode/arg_decoders.hpp"

#include <csignal>
#include <doctest/doctest.h>

using trace::ArgKind;
using trace::test::decode_text;

namespace {

std::uint64_t neg(std::int64_t v) {
    return static_cast<std::uint64_t>(v);
}

trace::PrintOptions raw_options() {
    trace::PrintOptions opts;
    opts.raw_constants = true;
    return opts;
}

} // namespace

TEST_CASE("decode::int") {
    CHECK(decode_text(ArgKind::int_, 42) == "42");
    CHECK(decode_text(ArgKind::int_, neg(-1)) == "-1");
    // a C int: only the low 32 bits count (a 32-bit -3 the compiler zero-extended)
    CHECK(decode_text(ArgKind::int_, 0xfffffffdULL) == "-3");
    CHECK(decode_text(ArgKind::int_, 0x1234500000007ULL) == "7");
}

TEST_CASE("decode::uint") {
    CHECK(decode_text(ArgKind::uint, 42) == "42");
    CHECK(decode_text(ArgKind::uint, 0xffffffffULL) == "4294967295");
    CHECK(decode_text(ArgKind::uint, 0x100000001ULL) == "1");
}

TEST_CASE("decode::long") {
    CHECK(decode_text(ArgKind::long_, 5368709120ULL) == "5368709120");
    CHECK(decode_text(ArgKind::long_, neg(-2)) == "-2");
    CHECK(decode_text(ArgKind::ulong, neg(-1)) == "18446744073709551615");
}

TEST_CASE("decode::hex_oct_size_ptr") {
    CHECK(decode_text(ArgKind::hex, 0) == "0");
    CHECK(decode_text(ArgKind::hex, 0x1000) == "0x1000");
    CHECK(decode_text(ArgKind::oct, 022) == "022");
    CHECK(decode_text(ArgKind::oct, 0) == "0");
    CHECK(decode_text(ArgKind::size, 4096) == "4096");
    CHECK(decode_text(ArgKind::size, neg(-1)) == "18446744073709551615");
    CHECK(decode_text(ArgKind::ptr, 0) == "NULL");
    CHECK(decode_text(ArgKind::ptr, 0x7ffd5000) == "0x7ffd5000");
    CHECK(decode_text(ArgKind::struct_ptr, 0) == "NULL");
    CHECK(decode_text(ArgKind::struct_ptr, 0x7ffd5000) == "0x7ffd5000");
}

TEST_CASE("decode::fd") {
    CHECK(decode_text(ArgKind::fd, 3) == "3");
    CHECK(decode_text(ArgKind::fd, neg(-1)) == "-1");
    CHECK(decode_text(ArgKind::fd, 0xffffffffULL) == "-1");
    // AT_FDCWD is a name only where a directory fd is expected
    CHECK(decode_text(ArgKind::fd, neg(-100)) == "-100");
    CHECK(decode_text(ArgKind::dirfd, neg(-100)) == "AT_FDCWD");
    CHECK(decode_text(ArgKind::dirfd, 0xffffff9cULL) == "AT_FDCWD");
    CHECK(decode_text(ArgKind::dirfd, neg(-100), raw_options()) == "-100");
    CHECK(decode_text(ArgKind::dirfd, 5) == "5");
    CHECK(decode_text(ArgKind::dirfd, neg(-200)) == "-200");
}

TEST_CASE("decode::signo") {
    CHECK(decode_text(ArgKind::signo, SIGTERM) == "SIGTERM");
    CHECK(decode_text(ArgKind::signo, SIGTERM, raw_options()) == "15");
    CHECK(decode_text(ArgKind::signo, 0) == "0");
    CHECK(decode_text(ArgKind::signo, SIGIOT) == "SIGABRT");
    CHECK(decode_text(ArgKind::signo, 32) == "SIGRTMIN");
    CHECK(decode_text(ArgKind::signo, 33) == "SIGRT_1");
    CHECK(decode_text(ArgKind::signo, 64) == "SIGRT_32");
    CHECK(decode_text(ArgKind::signo, 65) == "65");
    CHECK(decode_text(ArgKind::signo, neg(-3)) == "-3");
    CHECK(decode_text(ArgKind::signo, 0xfffffffdULL) == "-3");
}
