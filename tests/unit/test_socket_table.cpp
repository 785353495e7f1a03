// The socket tables of /proc/PID/net from fabricated text: the one parser behind -yy and --fd-stats,
// the strace text and the JSON of what it finds.
#include "decode_fixture.hpp"
#include "trace/decode/socket_table.hpp"
#include "trace/report/fd_stats_tracker.hpp"
#include "trace/report/json.hpp"

#include <doctest/doctest.h>
#include <map>
#include <string>

using namespace trace;
using namespace trace::test;

namespace {

constexpr std::string_view kInetHeader =
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

const SocketTable& table(std::string_view protocol) {
    const SocketTable* t = socket_table(protocol);
    REQUIRE(t != nullptr);
    return *t;
}

// The strace text of what the table says of inode, or "" when it says nothing.
std::string found(std::string_view protocol, const std::string& text, unsigned long inode) {
    const auto v = find_socket(table(protocol), text, inode);
    return v ? render(*v) : "";
}

std::string json(const Value& v) {
    fmt::memory_buffer out;
    append_json_value(out, v);
    return fmt::to_string(out);
}

} // namespace

TEST_CASE("socket_table::inet lines: local, remote when connected, IPv6 in brackets") {
    const std::string tcp =
        std::string(kInetHeader) +
        "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 1 "
        "0000000000000000 100 0 0 10 0\n"
        "   1: 0100007F:1F90 0100007F:0FA0 01 00000000:00000000 00:00000000 00000000     0        0 777 1\n";
    CHECK(found("TCP", tcp, 12345) == "TCP:[127.0.0.1:8080]");
    CHECK(found("TCP", tcp, 777) == "TCP:[127.0.0.1:8080->127.0.0.1:4000]");
    CHECK(found("TCP", tcp, 999).empty());
    CHECK(found("TCP", tcp, 0).empty()); // the header is no socket
    const std::string tcp6 =
        std::string(kInetHeader) +
        "   0: 00000000000000000000000001000000:0050 00000000000000000000000000000000:0000 0A "
        "00000000:00000000 00:00000000 00000000     0        0 42 1\n"
        "   1: 0000000000000000FFFF00000100007F:0050 0000000000000000FFFF00000200007F:D431 01 "
        "00000000:00000000 00:00000000 00000000     0        0 43 1\n";
    CHECK(found("TCPv6", tcp6, 42) == "TCPv6:[[::1]:80]");
    CHECK(found("TCPv6", tcp6, 43) == "TCPv6:[[::ffff:127.0.0.1]:80->[::ffff:127.0.0.2]:54321]");
    // strace's rule: connected when the remote address or port is not 0 (a raw socket's port is 0)
    const std::string raw =
        std::string(kInetHeader) +
        "   1: 00000000:0001 0200000A:0000 07 00000000:00000000 00:00000000 00000000     0 "
        "       0 55 2 0000000000000000 0\n";
    CHECK(found("RAW", raw, 55) == "RAW:[0.0.0.0:1->10.0.0.2:0]");
}

TEST_CASE("socket_table::lines that cannot be parsed say nothing") {
    CHECK(found("TCP", std::string(kInetHeader) + "garbage 42\n", 42).empty());
    CHECK(found("TCP", std::string(kInetHeader) + "   0: 0100007F:1F90 00000000:0000 0A\n", 42).empty());
    // an IPv6 address in an IPv4 table, a port that is no hex
    CHECK(found("TCP",
                std::string(kInetHeader) +
                    "   0: 00000000000000000000000001000000:0050 00000000:0000 0A 0:0 0:0 0 0 0 42 1\n",
                42)
              .empty());
    CHECK(
        found("UDP", std::string(kInetHeader) + "   0: 0100007F:XY 00000000:0000 07 0:0 0:0 0 0 0 42 1\n", 42)
            .empty());
    CHECK(found("TCP", "", 42).empty());
}

TEST_CASE("socket_table::netlink lines: the protocol's name and the port id") {
    const std::string netlink =
        "sk               Eth Pid        Groups   Rmem     Wmem     Dump  Locks    Drops    Inode\n"
        "ffff8f0a4b6c5000 0   4242       00000000 0        0        0     2        0        9001\n"
        "ffff8f0a4b6c6000 99  17         00000000 0        0        0     2        0        9002\n";
    CHECK(found("NETLINK", netlink, 9001) == "NETLINK:[ROUTE:4242]");
    CHECK(found("NETLINK", netlink, 9002) == "NETLINK:[99]");
    CHECK(found("NETLINK", netlink, 9003).empty());
}

TEST_CASE("socket_table::unix lines: the name as the table shows it") {
    const std::string unix_table = "Num       RefCount Protocol Flags    Type St Inode Path\n"
                                   "0000000000000000: 00000002 00000000 00010000 0001 01 501 /run/a b\n"
                                   "0000000000000000: 00000002 00000000 00000000 0002 01 502 @abstract\n"
                                   "0000000000000000: 00000003 00000000 00000000 0001 03 503\n";
    CHECK(found("UNIX", unix_table, 501) == "UNIX:[501,\"/run/a b\"]");
    CHECK(found("UNIX", unix_table, 502) == "UNIX:[502,\"@abstract\"]");
    CHECK(found("UNIX", unix_table, 503) == "UNIX:[503]");
}

TEST_CASE("socket_table::what sock_diag adds: peers, abstract names, quoted") {
    Value v = socket_value("UNIX-STREAM", 7);
    CHECK(render(v) == "UNIX-STREAM:[7]");
    v.add("peer", Value::unsigned_int(8));
    CHECK(render(v) == "UNIX-STREAM:[7->8]");
    Value named = v;
    named.add("abstract", Value::string("a\"b\n", false));
    CHECK(render(named) == "UNIX-STREAM:[7->8,@\"a\\\"b\\n\"]");
    // -x does not apply to the name, as in strace
    PrintOptions hex;
    hex.xmode = XMode::all;
    CHECK(render(named, hex) == "UNIX-STREAM:[7->8,@\"a\\\"b\\n\"]");
    Value path = socket_value("UNIX", 9);
    path.add("path", Value::string("/tmp/s\x01"
                                   "7",
                                   false));
    CHECK(render(path) == "UNIX:[9,\"/tmp/s\\0017\"]");
}

TEST_CASE("socket_table::JSON gets the structure") {
    const std::string tcp =
        std::string(kInetHeader) +
        "   1: 0100007F:1F90 0100007F:0FA0 01 00000000:00000000 00:00000000 00000000     0        0 777 1\n";
    const auto v = find_socket(table("TCP"), tcp, 777);
    REQUIRE(v);
    CHECK(json(*v) == R"({"protocol":"TCP","inode":777,"local":{"address":"127.0.0.1","port":8080},)"
                      R"("remote":{"address":"127.0.0.1","port":4000}})");
    Value fd = Value::fd(5);
    fd.add("socket", *v);
    CHECK(render(fd) == "5<TCP:[127.0.0.1:8080->127.0.0.1:4000]>");
    CHECK(json(fd) == R"({"fd":5,"socket":{"protocol":"TCP","inode":777,"local":{"address":"127.0.0.1",)"
                      R"("port":8080},"remote":{"address":"127.0.0.1","port":4000}}})");
    Value unix_socket = socket_value("UNIX-STREAM", 7);
    unix_socket.add("peer", Value::unsigned_int(8));
    unix_socket.add("abstract", Value::string("x", false));
    CHECK(json(unix_socket) == R"({"protocol":"UNIX-STREAM","inode":7,"peer":8,"abstract":"x"})");
}

TEST_CASE("socket_table::find_socket_in_tables looks in every table it can read") {
    std::map<std::string, std::string, std::less<>> files;
    std::vector<std::string> asked;
    const SocketTableReader read = [&](std::string_view file) -> std::optional<std::string> {
        asked.emplace_back(file);
        const auto it = files.find(file);
        if (it == files.end()) return std::nullopt;
        return it->second;
    };
    files["udp6"] = std::string(kInetHeader) +
                    "   0: 00000000000000000000000000000000:0035 "
                    "00000000000000000000000000000000:0000 07 0:0 0:0 0 0 0 61 2\n";
    files["netlink"] = "header\nffff 16 0 00000000 0 0 0 2 0 62\n";
    files["icmp"] = std::string(kInetHeader) + "   0: 00000000:0003 00000000:0000 07 0:0 0:0 0 0 0 63 2\n";
    const auto udp = find_socket_in_tables(61, read);
    REQUIRE(udp);
    CHECK(render(*udp) == "UDPv6:[[::]:53]");
    const auto netlink = find_socket_in_tables(62, read);
    REQUIRE(netlink);
    CHECK(render(*netlink) == "NETLINK:[GENERIC:0]");
    const auto ping = find_socket_in_tables(63, read);
    REQUIRE(ping);
    CHECK(render(*ping) == "PING:[0.0.0.0:3]");
    asked.clear();
    CHECK_FALSE(find_socket_in_tables(64, read));
    CHECK(asked.size() == socket_tables().size()); // each table once, none failing the search
}

TEST_CASE("socket_table::--fd-stats describes socket targets with the same parser") {
    const std::map<std::string, std::string, std::less<>> files{
        {"tcp", std::string(kInetHeader) + "   0: 0100007F:1F90 0100007F:0FA0 01 0:0 0:0 0 0 0 77 1\n"},
        {"unix", "Num RefCount Protocol Flags Type St Inode Path\n0: 2 0 10000 1 1 78 /run/x.sock\n"},
    };
    const SocketTableReader read = [&](std::string_view file) -> std::optional<std::string> {
        const auto it = files.find(file);
        if (it == files.end()) return std::nullopt;
        return it->second;
    };
    CHECK(describe_socket_target("socket:[77]", read) == "TCP:[127.0.0.1:8080->127.0.0.1:4000]");
    CHECK(describe_socket_target("socket:[78]", read) == "UNIX:[78,\"/run/x.sock\"]");
    CHECK(describe_socket_target("socket:[79]", read) == std::nullopt);
    CHECK(describe_socket_target("pipe:[77]", read) == std::nullopt);
}
