// personality(2)'s persona: an execution domain in the low byte, flags above it.
#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"
#include "trace/decode/resource.hpp"

#include <cstdint>

namespace trace {

namespace {

constexpr std::uint32_t kQuery = 0xffffffff; // asks for the persona without changing it
constexpr std::uint32_t kDomainMask = 0xff;

// PER_LINUX|ADDR_NO_RANDOMIZE, "0x7f /* PER_??? */", PER_LINUX32|0x10000000.
Value persona_value(std::uint32_t persona) {
    Value v = Value::flags(persona);
    add_part(v, enum_value(flagsets::personality_types, persona & kDomainMask, "PER_???"));
    const std::uint64_t rest = add_flag_names(v, flagsets::personality_flags, persona & ~kDomainMask);
    if (rest != 0) v.push(Value::hex(rest));
    return v.fields.size() == 1 ? v.fields[0].value : v;
}

} // namespace

Value decode_personality(const DecodeContext& ctx, int i) {
    const auto persona = static_cast<std::uint32_t>(ctx.arg(i));
    return persona == kQuery ? Value::hex(persona) : persona_value(persona);
}

Value personality_return(const DecodeContext& ctx) {
    if (ctx.call.failed || ctx.call.ret < 0) return Value::unknown();
    const auto persona = static_cast<std::uint32_t>(ctx.call.ret);
    if (ctx.call.ret_detail != nullptr) *ctx.call.ret_detail = persona_value(persona);
    return Value::hex(persona);
}

} // namespace trace
