#pragma once
// What -y and -yy show about a descriptor, found at decode time in /proc/PID/fd (the path), the
// socket tables (endpoints), the device numbers and /proc/PID/fdinfo (a pidfd's process).
//
// The description goes into the Fd value's fields, which the printer shows in angle brackets:
//   {"path", String}                 3</etc/passwd>        (+ {"deleted"}: 3</tmp/x>(deleted))
//   {"path", String}, {"dev", Struct {"type", Value::name("char"), "major", "minor"}}
//                                    3</dev/null<char 1:3>>
//   {"socket", socket Struct}        5<TCP:[127.0.0.1:41234->127.0.0.1:8080]> (socket_table.hpp)
//   {"pid", Signed}                  7<pid:1234>
#include "trace/decode/decoder.hpp"
#include "trace/decode/value.hpp"

#include <optional>
#include <string>
#include <sys/types.h>

namespace trace {

// fd as a Value, described as ctx.opts.fds asks (nothing when no -y).
Value fd_value(const DecodeContext& ctx, int fd);

// Adds to v (an Fd, or the AT_FDCWD symbol with fd = AT_FDCWD: the working directory) the description
// of descriptor fd of process pid. Does nothing when the descriptor cannot be looked at.
void describe_fd(Value& v, pid_t pid, int fd, const FdDecoding& what);

// The -yy description of a socket given its protocol name (the "system.sockprotoname" attribute: TCP,
// UDPv6, UNIX-STREAM, NETLINK...) and inode, as socket_table.hpp lays it out: TCP:[127.0.0.1:8080],
// UNIX-STREAM:[7->8]. Asks sock_diag, then the socket tables of process pid; nothing when the protocol
// is not one it knows.
std::optional<Value> socket_details(pid_t pid, const std::string& proto, unsigned long inode);

} // namespace trace
