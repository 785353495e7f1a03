// One call's decoding as the engine asks for it: arguments at entry and exit, the return value and
// the -e read=/write= dumps; the context's per-call questions (-e abbrev=, verbose=, raw=).
#include "trace/decode/call.hpp"

#include "trace/decode/call_decoder.hpp"
#include "trace/decode/fd_info.hpp"
#include "trace/decode/fs.hpp"
#include "trace/decode/resource.hpp"
#include "trace/decode/sched.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace trace {

namespace {

bool in_set(const std::vector<bool>& set, int nr) {
    return nr >= 0 && static_cast<std::size_t>(nr) < set.size() && set[static_cast<std::size_t>(nr)];
}

struct ReturnDecoder {
    std::string_view name;
    Value (*fn)(const DecodeContext& ctx);
};

// Calls whose return value prints as more than a number, sorted by name.
constexpr std::array kReturnDecoders{
    ReturnDecoder{"fcntl", fcntl_return},
    ReturnDecoder{"ioctl", ioctl_return},
    ReturnDecoder{"membarrier", membarrier_return},
    ReturnDecoder{"personality", personality_return},
};

} // namespace

bool DescriptorSet::contains(int fd) const {
    return std::binary_search(fds.begin(), fds.end(), fd) != inverted;
}

const Value* DecodeContext::entry_value(int i) const {
    if (entry_values == nullptr || i < 0 || static_cast<std::size_t>(i) >= entry_values->size())
        return nullptr;
    return &(*entry_values)[static_cast<std::size_t>(i)];
}

bool DecodeContext::abbrev() const {
    if (opts.abbrev_calls.empty()) return !opts.verbose;
    return in_set(opts.abbrev_calls, call.entry->nr);
}

bool DecodeContext::deref() const {
    return opts.verbose_calls.empty() || in_set(opts.verbose_calls, call.entry->nr);
}

bool DecodeContext::raw() const {
    return in_set(opts.raw_calls, call.entry->nr);
}

int decode_call(const DecodeContext& ctx, std::vector<Value>& values) {
    const SyscallEntry& entry = *ctx.call.entry;
    if (ctx.raw()) {
        if (ctx.call.exiting) return -1;
        values.clear();
        for (int i = 0; i < entry.nargs; ++i)
            values.push_back(Value::hex(ctx.arg(i)));
        return entry.nargs;
    }
    if (const CallDecoderFn whole = call_decoder_for(entry)) return whole(ctx, values);
    values.resize(entry.nargs);
    // Inputs at entry, outputs at exit; in-out arguments at both, so that the exit sees the old value.
    const ArgDir skipped = ctx.call.exiting ? ArgDir::in : ArgDir::out;
    for (int i = 0; i < entry.nargs; ++i) {
        if (entry.args[i].dir == skipped) continue;
        values[static_cast<std::size_t>(i)] = decode_arg(ctx, i);
    }
    return -1;
}

Value decode_return(const DecodeContext& ctx) {
    if (!ctx.call.exiting || ctx.call.failed) return Value::unknown();
    if (ctx.raw()) return Value::hex(static_cast<std::uint64_t>(ctx.call.ret));
    const std::string_view name = ctx.call.entry->name;
    const auto* it = std::lower_bound(kReturnDecoders.begin(), kReturnDecoders.end(), name,
                                      [](const ReturnDecoder& d, std::string_view n) { return d.name < n; });
    if (it != kReturnDecoders.end() && it->name == name) return it->fn(ctx);
    if (ctx.call.entry->ret == RetKind::fd && ctx.opts.fds.any())
        return fd_value(ctx, static_cast<int>(ctx.call.ret));
    return Value::unknown();
}

} // namespace trace
