// iovec arrays and the -e read= / -e write= dumps.
#include "trace/decode/io.hpp"

#include "trace/decode/arg_decoders.hpp"
#include "trace/decode/call.hpp"
#include "trace/decode/net.hpp"

#include <algorithm>
#include <string_view>

namespace trace {

namespace {

// A runaway count is not read past this many elements.
constexpr std::uint64_t kMaxIovecs = 1024;
// Nor is a dump larger than this.
constexpr std::uint64_t kMaxDump = std::uint64_t{1} << 24;

std::string read_bytes(RemoteMemory& mem, std::uint64_t addr, std::uint64_t len, bool& ok) {
    std::string bytes(static_cast<std::size_t>(std::min(len, kMaxDump)), '\0');
    ok = mem.read(addr, std::as_writable_bytes(std::span(bytes.data(), bytes.size()))) == bytes.size();
    return bytes;
}

void dump_buffer(RemoteMemory& mem, std::uint64_t addr, std::uint64_t len, std::vector<DataDump>& out) {
    bool ok = false;
    std::string bytes = read_bytes(mem, addr, len, ok);
    if (ok) out.push_back(DataDump{std::move(bytes), -1});
}

enum class Moves { none, buffer, iovec, msghdr, mmsghdr };

struct DumpRule {
    std::string_view name;
    Moves how;
    bool writes; // data to the kernel: -e write=; else -e read=
};

constexpr std::array kDumpRules{
    DumpRule{"pread64", Moves::buffer, false},  DumpRule{"preadv", Moves::iovec, false},
    DumpRule{"preadv2", Moves::iovec, false},   DumpRule{"pwrite64", Moves::buffer, true},
    DumpRule{"pwritev", Moves::iovec, true},    DumpRule{"pwritev2", Moves::iovec, true},
    DumpRule{"read", Moves::buffer, false},     DumpRule{"readv", Moves::iovec, false},
    DumpRule{"recvfrom", Moves::buffer, false}, DumpRule{"recvmmsg", Moves::mmsghdr, false},
    DumpRule{"recvmsg", Moves::msghdr, false},  DumpRule{"sendmmsg", Moves::mmsghdr, true},
    DumpRule{"sendmsg", Moves::msghdr, true},   DumpRule{"sendto", Moves::buffer, true},
    DumpRule{"vmsplice", Moves::iovec, true},   DumpRule{"write", Moves::buffer, true},
    DumpRule{"writev", Moves::iovec, true},
};

} // namespace

std::vector<IovecEntry> read_iovecs(RemoteMemory& mem, std::uint64_t addr, std::uint64_t count,
                                    std::uint64_t max) {
    std::vector<IovecEntry> iov(static_cast<std::size_t>(std::min({count, max, kMaxIovecs})));
    if (iov.empty() || addr == 0) return {};
    const std::size_t got = mem.read(addr, std::as_writable_bytes(std::span(iov)));
    iov.resize(got / sizeof(IovecEntry));
    return iov;
}

Value iovec_array_value(const DecodeContext& ctx, std::uint64_t addr, std::uint64_t count, IovData data,
                        std::uint64_t limit) {
    if (addr == 0) return Value::address(0);
    const bool abbrev = ctx.abbrev();
    const std::uint64_t shown = abbrev ? std::min<std::uint64_t>(count, ctx.opts.string_limit) : count;
    const std::vector<IovecEntry> iov = read_iovecs(ctx.mem, addr, count, shown);
    if (iov.empty() && count > 0) return Value::address(addr);
    Value v = Value::array();
    std::uint64_t left = limit;
    for (const IovecEntry& e : iov) {
        Value elem = Value::structure();
        if (data == IovData::address) {
            elem.add("iov_base", Value::address(e.base));
        } else {
            std::uint64_t len = e.len;
            if (data == IovData::upto) {
                len = std::min(len, left);
                left -= len;
            }
            elem.add("iov_base", buffer_at(ctx.mem, e.base, len, ctx.opts.string_limit));
        }
        elem.add("iov_len", Value::unsigned_int(e.len));
        v.push(std::move(elem));
    }
    if (iov.size() < std::min(shown, kMaxIovecs)) {
        v.push(Value::more_at(addr + iov.size() * sizeof(IovecEntry)));
    } else if (iov.size() < count) {
        v.truncated = true;
    }
    return v;
}

void dump_iovecs(RemoteMemory& mem, const std::vector<IovecEntry>& iov, std::uint64_t limit,
                 std::vector<DataDump>& out) {
    for (std::size_t k = 0; k < iov.size() && limit > 0; ++k) {
        const std::uint64_t len = std::min(iov[k].len, limit);
        limit -= len;
        bool ok = false;
        std::string bytes = read_bytes(mem, iov[k].base, len, ok);
        if (!ok) break;
        out.push_back(DataDump{std::move(bytes), static_cast<int>(k)});
    }
}

Value decode_iovec(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    const std::uint64_t count = ctx.arg(i + 1);
    if (!ctx.deref()) return Value::address(addr);
    if (ctx.spec(i).dir == ArgDir::in) return iovec_array_value(ctx, addr, count, IovData::all, 0);
    if (!ctx.call.exiting) return Value::address(addr); // printed at exit
    if (ctx.call.failed) return iovec_array_value(ctx, addr, count, IovData::address, 0);
    return iovec_array_value(ctx, addr, count, IovData::upto, static_cast<std::uint64_t>(ctx.call.ret));
}

std::vector<DataDump> decode_dumps(const DecodeContext& ctx) {
    std::vector<DataDump> out;
    if (!ctx.call.exiting || (ctx.opts.dump_read.empty() && ctx.opts.dump_write.empty())) return out;
    const std::string_view name = ctx.call.entry->name;
    const auto* rule =
        std::find_if(kDumpRules.begin(), kDumpRules.end(), [&](const DumpRule& r) { return r.name == name; });
    if (rule == kDumpRules.end()) return out;
    const int fd = static_cast<int>(static_cast<std::uint32_t>(ctx.arg(0)));
    if (fd < 0 || !(rule->writes ? ctx.opts.dump_write : ctx.opts.dump_read).contains(fd)) return out;
    if (!rule->writes && ctx.call.failed) return out;
    const auto ret = static_cast<std::uint64_t>(ctx.call.ret);
    switch (rule->how) {
    case Moves::buffer:
        dump_buffer(ctx.mem, ctx.arg(1), rule->writes ? ctx.arg(2) : ret, out);
        break;
    case Moves::iovec:
        dump_iovecs(ctx.mem, read_iovecs(ctx.mem, ctx.arg(1), ctx.arg(2), kMaxIovecs),
                    rule->writes ? ~std::uint64_t{0} : ret, out);
        break;
    case Moves::msghdr:
        dump_msghdr(ctx, ctx.arg(1), rule->writes ? ~std::uint64_t{0} : ret, out);
        break;
    case Moves::mmsghdr:
        dump_mmsghdrs(ctx, ctx.arg(1), rule->writes ? ctx.arg(2) : ret, out);
        break;
    case Moves::none:
        break;
    }
    return out;
}

} // namespace trace
