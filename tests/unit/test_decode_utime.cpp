// The old file-time calls: utime's struct utimbuf, utimes's and futimesat's struct timeval[2].
#include "call_fixture.hpp"
#include "trace/decode/fs.hpp"

#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <doctest/doctest.h>
#include <fcntl.h>

using trace::test::Call;
using trace::test::raw_bytes;

namespace {

// The date note add_date_note gives a time, as the strace printer renders it ("" when none).
std::string time_comment(std::int64_t sec, std::uint64_t part, int digits = 9) {
    trace::Value v = trace::Value::signed_int(sec);
    trace::add_date_note(v, sec, part, digits);
    return v.notes.empty() ? std::string() : trace::test::render(v.notes[0]);
}

constexpr std::uint64_t kPath = 0x1000;
constexpr std::uint64_t kTimes = 0x2000;

void utc() {
    setenv("TZ", "UTC", 1);
    tzset();
}

} // namespace

TEST_CASE("decode::utime") {
    utc();
    const std::int64_t times[2] = {1234567890, 0};
    Call call("utime", {kPath, kTimes});
    call.mem.put_cstring(kPath, "f");
    call.mem.map(kTimes, raw_bytes(times));
    CHECK(call.exit_with(0) ==
          "utime(\"f\", {actime=1234567890 /* 2009-02-13T23:31:30+0000 */, modtime=0}) = 0");
    Call null("utime", {kPath, 0});
    null.mem.put_cstring(kPath, "f");
    CHECK(null.exit_with(0) == "utime(\"f\", NULL) = 0");
    Call shortread("utime", {kPath, kTimes}); // only actime is mapped
    shortread.mem.put_cstring(kPath, "f");
    shortread.mem.map(kTimes, raw_bytes(times[0]));
    CHECK(shortread.exit_with(-14) == "utime(\"f\", 0x2000) = -1");
    Call quiet("utime", {kPath, kTimes}); // -e verbose=none: the address
    quiet.mem.put_cstring(kPath, "f");
    quiet.mem.map(kTimes, raw_bytes(times));
    quiet.opts.verbose_calls.assign(512, false);
    CHECK(quiet.exit_with(0) == "utime(\"f\", 0x2000) = 0");
}

TEST_CASE("decode::utimes and futimesat: microsecond dates, none out of range") {
    utc();
    const std::int64_t times[4] = {1234567890, 5, -1, 1000000};
    Call call("utimes", {kPath, kTimes});
    call.mem.put_cstring(kPath, "f");
    call.mem.map(kTimes, raw_bytes(times));
    CHECK(call.exit_with(-22) ==
          "utimes(\"f\", [{tv_sec=1234567890, tv_usec=5} /* 2009-02-13T23:31:30.000005+0000 */, "
          "{tv_sec=-1, tv_usec=1000000}]) = -1");
    const std::int64_t epoch[4] = {0, 0, 1000000000, 999999};
    Call at("futimesat", {AT_FDCWD, kPath, kTimes});
    at.mem.put_cstring(kPath, "f");
    at.mem.map(kTimes, raw_bytes(epoch));
    CHECK(at.exit_with(0) == "futimesat(AT_FDCWD, \"f\", [{tv_sec=0, tv_usec=0}, {tv_sec=1000000000, "
                             "tv_usec=999999} /* 2001-09-09T01:46:40.999999+0000 */]) = 0");
    Call half("futimesat", {5, kPath, kTimes}); // the second timeval unmapped
    half.mem.put_cstring(kPath, "f");
    half.mem.map(kTimes, raw_bytes(times).substr(0, 16));
    CHECK(half.exit_with(-9) == "futimesat(5, \"f\", 0x2000) = -1");
    Call null("utimes", {kPath, 0});
    null.mem.put_cstring(kPath, "f");
    CHECK(null.exit_with(0) == "utimes(\"f\", NULL) = 0");
}

TEST_CASE("time_comment: fraction digits and range") {
    utc();
    CHECK(time_comment(1, 5, 6) == "1970-01-01T00:00:01.000005+0000");
    CHECK(time_comment(1, 5) == "1970-01-01T00:00:01.000000005+0000");
    CHECK(time_comment(1, 0, 0) == "1970-01-01T00:00:01+0000");
    CHECK(time_comment(1, 1000000, 6).empty());
    CHECK(time_comment(1, 1000000000).empty());
    CHECK(time_comment(0, 0).empty());
    CHECK(time_comment(-1, 0, 0) == "1969-12-31T23:59:59+0000");
}
