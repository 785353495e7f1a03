// Decoders of plain numbers, descriptors, addresses and signals.
#include "trace/decode/arg_decoders.hpp"
#include "trace/decode/fd_info.hpp"
#include "trace/decode/names.hpp"

#include <fcntl.h>

namespace trace {

namespace {

// A C int argument: the kernel looks at the low 32 bits only, whatever the upper half holds.
int low_int(std::uint64_t v) {
    return static_cast<int>(static_cast<std::uint32_t>(v));
}

} // namespace

Value int_array_at(RemoteMemory& mem, std::uint64_t addr) {
    std::int32_t n = 0;
    if (addr == 0 || !mem.read_object(addr, n)) return Value::address(addr);
    Value v = Value::array();
    v.push(Value::signed_int(n));
    return v;
}

Value decode_int(const DecodeContext& ctx, int i) {
    return Value::signed_int(low_int(ctx.arg(i)));
}

Value decode_uint(const DecodeContext& ctx, int i) {
    return Value::unsigned_int(static_cast<std::uint32_t>(ctx.arg(i)));
}

Value decode_hex(const DecodeContext& ctx, int i) {
    return Value::hex(ctx.arg(i));
}

Value decode_oct(const DecodeContext& ctx, int i) {
    return Value::octal(ctx.arg(i));
}

Value decode_size(const DecodeContext& ctx, int i) {
    return Value::unsigned_int(ctx.arg(i));
}

Value decode_ptr(const DecodeContext& ctx, int i) {
    return Value::address(ctx.arg(i));
}

Value decode_long(const DecodeContext& ctx, int i) {
    return Value::signed_int(static_cast<std::int64_t>(ctx.arg(i)));
}

Value decode_ulong(const DecodeContext& ctx, int i) {
    return Value::unsigned_int(ctx.arg(i));
}

Value decode_fd(const DecodeContext& ctx, int i) {
    return fd_value(ctx, low_int(ctx.arg(i)));
}

Value decode_ufd(const DecodeContext& ctx, int i) {
    const int fd = low_int(ctx.arg(i));
    return fd >= 0 ? fd_value(ctx, fd) : Value::unsigned_int(low32(ctx.arg(i)));
}

namespace {

// A 64-bit word the kernel wrote through a pointer, as make says: [0x7f...], [24].
template <typename Make> Value word_at(const DecodeContext& ctx, int i, Make make) {
    const std::uint64_t addr = ctx.arg(i);
    std::uint64_t word = 0;
    if (addr == 0 || !ctx.mem.read_object(addr, word)) return Value::address(addr);
    Value v = Value::array();
    v.push(make(word));
    return v;
}

} // namespace

Value decode_addr_out(const DecodeContext& ctx, int i) {
    return word_at(ctx, i, [](std::uint64_t w) { return Value::address(w); });
}

Value decode_ulong_out(const DecodeContext& ctx, int i) {
    return word_at(ctx, i, [](std::uint64_t w) { return Value::unsigned_int(w); });
}

Value decode_dirfd(const DecodeContext& ctx, int i) {
    const int fd = low_int(ctx.arg(i));
    if (fd == AT_FDCWD) {
        Value v =
            Value::symbol("AT_FDCWD", static_cast<std::uint64_t>(std::int64_t{AT_FDCWD}), ValueType::Signed);
        describe_fd(v, ctx.call.pid, AT_FDCWD, ctx.opts.fds); // -y: AT_FDCWD</home/user>
        return v;
    }
    return fd_value(ctx, fd);
}

Value decode_struct_ptr(const DecodeContext& ctx, int i) {
    return Value::address(ctx.arg(i));
}

Value signal_value(int sig) {
    const auto raw = static_cast<std::uint64_t>(std::int64_t{sig});
    if (sig > 0 && sig <= kMaxSignal) return Value::symbol(signal_name(sig), raw, ValueType::Signed);
    return Value::signed_int(sig);
}

Value decode_signo(const DecodeContext& ctx, int i) {
    return signal_value(low_int(ctx.arg(i)));
}

} // namespace trace
