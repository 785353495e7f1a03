// socket's domain, type and protocol; socket addresses with their lengths; send/recv flags; shutdown.
#include "trace/decode/net.hpp"
#include "trace/decode/arg_decoders.hpp"
#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <sys/socket.h>

namespace trace {

namespace {

constexpr std::uint32_t kSockTypeMask = 0xf;

// An int the pointer points to, or nothing.
bool read_int(const DecodeContext& ctx, std::uint64_t addr, std::int32_t& out) {
    return addr != 0 && ctx.mem.read_object(addr, out);
}

Value in_brackets(std::int64_t n) {
    Value v = Value::array();
    v.push(Value::signed_int(n));
    return v;
}

} // namespace

Value decode_sock_family(const DecodeContext& ctx, int i) {
    return enum_value(flagsets::address_families, low32(ctx.arg(i)), "AF_???");
}

// The type by name, then the flags; an unknown type goes with the flags: SOCK_CLOEXEC|0x58.
Value decode_sock_type(const DecodeContext& ctx, int i) {
    const std::uint32_t type = low32(ctx.arg(i));
    const char* name = enum_name(flagsets::socket_types, type & kSockTypeMask);
    if (name == nullptr) return flags_value(flagsets::socket_type_flags, type, "SOCK_???");
    Value v = Value::flags(type);
    v.push(Value::symbol(name, type & kSockTypeMask));
    if (const std::uint32_t rest = type & ~kSockTypeMask; rest != 0)
        add_part(v, flags_value(flagsets::socket_type_flags, rest));
    return v;
}

Value decode_sock_protocol(const DecodeContext& ctx, int i) {
    const std::uint32_t protocol = low32(ctx.arg(i));
    switch (low32(ctx.arg(0))) {
    case AF_INET:
    case AF_INET6:
        return enum_value(flagsets::ip_protocols, protocol, "IPPROTO_???", ValueType::Unsigned);
    case AF_NETLINK:
        return enum_value(flagsets::netlink_protocols, protocol, "NETLINK_???", ValueType::Unsigned);
    case AF_PACKET: {
        const std::uint16_t proto = ntohs(static_cast<std::uint16_t>(protocol));
        Value v = Value::call("htons");
        if (const char* name = enum_name(flagsets::ethernet_protocols, proto))
            v.push(Value::symbol(name, proto));
        else
            v.push(Value::hex(proto).with_width(6));
        return v.with_raw(protocol);
    }
    default:
        return Value::unsigned_int(protocol);
    }
}

Value decode_sock_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::socket_type_flags, low32(ctx.arg(i)), "SOCK_???");
}

Value decode_sockaddr_in(const DecodeContext& ctx, int i) {
    return sockaddr_at(ctx, ctx.arg(i), low32(ctx.arg(i + 1)));
}

// accept's, getsockname's and recvfrom's address: as long as the kernel says, within the buffer's size.
Value decode_sockaddr_out(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    if (!ctx.call.exiting) return Value::address(addr);
    std::int32_t len = 0;
    if (addr == 0) return Value::address(0);
    if (!read_int(ctx, ctx.arg(i + 1), len) || len < 0) return Value::address(addr);
    std::uint64_t shown = static_cast<std::uint32_t>(len);
    const Value* before = ctx.entry_value(i + 1);
    if (before != nullptr && before->type == ValueType::Array && !before->fields.empty())
        shown = std::min<std::uint64_t>(shown, before->fields[0].value.num);
    return sockaddr_at(ctx, addr, shown);
}

// A socklen_t the kernel reads and rewrites: [16] at entry; at exit [28 => 16] when it changed.
Value decode_socklen_inout(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    std::int32_t len = 0;
    if (!ctx.call.exiting) return read_int(ctx, addr, len) ? in_brackets(len) : Value::address(addr);
    const Value* before = ctx.entry_value(i);
    const bool had = before != nullptr && before->type == ValueType::Array && !before->fields.empty();
    if (ctx.call.failed) return had ? *before : Value::address(addr);
    if (!read_int(ctx, addr, len)) return Value::address(addr);
    if (!had || before->fields[0].value.as_signed() == len) return in_brackets(len);
    Value v = Value::array();
    v.push(Value::changed(before->fields[0].value, Value::signed_int(len)));
    return v;
}

Value decode_msg_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::msg_flags, low32(ctx.arg(i)), "MSG_???");
}

Value decode_shutdown_how(const DecodeContext& ctx, int i) {
    return enum_value(flagsets::shutdown_modes, low32(ctx.arg(i)), "SHUT_???", ValueType::Unsigned);
}

} // namespace trace
