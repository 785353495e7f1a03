// iovec arrays and the -e read=/write= dumps, with their hex layout.
#include "call_fixture.hpp"
#include "trace/report/hex_dump.hpp"

#include <doctest/doctest.h>
#include <sys/uio.h>

using namespace trace;
using namespace trace::test;

namespace {

constexpr std::uint64_t kVec = 0x2000;
constexpr std::uint64_t kData = 0x3000;

std::string dump_text(const std::vector<DataDump>& dumps) {
    fmt::memory_buffer out;
    for (const DataDump& d : dumps)
        append_hex_dump(out, d);
    return fmt::to_string(out);
}

} // namespace

TEST_CASE("decode::iovec data to the kernel, every element's bytes") {
    Call c("writev", {5, kVec, 3});
    const iovec iov[3] = {{reinterpret_cast<void*>(kData), 5},
                          {reinterpret_cast<void*>(kData + 5), 1},
                          {reinterpret_cast<void*>(kData + 6), 6}};
    c.mem.map(kVec, raw_bytes(iov));
    c.mem.map(kData, "hello world\n");
    CHECK(c.exit_with(12) == "writev(5, [{iov_base=\"hello\", iov_len=5}, {iov_base=\" \", iov_len=1}, "
                             "{iov_base=\"world\\n\", iov_len=6}], 3) = 12");
}

TEST_CASE("decode::iovec data from the kernel up to the return value; addresses when failed") {
    const iovec iov[3] = {{reinterpret_cast<void*>(kData), 2},
                          {reinterpret_cast<void*>(kData + 2), 5},
                          {reinterpret_cast<void*>(kData + 7), 3}};
    Call c("readv", {3, kVec, 3});
    c.mem.map(kVec, raw_bytes(iov));
    c.mem.map(kData, "xyz\0\0\0\0\0\0\0");
    CHECK(c.entry() == "readv(3, ");
    CHECK(c.exit_with(3) == "readv(3, [{iov_base=\"xy\", iov_len=2}, {iov_base=\"z\", iov_len=5}, "
                            "{iov_base=\"\", iov_len=3}], 3) = 3");
    Call failed("readv", {3, kVec, 2});
    failed.mem.map(kVec, raw_bytes(iov));
    CHECK(failed.exit_with(-EBADF) ==
          "readv(3, [{iov_base=0x3000, iov_len=2}, {iov_base=0x3002, iov_len=5}], 2) = -1");
}

TEST_CASE("decode::iovec arrays cut by -s, by unmapped memory, or unreadable") {
    std::vector<iovec> many(40, iovec{reinterpret_cast<void*>(kData), 1});
    Call c("writev", {5, kVec, 40});
    c.mem.map(kVec, std::string(reinterpret_cast<const char*>(many.data()), many.size() * sizeof(iovec)));
    c.mem.map(kData, "a");
    c.opts.string_limit = 2;
    CHECK(c.exit_with(40) ==
          "writev(5, [{iov_base=\"a\", iov_len=1}, {iov_base=\"a\", iov_len=1}, ...], 40) = 40");

    Call cut("writev", {5, kVec, 3});
    cut.mem.map(kVec, raw_bytes(many[0]));
    cut.mem.map(kData, "a");
    CHECK(cut.exit_with(1) == "writev(5, [{iov_base=\"a\", iov_len=1}, ... /* 0x2010 */], 3) = 1");

    CHECK(Call("writev", {5, kVec, 3}).exit_with(-EFAULT) == "writev(5, 0x2000, 3) = -1");
    CHECK(Call("writev", {5, 0, 0}).exit_with(0) == "writev(5, NULL, 0) = 0");

    Call bad_base("writev", {5, kVec, 1});
    const iovec unmapped{reinterpret_cast<void*>(0x9000), 4};
    bad_base.mem.map(kVec, raw_bytes(unmapped));
    CHECK(bad_base.exit_with(-EFAULT) == "writev(5, [{iov_base=0x9000, iov_len=4}], 1) = -1");
}

TEST_CASE("decode::dumps: -e write= dumps what was written, even when the call failed") {
    Call c("write", {4, kData, 3});
    c.mem.map(kData, "abc");
    c.opts.dump_write = DescriptorSet{{4}, false};
    c.exit_with(-EPIPE);
    CHECK(dump_text(c.dumps) ==
          " | 00000  61 62 63                                          abc              |\n");

    Call other("write", {5, kData, 3});
    other.mem.map(kData, "abc");
    other.opts.dump_write = DescriptorSet{{4}, false};
    other.exit_with(3);
    CHECK(other.dumps.empty());
    Call all_but("write", {5, kData, 3});
    all_but.mem.map(kData, "abc");
    all_but.opts.dump_write = DescriptorSet{{4}, true};
    all_but.exit_with(3);
    CHECK(all_but.dumps.size() == 1);
}

TEST_CASE("decode::dumps: -e read= dumps what was read, per buffer for readv") {
    Call r("read", {3, kData, 100});
    r.mem.map(kData, std::string("hello, world! this is a longer line of text\n\001\377\0", 47));
    r.opts.dump_read = DescriptorSet{{3}, false};
    r.exit_with(47);
    CHECK(dump_text(r.dumps) ==
          " | 00000  68 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 20 74 68  hello, world! th |\n"
          " | 00010  69 73 20 69 73 20 61 20  6c 6f 6e 67 65 72 20 6c  is is a longer l |\n"
          " | 00020  69 6e 65 20 6f 66 20 74  65 78 74 0a 01 ff 00     ine of text....  |\n");

    Call failed("read", {3, kData, 100});
    failed.opts.dump_read = DescriptorSet{{3}, false};
    failed.exit_with(-EAGAIN);
    CHECK(failed.dumps.empty());

    const iovec iov[3] = {{reinterpret_cast<void*>(kData), 2},
                          {reinterpret_cast<void*>(kData + 2), 5},
                          {reinterpret_cast<void*>(kData + 7), 3}};
    Call v("readv", {3, kVec, 3});
    v.mem.map(kVec, raw_bytes(iov));
    v.mem.map(kData, std::string(10, 'x'));
    v.opts.dump_read = DescriptorSet{{}, true};
    v.exit_with(3);
    CHECK(dump_text(v.dumps) ==
          " * 2 bytes in buffer 0\n"
          " | 00000  78 78                                             xx               |\n"
          " * 1 bytes in buffer 1\n"
          " | 00000  78                                                x                |\n");
}

TEST_CASE("decode::preadv2 and pwritev2: the offset's high half is not printed, the flags are") {
    const iovec iov{reinterpret_cast<void*>(kData), 2};
    Call c("pwritev2", {3, kVec, 1, 0, 0, 0x3});
    c.mem.map(kVec, raw_bytes(iov));
    c.mem.map(kData, "ab");
    CHECK(c.exit_with(2) == "pwritev2(3, [{iov_base=\"ab\", iov_len=2}], 1, 0, RWF_HIPRI|RWF_DSYNC) = 2");
    Call r("preadv2", {3, kVec, 1, 0, 0, 0x108});
    r.mem.map(kVec, raw_bytes(iov));
    r.mem.map(kData, "ab");
    CHECK(r.exit_with(2) == "preadv2(3, [{iov_base=\"ab\", iov_len=2}], 1, 0, RWF_NOWAIT|0x100) = 2");
    CHECK(Call("sync_file_range", {3, 0, 0, 3}).exit_with(0) ==
          "sync_file_range(3, 0, 0, SYNC_FILE_RANGE_WAIT_BEFORE|SYNC_FILE_RANGE_WRITE) = 0");
}
