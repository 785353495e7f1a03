// -y/-yy descriptor descriptions, -X raw/verbose, -e raw=/verbose=/abbrev= as the decoders and the
// printer apply them.
#include "call_fixture.hpp"
#include "trace/decode/fd_info.hpp"
#include "trace/decode/socket_table.hpp"
#include "trace/report/json.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace trace;
using namespace trace::test;

namespace {

constexpr std::uint64_t kPath = 0x1000;

Value described(int fd, const FdDecoding& what) {
    Value v = Value::fd(fd);
    describe_fd(v, getpid(), fd, what);
    return v;
}

} // namespace

TEST_CASE("print_value::fd descriptions in angle brackets") {
    Value path = Value::fd(3);
    path.add("path", Value::string("/etc/passwd", false));
    CHECK(render(path) == "3</etc/passwd>");
    Value odd = Value::fd(4);
    odd.add("path", Value::string("/tmp/a<b>\nc", false));
    odd.add("deleted", Value::unknown());
    CHECK(render(odd) == "4</tmp/a\\74b\\76\\nc>(deleted)");
    Value dev = Value::fd(5);
    dev.add("path", Value::string("/dev/null", false));
    Value numbers = Value::structure();
    numbers.add("type", Value::name("char"));
    numbers.add("major", Value::unsigned_int(1));
    numbers.add("minor", Value::unsigned_int(3));
    dev.add("dev", numbers);
    CHECK(render(dev) == "5</dev/null<char 1:3>>");
    fmt::memory_buffer json;
    append_json_value(json, dev);
    CHECK(fmt::to_string(json) == R"({"fd":5,"path":"/dev/null","dev":{"type":"char","major":1,"minor":3}})");
    Value sock = Value::fd(6);
    Value tcp = socket_value("TCP", 1234);
    tcp.add("local", socket_endpoint("127.0.0.1", 80));
    tcp.add("remote", socket_endpoint("127.0.0.1", 4000));
    sock.add("socket", tcp);
    CHECK(render(sock) == "6<TCP:[127.0.0.1:80->127.0.0.1:4000]>");
    Value pidfd = Value::fd(7);
    pidfd.add("pid", Value::signed_int(1234));
    CHECK(render(pidfd) == "7<pid:1234>");
    Value cwd = Value::symbol("AT_FDCWD", static_cast<std::uint64_t>(-100), ValueType::Signed);
    cwd.add("path", Value::string("/home", false));
    CHECK(render(cwd) == "AT_FDCWD</home>");
    PrintOptions raw;
    raw.raw_constants = true;
    CHECK(render(cwd, raw) == "-100</home>");
    CHECK(render(Value::fd(3)) == "3");
}

TEST_CASE("decode::describe_fd reads /proc for this process") {
    char dir[] = "/tmp/trace-fdinfo-XXXXXX";
    REQUIRE(mkdtemp(dir) != nullptr);
    const std::string file = std::string(dir) + "/f";
    const int fd = open(file.c_str(), O_RDWR | O_CREAT, 0600);
    REQUIRE(fd >= 0);
    FdDecoding paths;
    paths.path = true;
    CHECK(render(described(fd, paths)) == std::to_string(fd) + "<" + file + ">");
    unlink(file.c_str());
    CHECK(render(described(fd, paths)) == std::to_string(fd) + "<" + file + ">(deleted)");
    close(fd);
    rmdir(dir);
    CHECK(render(described(fd, paths)) == std::to_string(fd)); // closed: nothing to say

    const int null = open("/dev/null", O_RDONLY);
    FdDecoding all;
    all.path = all.socket = all.dev = all.pidfd = true;
    CHECK(render(described(null, all)) == std::to_string(null) + "</dev/null<char 1:3>>");
    FdDecoding sockets_only;
    sockets_only.socket = true;
    CHECK(render(described(null, sockets_only)) == std::to_string(null));
    close(null);
}

TEST_CASE("decode::-e raw= prints every argument and the result in hex") {
    Call c("openat", {static_cast<std::uint32_t>(AT_FDCWD), kPath, O_RDONLY | O_CLOEXEC, 0});
    c.opts.raw_calls = std::vector<bool>(300, true);
    c.mem.put_cstring(kPath, "/etc/passwd");
    CHECK(c.exit_with(3) == "openat(0xffffff9c, 0x1000, 0x80000, 0) = 0x3");
    Call other("close", {3});
    other.opts.raw_calls = std::vector<bool>(1, false);
    CHECK(other.exit_with(0) == "close(3) = 0");
}

TEST_CASE("print_value::-X verbose: numbers with the names as comments") {
    PrintOptions verbose;
    verbose.verbose_constants = true;
    Call c("openat", {static_cast<std::uint32_t>(AT_FDCWD), kPath, O_WRONLY | O_CREAT, 0640});
    c.mem.put_cstring(kPath, "f");
    CHECK(c.exit_with(3, verbose) ==
          "openat(-100 /* AT_FDCWD */, \"f\", 0x41 /* O_WRONLY|O_CREAT */, 0640) = 3");
    Call seek("lseek", {3, 0, 7});
    CHECK(seek.exit_with(-EINVAL, verbose) == "lseek(3, 0, 0x7 /* SEEK_??? */) = -1");
}

TEST_CASE("decode::-e abbrev= applies per call") {
    struct stat st {};
    st.st_mode = S_IFREG | 0644;
    st.st_size = 5;
    constexpr std::uint64_t kBuf = 0x2000;
    Call abbreviated("fstat", {3, kBuf});
    abbreviated.opts.verbose = false;
    abbreviated.mem.map(kBuf, raw_bytes(st));
    CHECK(abbreviated.exit_with(0) == "fstat(3, {st_mode=S_IFREG|0644, st_size=5, ...}) = 0");
    Call other("fstat", {3, kBuf});
    other.opts.abbrev_calls = std::vector<bool>(1, true); // only syscall 0 (read) abbreviated
    other.mem.map(kBuf, raw_bytes(st));
    CHECK(other.exit_with(0).starts_with("fstat(3, {st_dev=makedev(0, 0), st_ino=0, st_mode=S_IFREG|0644,"));
}
