#pragma once
// The socket tables of /proc/PID/net (tcp, tcp6, udp, udp6, udplite[6], raw[6], icmp[6], netlink, unix)
// and what they say about a socket, found by its inode: the one parser behind -yy (when sock_diag does
// not answer) and --fd-stats (which knows no protocol and looks in every table).
//
// A socket is described by a Struct whose text is "socket" (the printers know it by that):
//   {"protocol", Value::name("TCP")}, {"inode", Unsigned}                   TCP:[1234]
//   + {"local", Endpoint}[, {"remote", Endpoint}]   Endpoint: {"address", Value::literal("::1"),
//                                                   "port", Unsigned}       TCP:[127.0.0.1:80->[::1]:4000]
//   + {"netlink_protocol", Symbol NETLINK_ROUTE or Unsigned}, {"portid"}    NETLINK:[ROUTE:1234]
//   + [{"peer", Unsigned}], [{"path", String} or {"abstract", String}]      UNIX-STREAM:[7->8,@"name"]
// strace prints the inode only when it has nothing else to say (no endpoints, no netlink protocol).
#include "trace/decode/value.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace trace {

enum class SocketTableFormat : std::uint8_t { inet, inet6, netlink, unix_domain };

struct SocketTable {
    std::string_view protocol; // as strace shows it, the socket's "system.sockprotoname": TCP, UDPv6
    std::string_view file;     // in /proc/PID/net
    SocketTableFormat format;
    std::uint8_t ip_protocol; // inet: the protocol a sock_diag request names
};

// Every table, in the order --fd-stats searches them.
std::span<const SocketTable> socket_tables();
// The table of a protocol name ("TCP", "NETLINK", "UNIX"); nullptr when none is.
const SocketTable* socket_table(std::string_view protocol);

// A socket's description with nothing known but its protocol and inode: TCP:[1234].
Value socket_value(std::string_view protocol, unsigned long inode);
// An address and a port: the address as inet_ntop writes it ("127.0.0.1", "::1").
Value socket_endpoint(std::string address, unsigned port);

// The socket with that inode in the text of a table; nothing when it is not there or its line cannot be
// parsed. /proc/net/unix writes an abstract name with '@' for its leading 0, and says nothing of peers:
// its name is a "path" as the table shows it.
std::optional<Value> find_socket(const SocketTable& table, std::string_view text, unsigned long inode);

// The text of a table ("tcp"), or nothing when it cannot be read.
using SocketTableReader = std::function<std::optional<std::string>(std::string_view file)>;
// Reads /proc/PID/net/FILE.
SocketTableReader proc_net_reader(pid_t pid);

// The socket with that inode in whichever table holds it.
std::optional<Value> find_socket_in_tables(unsigned long inode, const SocketTableReader& read);

} // namespace trace
