// sendmsg, recvmsg, sendmmsg, recvmmsg: struct msghdr with its name, iovecs and control messages.
#include "trace/decode/arg_decoders.hpp"
#include "trace/decode/fd_info.hpp"
#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"
#include "trace/decode/io.hpp"
#include "trace/decode/net.hpp"

#include <algorithm>
#include <cstring>
#include <sys/socket.h>

namespace trace {

namespace {

// struct msghdr on x86-64.
struct KernelMsghdr {
    std::uint64_t name;
    std::uint32_t namelen;
    std::uint32_t pad0;
    std::uint64_t iov;
    std::uint64_t iovlen;
    std::uint64_t control;
    std::uint64_t controllen;
    std::uint32_t flags;
    std::uint32_t pad1;
};
static_assert(sizeof(KernelMsghdr) == 56);

struct KernelMmsghdr {
    KernelMsghdr hdr;
    std::uint32_t len;
    std::uint32_t pad;
};
static_assert(sizeof(KernelMmsghdr) == 64);

struct CmsgHeader {
    std::uint64_t len;
    std::int32_t level;
    std::int32_t type;
};

constexpr std::size_t kMaxControl = 4096;
constexpr std::uint64_t kMaxMmsg = 1024;

std::size_t cmsg_align(std::size_t n) {
    return (n + sizeof(std::uint64_t) - 1) & ~(sizeof(std::uint64_t) - 1);
}

Value cmsg_data(const DecodeContext& ctx, const CmsgHeader& h, std::string_view data) {
    if (h.level == SOL_SOCKET && h.type == SCM_RIGHTS) {
        Value fds = Value::array();
        for (std::size_t at = 0; at + sizeof(int) <= data.size(); at += sizeof(int)) {
            int fd = 0;
            std::memcpy(&fd, data.data() + at, sizeof fd);
            fds.push(fd_value(ctx, fd));
        }
        return fds;
    }
    if (h.level == SOL_SOCKET && h.type == SCM_CREDENTIALS && data.size() >= sizeof(ucred)) {
        ucred cred{};
        std::memcpy(&cred, data.data(), sizeof cred);
        Value v = Value::structure();
        v.add("pid", Value::signed_int(cred.pid));
        v.add("uid", Value::unsigned_int(cred.uid));
        v.add("gid", Value::unsigned_int(cred.gid));
        return v;
    }
    const std::size_t shown = std::min(data.size(), ctx.opts.string_limit);
    return Value::string(std::string(data.substr(0, shown)), shown < data.size());
}

// The control messages of controllen bytes at addr.
Value control_value(const DecodeContext& ctx, std::uint64_t addr, std::uint64_t controllen) {
    if (addr == 0) return Value::address(0);
    std::string bytes(static_cast<std::size_t>(std::min<std::uint64_t>(controllen, kMaxControl)), '\0');
    if (ctx.mem.read(addr, std::as_writable_bytes(std::span(bytes.data(), bytes.size()))) != bytes.size())
        return Value::address(addr);
    Value v = Value::array();
    std::size_t at = 0;
    while (bytes.size() - at >= sizeof(CmsgHeader)) {
        CmsgHeader h{};
        std::memcpy(&h, bytes.data() + at, sizeof h);
        Value m = Value::structure();
        m.add("cmsg_len", Value::unsigned_int(h.len));
        m.add("cmsg_level",
              enum_value(flagsets::socket_levels, static_cast<std::uint32_t>(h.level), "SOL_???"));
        if (h.level == SOL_SOCKET)
            m.add("cmsg_type",
                  enum_value(flagsets::scm_types, static_cast<std::uint32_t>(h.type), "SCM_???"));
        else
            m.add("cmsg_type", Value::hex(static_cast<std::uint32_t>(h.type)));
        if (h.len < sizeof h || h.len > bytes.size() - at) {
            v.push(std::move(m));
            break;
        }
        m.add("cmsg_data",
              cmsg_data(ctx, h, std::string_view(bytes).substr(at + sizeof h, h.len - sizeof h)));
        v.push(std::move(m));
        at += cmsg_align(static_cast<std::size_t>(h.len));
    }
    return v;
}

// A msghdr already read; data: the iovecs' bytes (all, up to a count, or addresses).
Value msghdr_value(const DecodeContext& ctx, const KernelMsghdr& m, IovData data, std::uint64_t limit) {
    Value v = Value::structure();
    v.add("msg_name", sockaddr_at(ctx, m.name, m.namelen));
    v.add("msg_namelen", Value::unsigned_int(m.namelen));
    v.add("msg_iov", iovec_array_value(ctx, m.iov, m.iovlen, data, limit));
    v.add("msg_iovlen", Value::unsigned_int(m.iovlen));
    if (m.controllen > 0) v.add("msg_control", control_value(ctx, m.control, m.controllen));
    v.add("msg_controllen", Value::unsigned_int(m.controllen));
    v.add("msg_flags", flags_value(flagsets::msg_flags, m.flags, "MSG_???"));
    return v;
}

std::vector<KernelMmsghdr> read_mmsghdrs(const DecodeContext& ctx, std::uint64_t addr, std::uint64_t count) {
    std::vector<KernelMmsghdr> msgs(static_cast<std::size_t>(std::min(count, kMaxMmsg)));
    if (msgs.empty() || addr == 0) return {};
    const std::size_t got = ctx.mem.read(addr, std::as_writable_bytes(std::span(msgs)));
    msgs.resize(got / sizeof(KernelMmsghdr));
    return msgs;
}

} // namespace

Value decode_msghdr_in(const DecodeContext& ctx, int i) {
    KernelMsghdr m{};
    const std::uint64_t addr = ctx.arg(i);
    if (addr == 0 || !ctx.deref() || !ctx.mem.read_object(addr, m)) return Value::address(addr);
    return msghdr_value(ctx, m, IovData::all, 0);
}

Value decode_msghdr_out(const DecodeContext& ctx, int i) {
    KernelMsghdr m{};
    const std::uint64_t addr = ctx.arg(i);
    if (!ctx.call.exiting) return Value::address(addr);
    if (addr == 0 || !ctx.deref() || !ctx.mem.read_object(addr, m)) return Value::address(addr);
    if (ctx.call.failed) return Value::address(addr);
    return msghdr_value(ctx, m, IovData::upto, static_cast<std::uint64_t>(ctx.call.ret));
}

// At exit: the messages the call sent or received, each with its msg_len.
Value decode_mmsghdrs(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    if (!ctx.call.exiting) return Value::address(addr);
    if (ctx.call.failed || !ctx.deref()) return Value::address(addr);
    const bool sent = std::string_view(ctx.call.entry->name) == "sendmmsg";
    const std::vector<KernelMmsghdr> msgs =
        read_mmsghdrs(ctx, addr, static_cast<std::uint64_t>(ctx.call.ret));
    if (msgs.empty() && ctx.call.ret > 0) return Value::address(addr);
    Value v = Value::array();
    for (const KernelMmsghdr& m : msgs) {
        Value entry = Value::structure();
        entry.add("msg_hdr", sent ? msghdr_value(ctx, m.hdr, IovData::all, 0)
                                  : msghdr_value(ctx, m.hdr, IovData::upto, m.len));
        entry.add("msg_len", Value::unsigned_int(m.len));
        v.push(std::move(entry));
    }
    return v;
}

void dump_msghdr(const DecodeContext& ctx, std::uint64_t addr, std::uint64_t limit,
                 std::vector<DataDump>& out) {
    KernelMsghdr m{};
    if (addr == 0 || !ctx.mem.read_object(addr, m)) return;
    dump_iovecs(ctx.mem, read_iovecs(ctx.mem, m.iov, m.iovlen, kMaxMmsg), limit, out);
}

void dump_mmsghdrs(const DecodeContext& ctx, std::uint64_t addr, std::uint64_t count,
                   std::vector<DataDump>& out) {
    for (const KernelMmsghdr& m : read_mmsghdrs(ctx, addr, count))
        dump_iovecs(ctx.mem, read_iovecs(ctx.mem, m.hdr.iov, m.hdr.iovlen, kMaxMmsg), m.len, out);
}

} // namespace trace
