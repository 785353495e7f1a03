#include "fake_memory.hpp"

#include <array>
#include <doctest/doctest.h>
#include <string>

using trace::test::FakeMemory;

TEST_CASE("decode::fake_memory") {
    FakeMemory mem;
    mem.map(0x1000, "abcd");
    mem.map(0x1004, "ef");
    mem.map(0x2000, "xyz");
    std::array<std::byte, 8> buf{};
    CHECK(mem.read(0x1000, buf) == 6); // adjacent regions read as one, then the hole
    CHECK(static_cast<char>(buf[5]) == 'f');
    CHECK(mem.read(0x1002, std::span(buf).first(2)) == 2);
    CHECK(mem.read(0x0fff, buf) == 0);
    CHECK(mem.read(0x1006, buf) == 0);
    CHECK(mem.read(0x2001, buf) == 2);
    std::uint32_t word = 0;
    CHECK_FALSE(mem.read_object(0x2000, word)); // a short read
    CHECK(mem.read_object(0x1000, word));
}

TEST_CASE("decode::read_cstring") {
    FakeMemory mem;
    std::string out;
    bool truncated = true;

    SUBCASE("a short string") {
        mem.put_cstring(0x1000, "hello");
        REQUIRE(mem.read_cstring(0x1000, 32, out, truncated));
        CHECK(out == "hello");
        CHECK_FALSE(truncated);
    }
    SUBCASE("exactly the limit: its NUL follows, not truncated") {
        mem.put_cstring(0x1000, "0123456789");
        REQUIRE(mem.read_cstring(0x1000, 10, out, truncated));
        CHECK(out == "0123456789");
        CHECK_FALSE(truncated);
    }
    SUBCASE("one more than the limit") {
        mem.put_cstring(0x1000, "0123456789a");
        REQUIRE(mem.read_cstring(0x1000, 10, out, truncated));
        CHECK(out == "0123456789");
        CHECK(truncated);
    }
    SUBCASE("empty") {
        mem.put_cstring(0x1000, "");
        REQUIRE(mem.read_cstring(0x1000, 32, out, truncated));
        CHECK(out.empty());
        CHECK_FALSE(truncated);
    }
    SUBCASE("unreadable") {
        CHECK_FALSE(mem.read_cstring(0x1000, 32, out, truncated));
    }
    SUBCASE("runs into unmapped memory") {
        mem.map(0x1000, "abcd");
        REQUIRE(mem.read_cstring(0x1000, 32, out, truncated));
        CHECK(out == "abcd");
        CHECK(truncated);
    }
    SUBCASE("long strings across pages") {
        std::string big(10000, 'x');
        mem.put_cstring(0x10ff0, big);
        REQUIRE(mem.read_cstring(0x10ff0, 9000, out, truncated));
        CHECK(out.size() == 9000);
        CHECK(truncated);
        REQUIRE(mem.read_cstring(0x10ff0, 20000, out, truncated));
        CHECK(out == big);
        CHECK_FALSE(truncated);
    }
    SUBCASE("a NUL on the next page") {
        mem.map(0x1ffe, std::string("ab") + "cd" + std::string(1, '\0'));
        REQUIRE(mem.read_cstring(0x1ffe, 4095, out, truncated));
        CHECK(out == "abcd");
        CHECK_FALSE(truncated);
    }
    SUBCASE("a short string does not read a whole page") {
        mem.put_cstring(0x1000, "short");
        REQUIRE(mem.read_cstring(0x1000, 4095, out, truncated));
        CHECK(mem.reads() == 1);
    }
}
