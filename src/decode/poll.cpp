// Decoders of poll, ppoll, select, pselect6, the epoll calls and eventfd2.
#include "trace/decode/poll.hpp"

#include "trace/decode/array.hpp"
#include "trace/decode/fd_info.hpp"
#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"
#include "trace/decode/signal.hpp"
#include "trace/decode/time.hpp"

#include <algorithm>
#include <poll.h>
#include <sys/epoll.h>

namespace trace {

namespace {

constexpr int kMaxSelectFds = 1024 * 1024; // strace's bound on a select's nfds

Value poll_events_value(std::uint64_t events) {
    return flags_value(flagsets::poll_events, static_cast<std::uint16_t>(events), "POLL???");
}

Value pollfd_value(const DecodeContext& ctx, const pollfd& p) {
    Value v = Value::structure();
    v.add("fd", fd_value(ctx, p.fd));
    if (p.fd >= 0) v.add("events", poll_events_value(static_cast<std::uint16_t>(p.events)));
    return v;
}

Value pollfds_at(const DecodeContext& ctx, std::uint64_t addr, std::uint32_t nfds) {
    if (!ctx.deref()) return Value::address(addr);
    return array_at<pollfd>(ctx, addr, nfds, [&](const pollfd& p) { return pollfd_value(ctx, p); });
}

// poll's and ppoll's detail: the descriptors that have revents, then what was left of the timeout.
// Nothing for a call left out of -e verbose=, as strace.
Value poll_detail(const DecodeContext& ctx, std::uint64_t timeout_addr) {
    if (ctx.call.ret == 0) return Value::name("Timeout");
    if (!ctx.deref()) return Value::unknown();
    const std::uint64_t addr = ctx.arg(0);
    const auto nfds = static_cast<std::uint32_t>(ctx.arg(1));
    Value detail = Value::structure();
    if (addr != 0 && nfds != 0) {
        Value ready = Value::array();
        // A chunk at a time, and only until the ret descriptors with revents are found.
        const std::size_t total = std::min<std::uint64_t>(nfds, kMaxVerboseElements);
        const auto wanted = static_cast<std::uint64_t>(ctx.call.ret);
        std::vector<pollfd> fds(std::min<std::size_t>(total, 4096 / sizeof(pollfd)));
        std::size_t done = 0;
        std::uint64_t found = 0;
        bool unreadable = false;
        while (done < total && found < wanted && !ready.truncated) {
            const std::size_t want = std::min(total - done, fds.size());
            const std::size_t got = ctx.mem.read(addr + done * sizeof(pollfd),
                                                 std::as_writable_bytes(std::span(fds.data(), want))) /
                                    sizeof(pollfd);
            for (std::size_t k = 0; k < got && !ready.truncated; ++k) {
                if (fds[k].revents == 0) continue;
                ++found;
                if (!ctx.opts.verbose && ready.fields.size() >= ctx.opts.string_limit) {
                    ready.truncated = true;
                    break;
                }
                Value r = Value::structure();
                r.add("fd", Value::fd(fds[k].fd)); // strace's exit part shows no -y paths
                r.add("revents", poll_events_value(static_cast<std::uint16_t>(fds[k].revents)));
                ready.push(std::move(r));
            }
            done += got;
            if (got < want) {
                unreadable = true;
                break;
            }
        }
        if (unreadable && !ready.truncated) ready.push(Value::address(addr + done * sizeof(pollfd)));
        if (!ready.fields.empty() || ready.truncated) detail.add("", std::move(ready));
    }
    if (timeout_addr != 0) detail.add("left", timespec_at(ctx.mem, timeout_addr));
    if (detail.fields.empty()) return Value::unknown();
    return detail;
}

// An fd_set of nfds bits: [0 3], fds space-separated as strace prints them.
bool read_fd_set(const DecodeContext& ctx, std::uint64_t addr, int nfds, std::vector<std::uint64_t>& bits) {
    const std::size_t words = static_cast<std::size_t>((nfds + 63) / 64);
    bits.assign(words, 0);
    const std::size_t bytes = words * sizeof(std::uint64_t);
    return ctx.mem.read(addr, std::as_writable_bytes(std::span(bits))) == bytes;
}

template <typename F> void for_each_fd(const std::vector<std::uint64_t>& bits, int nfds, F&& f) {
    for (int fd = 0; fd < nfds; ++fd) {
        const auto word = static_cast<std::size_t>(fd / 64);
        if ((bits[word] & (std::uint64_t{1} << (fd % 64))) != 0 && !f(fd)) return;
    }
}

Value fd_set_at(const DecodeContext& ctx, std::uint64_t addr, int nfds) {
    if (addr == 0 || nfds <= 0 || !ctx.deref()) return Value::address(addr);
    std::vector<std::uint64_t> bits;
    if (!read_fd_set(ctx, addr, nfds, bits)) return Value::address(addr);
    Value fds = Value::set();
    for_each_fd(bits, nfds, [&](int fd) {
        fds.push(fd_value(ctx, fd));
        return true;
    });
    return fds;
}

int select_nfds(const DecodeContext& ctx) {
    return std::clamp(static_cast<int>(static_cast<std::uint32_t>(ctx.arg(0))), 0, kMaxSelectFds);
}

// The timeout, or what was left of it: an address for a call left out of -e verbose=.
Value select_timeout(const DecodeContext& ctx, bool timespec) {
    const std::uint64_t addr = ctx.arg(4);
    if (!ctx.deref()) return Value::address(addr);
    return timespec ? timespec_at(ctx.mem, addr) : timeval_at(ctx.mem, addr);
}

void select_entry(const DecodeContext& ctx, std::vector<Value>& values, bool timespec) {
    const int nfds = select_nfds(ctx);
    values.clear();
    values.push_back(Value::signed_int(static_cast<std::int32_t>(ctx.arg(0))));
    for (int j = 1; j <= 3; ++j)
        values.push_back(fd_set_at(ctx, ctx.arg(j), nfds));
    values.push_back(select_timeout(ctx, timespec));
}

// select's and pselect6's detail: the ready descriptors of each set, as many as it returned.
void select_exit(const DecodeContext& ctx, bool timespec) {
    if (ctx.call.failed || ctx.call.ret_detail == nullptr) return;
    if (ctx.call.ret == 0) {
        *ctx.call.ret_detail = Value::name("Timeout");
        return;
    }
    const int nfds = select_nfds(ctx);
    std::int64_t ready = ctx.call.ret;
    Value detail = Value::structure();
    static constexpr const char* kNames[] = {"in", "out", "except"};
    for (int j = 0; j < 3 && ready > 0; ++j) {
        std::vector<std::uint64_t> bits;
        if (ctx.arg(j + 1) == 0 || nfds == 0 || !read_fd_set(ctx, ctx.arg(j + 1), nfds, bits)) continue;
        Value fds = Value::set();
        for_each_fd(bits, nfds, [&](int fd) {
            fds.push(Value::fd(fd)); // strace's exit part shows no -y paths
            return --ready > 0;
        });
        if (!fds.fields.empty()) detail.add(kNames[j], std::move(fds));
    }
    if (ctx.arg(4) != 0) detail.add("left", select_timeout(ctx, timespec));
    *ctx.call.ret_detail = std::move(detail);
}

// pselect6's sixth argument: {sigmask=[USR1], sigsetsize=8}.
Value kernel_sigset_at(const DecodeContext& ctx, std::uint64_t addr) {
    if (addr == 0 || !ctx.deref()) return Value::address(addr);
    struct {
        std::uint64_t sigmask;
        std::uint64_t sigsetsize;
    } ks{};
    if (!ctx.mem.read_object(addr, ks)) return Value::address(addr);
    Value v = Value::structure();
    v.add("sigmask", sigset_at(ctx.mem, ks.sigmask, ks.sigsetsize));
    v.add("sigsetsize", Value::unsigned_int(ks.sigsetsize));
    return v;
}

Value epoll_event_value(const epoll_event& ev) {
    Value v = Value::structure();
    v.add("events", flags_value(flagsets::epoll_events, ev.events, "EPOLL???"));
    v.add("data", Value::hex(ev.data.u64)); // strace 7 prints the union as one number: 0x7, 0
    return v;
}

} // namespace

Value decode_epoll_ctl_op(const DecodeContext& ctx, int i) {
    return enum_value(flagsets::epoll_ctl_ops, static_cast<std::uint32_t>(ctx.arg(i)), "EPOLL_CTL_???");
}

Value decode_epoll_ctl_event(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    if (addr == 0 || (i > 0 && static_cast<std::uint32_t>(ctx.arg(1)) == EPOLL_CTL_DEL))
        return Value::address(addr);
    epoll_event ev{};
    if (!ctx.mem.read_object(addr, ev)) return Value::address(addr);
    return epoll_event_value(ev);
}

Value decode_epoll_events(const DecodeContext& ctx, int i) {
    if (!ctx.call.exiting || ctx.call.failed) return Value::address(ctx.arg(i));
    return array_at<epoll_event>(ctx, ctx.arg(i), static_cast<std::uint64_t>(ctx.call.ret),
                                 epoll_event_value);
}

Value decode_epoll_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::epoll_flags, static_cast<std::uint32_t>(ctx.arg(i)), "EPOLL_???");
}

Value decode_eventfd_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::eventfd_flags, static_cast<std::uint32_t>(ctx.arg(i)), "EFD_???");
}

// poll([{fd=3, events=POLLIN}], 1, 100) = 1 ([{fd=3, revents=POLLIN}])
int decode_poll(const DecodeContext& ctx, std::vector<Value>& values) {
    if (!ctx.call.exiting) {
        values.clear();
        const auto nfds = static_cast<std::uint32_t>(ctx.arg(1));
        values.push_back(pollfds_at(ctx, ctx.arg(0), nfds));
        values.push_back(Value::unsigned_int(nfds));
        values.push_back(Value::signed_int(static_cast<std::int32_t>(ctx.arg(2))));
        return 3;
    }
    if (!ctx.call.failed && ctx.call.ret_detail != nullptr) *ctx.call.ret_detail = poll_detail(ctx, 0);
    return 3;
}

// ppoll(fds, nfds, {tv_sec=1, tv_nsec=0}, [USR1], 8) = 1 ([{fd=3, revents=POLLIN}], left {...})
int decode_ppoll(const DecodeContext& ctx, std::vector<Value>& values) {
    if (!ctx.call.exiting) {
        values.clear();
        const auto nfds = static_cast<std::uint32_t>(ctx.arg(1));
        values.push_back(pollfds_at(ctx, ctx.arg(0), nfds));
        values.push_back(Value::unsigned_int(nfds));
        values.push_back(ctx.deref() ? timespec_at(ctx.mem, ctx.arg(2)) : Value::address(ctx.arg(2)));
        values.push_back(ctx.deref() ? sigset_at(ctx.mem, ctx.arg(3), ctx.arg(4))
                                     : Value::address(ctx.arg(3)));
        values.push_back(Value::unsigned_int(ctx.arg(4)));
        return 5;
    }
    if (!ctx.call.failed && ctx.call.ret_detail != nullptr)
        *ctx.call.ret_detail = poll_detail(ctx, ctx.arg(2));
    return 5;
}

// select(5, [0 3], [4], NULL, {tv_sec=2, tv_usec=0}) = 3 (in [0 3], out [4], left {...})
int decode_select(const DecodeContext& ctx, std::vector<Value>& values) {
    if (!ctx.call.exiting) {
        select_entry(ctx, values, false);
        return 5;
    }
    select_exit(ctx, false);
    return 5;
}

int decode_pselect6(const DecodeContext& ctx, std::vector<Value>& values) {
    if (!ctx.call.exiting) {
        select_entry(ctx, values, true);
        values.push_back(kernel_sigset_at(ctx, ctx.arg(5)));
        return 6;
    }
    select_exit(ctx, true);
    return 6;
}

} // namespace trace
