// File decoders beyond stat: openat2's open_how, directory entries, seeking, advice, allocation,
// locks, renames, utimensat's times, pipes' descriptors and offset pointers.
#include "trace/decode/fs.hpp"
#include "trace/decode/arg_decoders.hpp"
#include "trace/decode/fd_info.hpp"
#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"

#include <algorithm>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>

namespace trace {

namespace {

// openat2's struct open_how as of its first version.
struct OpenHow {
    std::uint64_t flags;
    std::uint64_t mode;
    std::uint64_t resolve;
};

struct DirentLayout {
    std::size_t header; // bytes before d_name
    bool type_last;     // getdents: d_type is the record's last byte, after the name
};

constexpr DirentLayout kDirent64{19, false};
constexpr DirentLayout kDirent{18, true};
constexpr std::size_t kMaxNameLen = 256;
// A directory buffer is read whole, up to this much (getdents callers use 32 KiB).
constexpr std::uint64_t kMaxDirentBytes = std::uint64_t{1} << 20;

template <typename T> T load(const std::string& bytes, std::size_t offset) {
    T v{};
    std::memcpy(&v, bytes.data() + offset, sizeof v);
    return v;
}

// One directory entry, or nothing when the record is malformed.
Value dirent_value(const std::string& bytes, std::size_t at, std::size_t reclen, DirentLayout layout) {
    Value v = Value::structure();
    v.add("d_ino", Value::unsigned_int(load<std::uint64_t>(bytes, at)));
    v.add("d_off", Value::unsigned_int(load<std::uint64_t>(bytes, at + 8)));
    v.add("d_reclen", Value::unsigned_int(reclen));
    const std::size_t name_at = at + layout.header;
    std::size_t name_len = reclen > layout.header ? reclen - layout.header : 0;
    if (layout.type_last && name_len > 0) --name_len;
    name_len = std::min(name_len, kMaxNameLen);
    const std::string_view area(bytes.data() + name_at, name_len);
    const std::string_view name = area.substr(0, std::min(area.find('\0'), area.size()));
    const auto type = static_cast<unsigned char>(layout.type_last ? bytes[at + reclen - 1] : bytes[at + 18]);
    Value type_value = enum_value(flagsets::dirent_types, type, "DT_???");
    Value name_value = Value::string(std::string(name), false);
    if (layout.type_last) {
        if (name_len > 0) v.add("d_name", std::move(name_value));
        v.add("d_type", std::move(type_value));
    } else {
        v.add("d_type", std::move(type_value));
        if (name_len > 0) v.add("d_name", std::move(name_value));
    }
    return v;
}

// getdents and getdents64 at exit: the address with the number of entries, or every entry with -v.
Value dirents_value(const DecodeContext& ctx, int i, DirentLayout layout) {
    const std::uint64_t addr = ctx.arg(i);
    const auto ret = static_cast<std::uint64_t>(ctx.call.ret);
    if (!ctx.call.exiting || ctx.call.failed || !ctx.deref() || ret > ctx.arg(i + 1))
        return Value::address(addr);
    const std::uint64_t len = std::min(ret, kMaxDirentBytes);
    std::string bytes(static_cast<std::size_t>(len), '\0');
    const std::size_t got = ctx.mem.read(addr, std::as_writable_bytes(std::span(bytes.data(), bytes.size())));
    const bool abbrev = ctx.abbrev();
    if (got < layout.header && len >= layout.header) return Value::address(addr);
    Value entries = Value::array();
    std::size_t count = 0;
    std::size_t at = 0;
    while (len - at >= layout.header) {
        if (got - std::min(got, at) < layout.header) {
            entries.push(Value::more_at(addr + at));
            break;
        }
        std::size_t reclen = load<std::uint16_t>(bytes, at + 16);
        reclen = std::clamp<std::size_t>(reclen, layout.header, len - at);
        ++count;
        if (!abbrev) {
            if (at + reclen > got) {
                entries.push(Value::more_at(addr + at));
                break;
            }
            entries.push(dirent_value(bytes, at, reclen, layout));
        }
        at += reclen;
    }
    if (!abbrev) return entries;
    Value v = Value::address(addr);
    v.note(Value::count(count, "entries", len - at > 0));
    return v;
}

Value offset_in_brackets(std::int64_t offset) {
    Value v = Value::array();
    v.push(Value::signed_int(offset));
    return v;
}

// An loff_t the pointer points to: [5], NULL, or the address when unreadable.
Value offset_at(const DecodeContext& ctx, std::uint64_t addr, bool& ok) {
    std::int64_t offset = 0;
    ok = addr != 0 && ctx.mem.read_object(addr, offset);
    if (!ok) return Value::address(addr);
    return offset_in_brackets(offset);
}

Value timespec_or_special(std::int64_t sec, std::int64_t nsec) {
    if (nsec == UTIME_NOW || nsec == UTIME_OMIT)
        return Value::symbol(nsec == UTIME_NOW ? "UTIME_NOW" : "UTIME_OMIT",
                             static_cast<std::uint64_t>(nsec));
    Value v = Value::structure();
    v.add("tv_sec", Value::signed_int(sec));
    v.add("tv_nsec", Value::signed_int(nsec));
    if (nsec >= 0) add_date_note(v, sec, static_cast<std::uint64_t>(nsec));
    return v;
}

} // namespace

Value decode_open_how(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    OpenHow how{};
    if (ctx.arg(i + 1) < sizeof how || !ctx.deref() || !ctx.mem.read_object(addr, how))
        return Value::address(addr);
    Value v = Value::structure();
    v.add("flags", open_flags_value(static_cast<std::uint32_t>(how.flags)));
    if ((how.flags & (O_CREAT | kKernelTmpfile)) != 0 || how.mode != 0)
        v.add("mode", umode_value(static_cast<std::uint32_t>(how.mode)));
    v.add("resolve", flags_value(flagsets::resolve_flags, how.resolve, "RESOLVE_???"));
    return v;
}

Value decode_dirents64(const DecodeContext& ctx, int i) {
    return dirents_value(ctx, i, kDirent64);
}

Value decode_dirents(const DecodeContext& ctx, int i) {
    return dirents_value(ctx, i, kDirent);
}

Value decode_seek_whence(const DecodeContext& ctx, int i) {
    return enum_value(flagsets::seek_whence, static_cast<std::uint32_t>(ctx.arg(i)), "SEEK_???");
}

Value decode_fadvice(const DecodeContext& ctx, int i) {
    return enum_value(flagsets::fadvise_advice, static_cast<std::uint32_t>(ctx.arg(i)), "POSIX_FADV_???");
}

Value decode_falloc_mode(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::falloc_flags, static_cast<std::uint32_t>(ctx.arg(i)), "FALLOC_FL_???");
}

Value decode_flock_op(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::flock_ops, static_cast<std::uint32_t>(ctx.arg(i)), "LOCK_???");
}

Value decode_xattr_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::xattr_flags, static_cast<std::uint32_t>(ctx.arg(i)), "XATTR_???");
}

Value decode_rename_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::rename_flags, static_cast<std::uint32_t>(ctx.arg(i)), "RENAME_???");
}

Value decode_close_range_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::close_range_flags, static_cast<std::uint32_t>(ctx.arg(i)),
                       "CLOSE_RANGE_???");
}

Value decode_splice_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::splice_flags, static_cast<std::uint32_t>(ctx.arg(i)), "SPLICE_F_???");
}

Value decode_pipe_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::open_flags, static_cast<std::uint32_t>(ctx.arg(i)), "O_???");
}

// utimensat's struct timespec[2], read whole.
Value decode_utimes(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    std::int64_t times[4]{};
    if (addr == 0 || !ctx.deref() || !ctx.mem.read_object(addr, times)) return Value::address(addr);
    Value v = Value::array();
    v.push(timespec_or_special(times[0], times[1]));
    v.push(timespec_or_special(times[2], times[3]));
    return v;
}

// pipe's and socketpair's int[2], filled by the kernel.
Value decode_fd_pair(const DecodeContext& ctx, int i) {
    const std::uint64_t addr = ctx.arg(i);
    int fds[2]{};
    if (!ctx.call.exiting || ctx.call.failed || !ctx.mem.read_object(addr, fds)) return Value::address(addr);
    Value v = Value::array();
    v.push(fd_value(ctx, fds[0]));
    v.push(fd_value(ctx, fds[1]));
    return v;
}

Value decode_loff_ptr(const DecodeContext& ctx, int i) {
    bool ok = false;
    return offset_at(ctx, ctx.arg(i), ok);
}

// sendfile's offset: [5] at entry; at exit "[5] => [15]" when the kernel moved it.
Value decode_loff_inout(const DecodeContext& ctx, int i) {
    bool ok = false;
    Value now = offset_at(ctx, ctx.arg(i), ok);
    const Value* before = ctx.entry_value(i);
    if (!ctx.call.exiting || before == nullptr || before->type != ValueType::Array) return now;
    if (ctx.call.failed || !ok || now.fields[0].value.num == before->fields[0].value.num) return *before;
    return Value::changed(*before, std::move(now));
}

Value decode_rwf_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::rwf_flags, static_cast<std::uint32_t>(ctx.arg(i)), "RWF_???");
}

Value decode_sync_file_range_flags(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::sync_file_range_flags, static_cast<std::uint32_t>(ctx.arg(i)),
                       "SYNC_FILE_RANGE_???");
}

Value decode_skipped(const DecodeContext& ctx, int i) {
    Value v = Value::hex(ctx.arg(i)); // the number, for whoever wants it; never printed
    v.omitted = true;
    return v;
}

} // namespace trace
