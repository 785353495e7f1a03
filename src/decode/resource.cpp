// Decoders of rlimits, scheduling, uname, sysinfo, capabilities, ids, getrandom and pidfd flags.
#include "trace/decode/resource.hpp"

#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <sched.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>

namespace trace {

namespace {

// The kernel's NGROUPS_MAX (sysconf(_SC_NGROUPS_MAX) on Linux), as strace bounds a group list.
constexpr std::uint64_t kMaxGroups = 65536;

constexpr std::uint32_t kCapVersion1 = 0x19980330;

struct CapHeader {
    std::uint32_t version;
    std::int32_t pid;
};

struct CapData {
    std::uint32_t effective;
    std::uint32_t permitted;
    std::uint32_t inheritable;
};

// strace reads at most as many bytes of a CPU set as the kernel's own set has: the smallest size
// sched_getaffinity accepts, found by asking the kernel once.
unsigned cpuset_size() {
    static const unsigned size = [] {
        unsigned n = 128;
        while (n != 0 && sched_getaffinity(0, n, nullptr) == -1 && errno == EINVAL)
            n <<= 1;
        return n == 0 ? 128u : n;
    }();
    return size;
}

// One 32-bit word of a capability set: 1<<CAP_CHOWN|1<<CAP_KILL, unknown bits in hex, 0 for none.
void add_cap_word(Value& set, std::uint32_t word, unsigned base) {
    const std::size_t before = set.fields.size();
    std::uint32_t rest = 0;
    for (unsigned bit = 0; bit < 32; ++bit) {
        if ((word & (1u << bit)) == 0) continue;
        if (const char* name = enum_name(flagsets::capabilities, base + bit))
            set.push(Value::operation(Value::unsigned_int(1), "<<", Value::symbol(name, base + bit)));
        else
            rest |= 1u << bit;
    }
    if (set.fields.size() == before) {
        Value unnamed = Value::hex(rest);
        if (rest != 0) unnamed.note(Value::name("CAP_???"));
        set.push(std::move(unnamed));
    } else if (rest != 0) {
        set.push(Value::hex(rest));
    }
}

// A 64-bit capability set as strace prints it: the low word, then the high word.
Value cap_set_value(std::uint64_t set) {
    const auto lo = static_cast<std::uint32_t>(set);
    const auto hi = static_cast<std::uint32_t>(set >> 32);
    Value v = Value::flags(set);
    if (lo != 0 || hi == 0) add_cap_word(v, lo, 0);
    if (hi != 0) add_cap_word(v, hi, 32);
    return v;
}

// A uname field: a NUL-terminated string within its 65 bytes.
Value uts_field(const char (&field)[65]) {
    const auto* end = std::find(field, field + sizeof field, '\0');
    return Value::string(std::string(field, end), false);
}

std::uint64_t count_limit(const DecodeContext& ctx) {
    return ctx.opts.string_limit;
}

} // namespace

Value rlim_value(std::uint64_t lim) {
    if (lim == ~std::uint64_t{0}) return Value::symbol("RLIM64_INFINITY", lim, ValueType::Unsigned);
    if (lim > 1024 && lim % 1024 == 0)
        return Value::operation(Value::unsigned_int(lim / 1024), "*", Value::unsigned_int(1024))
            .with_raw(lim, ValueType::Unsigned);
    return Value::unsigned_int(lim);
}

Value decode_rlimit_resource(const DecodeContext& ctx, int i) {
    return enum_value(flagsets::rlimit_resources, static_cast<std::uint32_t>(ctx.arg(i)), "RLIMIT_???");
}

Value decode_rlimit(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    if (addr == 0) return Value::address(0);
    std::array<std::uint64_t, 2> lim{};
    if (!ctx.mem.read_object(addr, lim)) return Value::address(addr);
    Value v = Value::structure();
    v.add("rlim_cur", rlim_value(lim[0]));
    v.add("rlim_max", rlim_value(lim[1]));
    return v;
}

Value decode_priority_which(const DecodeContext& ctx, int i) {
    return enum_value(flagsets::priority_which, static_cast<std::uint32_t>(ctx.arg(i)), "PRIO_???");
}

Value decode_sched_policy(const DecodeContext& ctx, int i) {
    return enum_value(flagsets::sched_policies, static_cast<std::uint32_t>(ctx.arg(i)), "SCHED_???");
}

Value decode_sched_param(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    if (addr == 0) return Value::address(0);
    std::int32_t prio = 0;
    if (!ctx.mem.read_object(addr, prio)) return Value::address(addr);
    Value v = Value::structure();
    v.add("sched_priority", Value::signed_int(prio));
    return v;
}

Value decode_cpu_set(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    if (addr == 0) return Value::address(0);
    // sched_getaffinity's set holds as many bytes as it returned; sched_setaffinity's as it was told
    const bool out = ctx.spec(i).dir != ArgDir::in;
    if (out && (!ctx.call.exiting || ctx.call.failed)) return Value::address(addr);
    const auto len = static_cast<std::uint32_t>(out ? static_cast<std::uint64_t>(ctx.call.ret)
                                                    : (i > 0 ? ctx.arg(i - 1) : 0));
    if (len == 0) return Value::set();
    const std::uint32_t fetch = std::min(len, cpuset_size());
    const std::uint32_t size = (fetch + 7) / 8 * 8;
    std::vector<std::uint64_t> words(size / 8);
    if (ctx.mem.read(addr, std::as_writable_bytes(std::span(words)).first(fetch)) != fetch)
        return Value::address(addr);
    // a bit set printed as a list, space-separated as strace does
    Value cpus = Value::set();
    for (std::size_t w = 0; w < words.size(); ++w) {
        for (unsigned b = 0; b < 64; ++b)
            if ((words[w] & (std::uint64_t{1} << b)) != 0) cpus.push(Value::unsigned_int(w * 64 + b));
    }
    cpus.truncated = size < len;
    return cpus;
}

Value decode_utsname(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    if (addr == 0) return Value::address(0);
    utsname u{};
    if (!ctx.mem.read_object(addr, u)) return Value::address(addr);
    Value v = Value::structure();
    v.add("sysname", uts_field(u.sysname));
    v.add("nodename", uts_field(u.nodename));
    if (ctx.abbrev()) {
        v.truncated = true;
        return v;
    }
    v.add("release", uts_field(u.release));
    v.add("version", uts_field(u.version));
    v.add("machine", uts_field(u.machine));
    v.add("domainname", uts_field(u.domainname));
    return v;
}

Value decode_sysinfo(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    if (addr == 0) return Value::address(0);
    struct sysinfo si {};
    if (!ctx.mem.read_object(addr, si)) return Value::address(addr);
    Value loads = Value::array();
    for (const unsigned long l : si.loads)
        loads.push(Value::unsigned_int(l));
    Value v = Value::structure();
    v.add("uptime", Value::signed_int(si.uptime));
    v.add("loads", std::move(loads));
    v.add("totalram", Value::unsigned_int(si.totalram));
    v.add("freeram", Value::unsigned_int(si.freeram));
    v.add("sharedram", Value::unsigned_int(si.sharedram));
    v.add("bufferram", Value::unsigned_int(si.bufferram));
    v.add("totalswap", Value::unsigned_int(si.totalswap));
    v.add("freeswap", Value::unsigned_int(si.freeswap));
    v.add("procs", Value::unsigned_int(si.procs));
    v.add("totalhigh", Value::unsigned_int(si.totalhigh));
    v.add("freehigh", Value::unsigned_int(si.freehigh));
    v.add("mem_unit", Value::unsigned_int(si.mem_unit));
    return v;
}

// getrandom's bytes, always in \x escapes as strace prints them.
Value decode_random_buf(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    if (addr == 0 || !ctx.call.exiting || ctx.call.failed) return Value::address(addr);
    const auto len = static_cast<std::uint64_t>(ctx.call.ret);
    const auto shown = static_cast<std::size_t>(std::min<std::uint64_t>(len, ctx.opts.string_limit));
    std::string bytes(shown, '\0');
    if (ctx.mem.read(addr, std::as_writable_bytes(std::span(bytes.data(), bytes.size()))) != shown)
        return Value::address(addr);
    Value v = Value::string(std::move(bytes), len > shown);
    v.raw_style = ValueType::HexDigits; // always in \x escapes
    return v;
}

Value decode_getrandom_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::getrandom_flags, static_cast<std::uint32_t>(ctx.arg(i)), "GRND_???");
}

Value decode_pidfd_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::pidfd_flags, static_cast<std::uint32_t>(ctx.arg(i)), "PIDFD_???");
}

Value decode_cap_header(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    if (addr == 0) return Value::address(0);
    CapHeader h{};
    if (!ctx.mem.read_object(addr, h)) return Value::address(addr);
    Value v = Value::structure();
    v.add("version", enum_value(flagsets::cap_versions, h.version, "_LINUX_CAPABILITY_VERSION_???"));
    v.add("pid", Value::signed_int(h.pid));
    return v;
}

// The data's layout depends on the header's version: one struct for version 1, two (the high words
// of 64-bit sets) after it.
Value decode_cap_data(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    CapHeader h{};
    if (addr == 0 || ctx.arg(0) == 0 || !ctx.mem.read_object(ctx.arg(0), h)) return Value::address(addr);
    std::array<CapData, 2> data{};
    const std::size_t n =
        h.version == kCapVersion1 || enum_name(flagsets::cap_versions, h.version) == nullptr ? 1 : 2;
    const std::size_t bytes = n * sizeof(CapData);
    if (ctx.mem.read(addr, std::as_writable_bytes(std::span(data)).first(bytes)) != bytes)
        return Value::address(addr);
    const auto set = [&](std::uint32_t CapData::*field) {
        return cap_set_value(data[0].*field | (n > 1 ? std::uint64_t{data[1].*field} << 32 : 0));
    };
    Value v = Value::structure();
    v.add("effective", set(&CapData::effective));
    v.add("permitted", set(&CapData::permitted));
    v.add("inheritable", set(&CapData::inheritable));
    return v;
}

Value decode_uid(const DecodeContext& ctx, int i) {
    const auto id = static_cast<std::uint32_t>(ctx.arg(i));
    if (id == ~std::uint32_t{0}) return Value::signed_int(-1);
    return Value::unsigned_int(id);
}

Value decode_uid_ptr(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    if (addr == 0 || !ctx.call.exiting) return Value::address(addr);
    std::uint32_t id = 0;
    if (!ctx.mem.read_object(addr, id)) return Value::address(addr);
    Value v = Value::array();
    v.push(id == ~std::uint32_t{0} ? Value::signed_int(-1) : Value::unsigned_int(id));
    return v;
}

Value decode_gid_list(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    const auto size = static_cast<std::uint32_t>(ctx.arg(0));
    const bool out = ctx.spec(i).dir != ArgDir::in;
    if (addr == 0 || (out && !ctx.call.exiting)) return Value::address(addr);
    // getgroups's list has as many groups as it returns, even when its size is 0 and nothing was
    // written (strace reads them anyway); more than the kernel allows is an address.
    const std::uint64_t count = out ? static_cast<std::uint64_t>(ctx.call.ret) : size;
    if (count > kMaxGroups) return Value::address(addr);
    Value v = Value::array();
    const std::uint64_t shown = std::min<std::uint64_t>(count, count_limit(ctx));
    std::vector<std::uint32_t> ids(static_cast<std::size_t>(shown));
    const std::size_t bytes = ids.size() * sizeof(std::uint32_t);
    if (ctx.mem.read(addr, std::as_writable_bytes(std::span(ids))) != bytes) return Value::address(addr);
    for (const std::uint32_t id : ids)
        v.push(id == ~std::uint32_t{0} ? Value::signed_int(-1) : Value::unsigned_int(id));
    v.truncated = count > shown;
    return v;
}

// sched_getscheduler(0) = 0 (SCHED_OTHER)
int decode_sched_getscheduler(const DecodeContext& ctx, std::vector<Value>& values) {
    if (!ctx.call.exiting) {
        values.assign(1, Value::signed_int(static_cast<std::int32_t>(ctx.arg(0))));
        return 1;
    }
    if (!ctx.call.failed && ctx.call.ret_detail != nullptr) {
        if (const char* name = enum_name(flagsets::sched_policies, static_cast<std::uint64_t>(ctx.call.ret)))
            *ctx.call.ret_detail = Value::symbol(name, static_cast<std::uint64_t>(ctx.call.ret));
    }
    return 1;
}

} // namespace trace
