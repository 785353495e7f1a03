// setsockopt and getsockopt: the level, the option's name in that level, and its value.
#include "trace/decode/arg_decoders.hpp"
#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"
#include "trace/decode/net.hpp"

#include <sys/socket.h>

namespace trace {

namespace {

constexpr std::uint32_t kSolSocket = 1, kSolIp = 0, kSolTcp = 6, kSolUdp = 17, kSolIpv6 = 41,
                        kSolNetlink = 270;
constexpr std::uint32_t kSoLinger = 13, kSoPeercred = 17;

struct OptionNames {
    FlagTable table;
    const char* unknown;
};

bool names_for(std::uint32_t level, OptionNames& out) {
    switch (level) {
    case kSolSocket:
        out = {flagsets::socket_options, "SO_???"};
        return true;
    case kSolIp:
        out = {flagsets::ip_options, "IP_???"};
        return true;
    case kSolTcp:
        out = {flagsets::tcp_options, "TCP_???"};
        return true;
    case kSolUdp:
        out = {flagsets::udp_options, "UDP_???"};
        return true;
    case kSolIpv6:
        out = {flagsets::ipv6_options, "IPV6_???"};
        return true;
    case kSolNetlink:
        out = {flagsets::netlink_options, "NETLINK_???"};
        return true;
    default:
        return false;
    }
}

// An option's value of len bytes at addr: [1], {l_onoff=1, l_linger=5}, {pid=1, uid=0, gid=0}, or the bytes.
Value option_value(const DecodeContext& ctx, std::uint32_t level, std::uint32_t name, std::uint64_t addr,
                   std::int64_t len) {
    if (addr == 0 || len < 0 || !ctx.deref()) return Value::address(addr);
    if (len == sizeof(std::int32_t)) {
        std::int32_t n = 0;
        if (!ctx.mem.read_object(addr, n)) return Value::address(addr);
        Value v = Value::array();
        v.push(Value::signed_int(n));
        return v;
    }
    if (level == kSolSocket && name == kSoLinger && len >= static_cast<std::int64_t>(sizeof(linger))) {
        linger l{};
        if (!ctx.mem.read_object(addr, l)) return Value::address(addr);
        Value v = Value::structure();
        v.add("l_onoff", Value::signed_int(l.l_onoff));
        v.add("l_linger", Value::signed_int(l.l_linger));
        return v;
    }
    if (level == kSolSocket && name == kSoPeercred && len >= static_cast<std::int64_t>(sizeof(ucred))) {
        ucred cred{};
        if (!ctx.mem.read_object(addr, cred)) return Value::address(addr);
        Value v = Value::structure();
        v.add("pid", Value::signed_int(cred.pid));
        v.add("uid", Value::unsigned_int(cred.uid));
        v.add("gid", Value::unsigned_int(cred.gid));
        return v;
    }
    return buffer_at(ctx.mem, addr, static_cast<std::uint64_t>(len), ctx.opts.string_limit);
}

} // namespace

Value decode_sock_level(const DecodeContext& ctx, int i) {
    return enum_value(flagsets::socket_levels, static_cast<std::uint32_t>(ctx.arg(i)), "SOL_??");
}

Value decode_sockopt_name(const DecodeContext& ctx, int i) {
    const auto name = static_cast<std::uint32_t>(ctx.arg(i));
    OptionNames names{};
    if (!names_for(static_cast<std::uint32_t>(ctx.arg(i - 1)), names)) return Value::unsigned_int(name);
    return enum_value(names.table, name, names.unknown);
}

Value decode_sockopt_in(const DecodeContext& ctx, int i) {
    const auto len = static_cast<std::int32_t>(static_cast<std::uint32_t>(ctx.arg(i + 1)));
    return option_value(ctx, static_cast<std::uint32_t>(ctx.arg(i - 2)),
                        static_cast<std::uint32_t>(ctx.arg(i - 1)), ctx.arg(i), len);
}

// getsockopt's value at exit, as long as the kernel says.
Value decode_sockopt_out(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    if (!ctx.call.exiting || ctx.call.failed) return Value::address(addr);
    std::int32_t len = 0;
    if (ctx.arg(i + 1) == 0 || !ctx.mem.read_object(ctx.arg(i + 1), len)) return Value::address(addr);
    return option_value(ctx, static_cast<std::uint32_t>(ctx.arg(i - 2)),
                        static_cast<std::uint32_t>(ctx.arg(i - 1)), addr, len);
}

} // namespace trace
