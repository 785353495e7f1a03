// membarrier's command, flags and cpu, and MEMBARRIER_CMD_QUERY's answer.
#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"
#include "trace/decode/sched.hpp"

#include <linux/membarrier.h>

namespace trace {

Value decode_membarrier_cmd(const DecodeContext& ctx, int i) {
    return enum_value(flagsets::membarrier_cmds, static_cast<std::uint32_t>(ctx.arg(i)),
                      "MEMBARRIER_CMD_???");
}

Value decode_membarrier_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::membarrier_flags, static_cast<std::uint32_t>(ctx.arg(i)),
                       "MEMBARRIER_CMD_FLAG_???");
}

Value decode_membarrier_cpu(const DecodeContext& ctx, int i) {
    Value v = Value::signed_int(static_cast<std::int32_t>(ctx.arg(i)));
    v.omitted = (ctx.arg(i - 1) & MEMBARRIER_CMD_FLAG_CPU) == 0; // the number, for whoever wants it
    return v;
}

// "= 0x1ff (MEMBARRIER_CMD_GLOBAL|...)": the commands the kernel supports.
Value membarrier_return(const DecodeContext& ctx) {
    const auto ret = static_cast<std::uint64_t>(ctx.call.ret);
    if (static_cast<std::uint32_t>(ctx.arg(0)) != MEMBARRIER_CMD_QUERY || ret == 0) return Value::unknown();
    if (ctx.call.ret_detail != nullptr)
        *ctx.call.ret_detail = names_in_raw(flags_value(flagsets::membarrier_cmds, ret));
    return Value::hex(ret);
}

} // namespace trace
