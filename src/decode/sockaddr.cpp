// Socket addresses: AF_UNIX (paths and abstract names), AF_INET, AF_INET6, AF_NETLINK, AF_PACKET, and
// the family with its raw bytes for the others.
#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"
#include "trace/decode/net.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <cstring>
#include <linux/if_packet.h>
#include <linux/netlink.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

namespace trace {

namespace {

constexpr std::size_t kFamilySize = sizeof(sa_family_t);
constexpr std::size_t kMaxSockaddr = sizeof(sockaddr_storage);

template <typename T> T load_prefix(std::string_view bytes) {
    T v{};
    std::memcpy(&v, bytes.data(), std::min(bytes.size(), sizeof v));
    return v;
}

Value family_value(unsigned family) {
    return enum_value(flagsets::address_families, family, "AF_???", ValueType::Unsigned);
}

Value port_value(std::uint16_t net_port) {
    return Value::call("htons")
        .push(Value::unsigned_int(ntohs(net_port)))
        .with_raw(net_port, ValueType::Unsigned);
}

// if_nametoindex("lo") when the tracer knows the interface, else the number.
Value ifindex_value(unsigned index) {
    std::array<char, IF_NAMESIZE> name{};
    if (index != 0 && if_indextoname(index, name.data()) != nullptr)
        return Value::call("if_nametoindex")
            .push(Value::literal(name.data()))
            .with_raw(index, ValueType::Unsigned);
    return Value::unsigned_int(index);
}

void add_unix(Value& v, std::string_view bytes) {
    const std::string_view path = bytes.substr(std::min(bytes.size(), offsetof(sockaddr_un, sun_path)));
    if (path.empty()) return;
    if (path[0] == '\0') { // an abstract name: sun_path=@"name"
        v.add("sun_path", Value::prefixed("@", Value::literal(std::string(path.substr(1)))));
        return;
    }
    v.add("sun_path",
          Value::string(std::string(path.substr(0, std::min(path.find('\0'), path.size()))), false));
}

void add_inet(Value& v, std::string_view bytes) {
    const auto sin = load_prefix<sockaddr_in>(bytes);
    std::array<char, INET_ADDRSTRLEN> text{};
    inet_ntop(AF_INET, &sin.sin_addr, text.data(), text.size());
    v.add("sin_port", port_value(sin.sin_port));
    v.add("sin_addr", Value::call("inet_addr").push(Value::literal(text.data())));
}

void add_inet6(Value& v, std::string_view bytes) {
    const auto sin6 = load_prefix<sockaddr_in6>(bytes);
    std::array<char, INET6_ADDRSTRLEN> text{};
    inet_ntop(AF_INET6, &sin6.sin6_addr, text.data(), text.size());
    v.add("sin6_port", port_value(sin6.sin6_port));
    v.add("sin6_flowinfo", Value::call("htonl").push(Value::unsigned_int(ntohl(sin6.sin6_flowinfo))));
    // inet_pton(AF_INET6, "::1", &sin6_addr) is printed without a member name.
    Value pton = Value::call("inet_pton");
    pton.push(Value::name("AF_INET6")).push(Value::literal(text.data())).push(Value::name("&sin6_addr"));
    v.add("", std::move(pton));
    if (bytes.size() >= sizeof(sockaddr_in6)) v.add("sin6_scope_id", ifindex_value(sin6.sin6_scope_id));
}

void add_netlink(Value& v, std::string_view bytes) {
    const auto nl = load_prefix<sockaddr_nl>(bytes);
    v.add("nl_pid", Value::unsigned_int(nl.nl_pid));
    v.add("nl_groups", Value::hex_digits(nl.nl_groups, 8));
}

void add_packet(Value& v, std::string_view bytes) {
    const auto ll = load_prefix<sockaddr_ll>(bytes);
    const std::uint16_t proto = ntohs(ll.sll_protocol);
    const char* proto_name = enum_name(flagsets::ethernet_protocols, proto);
    Value htons = Value::call("htons");
    htons.push(proto_name != nullptr ? Value::symbol(proto_name, proto) : Value::hex(proto).with_width(6));
    v.add("sll_protocol", std::move(htons.with_raw(ll.sll_protocol)));
    v.add("sll_ifindex", ifindex_value(static_cast<unsigned>(ll.sll_ifindex)));
    v.add("sll_hatype", enum_value(flagsets::arp_hardware_types, ll.sll_hatype, "ARPHRD_???"));
    v.add("sll_pkttype", enum_value(flagsets::packet_types, ll.sll_pkttype, "PACKET_???"));
    v.add("sll_halen", Value::unsigned_int(ll.sll_halen));
    if (ll.sll_halen == 0) return;
    Value addr = Value::array();
    for (std::size_t k = 0; k < std::min<std::size_t>(ll.sll_halen, sizeof ll.sll_addr); ++k)
        addr.push(Value::hex(ll.sll_addr[k]).with_width(4));
    v.add("sll_addr", std::move(addr));
}

} // namespace

Value sockaddr_value(std::string_view bytes) {
    Value v = Value::structure();
    const auto family = load_prefix<sa_family_t>(bytes);
    v.add("sa_family", family_value(family));
    switch (family) {
    case AF_UNIX:
        add_unix(v, bytes);
        break;
    case AF_INET:
        add_inet(v, bytes);
        break;
    case AF_INET6:
        add_inet6(v, bytes);
        break;
    case AF_NETLINK:
        add_netlink(v, bytes);
        break;
    case AF_PACKET:
        add_packet(v, bytes);
        break;
    default:
        if (bytes.size() > kFamilySize)
            v.add("sa_data", Value::string(std::string(bytes.substr(kFamilySize)), false));
        break;
    }
    return v;
}

Value sockaddr_at(const DecodeContext& ctx, std::uint64_t addr, std::uint64_t len) {
    if (addr == 0) return Value::address(0);
    if (len < kFamilySize || !ctx.deref()) return Value::address(addr);
    std::string bytes(static_cast<std::size_t>(std::min<std::uint64_t>(len, kMaxSockaddr)), '\0');
    if (ctx.mem.read(addr, std::as_writable_bytes(std::span(bytes.data(), bytes.size()))) != bytes.size())
        return Value::address(addr);
    return sockaddr_value(bytes);
}

} // namespace trace
