#pragma once
// Decoders of the network family: socket's domain, type and protocol, socket addresses and their
// lengths, socket options, send and receive flags, msghdr and mmsghdr with their iovecs and control
// messages (one per ArgKind, registered in src/decode/registry.cpp).
#include "trace/decode/decoder.hpp"
#include "trace/decode/io_dump.hpp"
#include "trace/decode/value.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace trace {

// sockaddr.cpp: a socket address of len bytes as strace prints it: {sa_family=AF_INET, sin_port=htons(80),
// sin_addr=inet_addr("127.0.0.1")}; the address when it cannot be read, NULL for NULL.
Value sockaddr_at(const DecodeContext& ctx, std::uint64_t addr, std::uint64_t len);
// The same from bytes already read (unit tests, msghdr's msg_name).
Value sockaddr_value(std::string_view bytes);

// net.cpp
Value decode_sock_family(const DecodeContext& ctx, int i);
Value decode_sock_type(const DecodeContext& ctx, int i);
Value decode_sock_protocol(const DecodeContext& ctx, int i); // depends on the family, argument 0
Value decode_sock_flags(const DecodeContext& ctx, int i);    // accept4's SOCK_CLOEXEC|SOCK_NONBLOCK
Value decode_sockaddr_in(const DecodeContext& ctx, int i);   // its length: the next argument
Value decode_sockaddr_out(const DecodeContext& ctx, int i);  // its length: *the next argument, at exit
Value decode_socklen_inout(const DecodeContext& ctx, int i); // [16], [28 => 16]
Value decode_msg_flags(const DecodeContext& ctx, int i);
Value decode_shutdown_how(const DecodeContext& ctx, int i);

// sockopt.cpp: level, name (depends on the level before it) and value (on both, and the length after it).
Value decode_sock_level(const DecodeContext& ctx, int i);
Value decode_sockopt_name(const DecodeContext& ctx, int i);
Value decode_sockopt_in(const DecodeContext& ctx, int i);
Value decode_sockopt_out(const DecodeContext& ctx, int i);

// msghdr.cpp
Value decode_msghdr_in(const DecodeContext& ctx, int i);  // sendmsg
Value decode_msghdr_out(const DecodeContext& ctx, int i); // recvmsg, at exit
Value decode_mmsghdrs(const DecodeContext& ctx, int i);   // sendmmsg, recvmmsg: at exit, ret entries
void dump_msghdr(const DecodeContext& ctx, std::uint64_t addr, std::uint64_t limit,
                 std::vector<DataDump>& out);
void dump_mmsghdrs(const DecodeContext& ctx, std::uint64_t addr, std::uint64_t count,
                   std::vector<DataDump>& out);

} // namespace trace
