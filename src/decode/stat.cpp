// struct stat (stat, fstat, lstat, newfstatat), struct statx and struct statfs, each read whole.
#include "trace/decode/arg_decoders.hpp"
#include "trace/decode/flags.hpp"
#include "trace/decode/flagsets.hpp"
#include "trace/decode/fs.hpp"

#include <sys/stat.h>

namespace trace {

namespace {

// The kernel's struct stat on x86-64.
struct KernelStat {
    std::uint64_t dev;
    std::uint64_t ino;
    std::uint64_t nlink;
    std::uint32_t mode;
    std::uint32_t uid;
    std::uint32_t gid;
    std::uint32_t pad0;
    std::uint64_t rdev;
    std::int64_t size;
    std::int64_t blksize;
    std::int64_t blocks;
    std::int64_t atime;
    std::uint64_t atime_nsec;
    std::int64_t mtime;
    std::uint64_t mtime_nsec;
    std::int64_t ctime;
    std::uint64_t ctime_nsec;
    std::int64_t unused[3];
};
static_assert(sizeof(KernelStat) == 144);

struct StatxTimestamp {
    std::int64_t tv_sec;
    std::uint32_t tv_nsec;
    std::int32_t reserved;
};

// The kernel's struct statx (256 bytes, fields up to Linux 6.11).
struct KernelStatx {
    std::uint32_t mask;
    std::uint32_t blksize;
    std::uint64_t attributes;
    std::uint32_t nlink;
    std::uint32_t uid;
    std::uint32_t gid;
    std::uint16_t mode;
    std::uint16_t pad1;
    std::uint64_t ino;
    std::uint64_t size;
    std::uint64_t blocks;
    std::uint64_t attributes_mask;
    StatxTimestamp atime;
    StatxTimestamp btime;
    StatxTimestamp ctime;
    StatxTimestamp mtime;
    std::uint32_t rdev_major;
    std::uint32_t rdev_minor;
    std::uint32_t dev_major;
    std::uint32_t dev_minor;
    std::uint64_t mnt_id;
    std::uint32_t dio_mem_align;
    std::uint32_t dio_offset_align;
    std::uint64_t subvol;
    std::uint32_t atomic_write_unit_min;
    std::uint32_t atomic_write_unit_max;
    std::uint32_t atomic_write_segments_max;
    std::uint32_t spare1[3];
    std::uint64_t spare3[8];
};
static_assert(sizeof(KernelStatx) == 256);

// The kernel's struct statfs on x86-64.
struct KernelStatfs {
    std::int64_t type;
    std::int64_t bsize;
    std::uint64_t blocks;
    std::uint64_t bfree;
    std::uint64_t bavail;
    std::uint64_t files;
    std::uint64_t ffree;
    std::int32_t fsid[2];
    std::int64_t namelen;
    std::int64_t frsize;
    std::int64_t flags;
    std::int64_t spare[4];
};
static_assert(sizeof(KernelStatfs) == 120);

constexpr std::uint32_t kStatxSyncMask = 0x6000; // AT_STATX_SYNC_TYPE
constexpr std::uint32_t kStatxDioAlign = 0x2000;
constexpr std::uint32_t kStatxMntId = 0x1000;
constexpr std::uint32_t kStatxSubvol = 0x8000;
constexpr std::uint64_t kStatxAttrWriteAtomic = 0x400000;
constexpr std::int64_t kStValid = 0x20;

// A struct argument the kernel filled: the struct, or the address when it cannot be shown.
template <typename T> bool read_output(const DecodeContext& ctx, int i, T& out) {
    const std::uint64_t addr = ctx.arg(i);
    return addr != 0 && ctx.deref() && ctx.mem.read_object(addr, out);
}

Value seconds_value(std::int64_t sec, std::uint64_t nsec) {
    Value v = Value::signed_int(sec);
    add_date_note(v, sec, nsec);
    return v;
}

Value statx_time(const StatxTimestamp& t) {
    Value v = Value::structure();
    v.add("tv_sec", Value::signed_int(t.tv_sec));
    v.add("tv_nsec", Value::unsigned_int(t.tv_nsec));
    add_date_note(v, t.tv_sec, t.tv_nsec);
    return v;
}

bool is_device(std::uint32_t mode) {
    return S_ISCHR(mode) || S_ISBLK(mode);
}

} // namespace

Value decode_stat_buf(const DecodeContext& ctx, int i) {
    KernelStat st{};
    if (!read_output(ctx, i, st)) return Value::address(ctx.arg(i));
    const bool full = !ctx.abbrev();
    Value v = Value::structure();
    if (full) {
        v.add("st_dev", dev64_value(st.dev));
        v.add("st_ino", Value::unsigned_int(st.ino));
        v.add("st_mode", mode_value(st.mode));
        v.add("st_nlink", Value::unsigned_int(st.nlink));
        v.add("st_uid", Value::unsigned_int(st.uid));
        v.add("st_gid", Value::unsigned_int(st.gid));
        v.add("st_blksize", Value::unsigned_int(static_cast<std::uint64_t>(st.blksize)));
        v.add("st_blocks", Value::unsigned_int(static_cast<std::uint64_t>(st.blocks)));
    } else {
        v.add("st_mode", mode_value(st.mode));
    }
    if (is_device(st.mode))
        v.add("st_rdev", dev64_value(st.rdev));
    else
        v.add("st_size", Value::unsigned_int(static_cast<std::uint64_t>(st.size)));
    if (!full) {
        v.truncated = true;
        return v;
    }
    v.add("st_atime", seconds_value(st.atime, st.atime_nsec));
    v.add("st_atime_nsec", Value::unsigned_int(st.atime_nsec));
    v.add("st_mtime", seconds_value(st.mtime, st.mtime_nsec));
    v.add("st_mtime_nsec", Value::unsigned_int(st.mtime_nsec));
    v.add("st_ctime", seconds_value(st.ctime, st.ctime_nsec));
    v.add("st_ctime_nsec", Value::unsigned_int(st.ctime_nsec));
    return v;
}

Value decode_statx_flags(const DecodeContext& ctx, int i) {
    const auto flags = static_cast<std::uint32_t>(ctx.arg(i));
    Value v = Value::flags(flags);
    add_part(v, flags_value(flagsets::statx_sync, flags & kStatxSyncMask));
    if (const std::uint32_t rest = flags & ~kStatxSyncMask; rest != 0)
        add_part(v, flags_value(flagsets::at_flags, rest));
    return v;
}

Value decode_statx_mask(const DecodeContext& ctx, int i) {
    return flags_value(flagsets::statx_masks, static_cast<std::uint32_t>(ctx.arg(i)), "STATX_???");
}

Value decode_statx_buf(const DecodeContext& ctx, int i) {
    KernelStatx stx{};
    if (!read_output(ctx, i, stx)) return Value::address(ctx.arg(i));
    const bool full = !ctx.abbrev();
    const std::uint32_t mask = stx.mask;
    Value v = Value::structure();
    v.add("stx_mask", flags_value(flagsets::statx_masks, mask, "STATX_???"));
    if (full) v.add("stx_blksize", Value::unsigned_int(stx.blksize));
    v.add("stx_attributes", flags_value(flagsets::statx_attrs, stx.attributes, "STATX_ATTR_???"));
    if (full) {
        if (mask & STATX_NLINK) v.add("stx_nlink", Value::unsigned_int(stx.nlink));
        if (mask & STATX_UID) v.add("stx_uid", Value::unsigned_int(stx.uid));
        if (mask & STATX_GID) v.add("stx_gid", Value::unsigned_int(stx.gid));
    }
    if (mask & (STATX_TYPE | STATX_MODE)) v.add("stx_mode", mode_value(stx.mode));
    if (full && (mask & STATX_INO)) v.add("stx_ino", Value::unsigned_int(stx.ino));
    if (mask & STATX_SIZE) v.add("stx_size", Value::unsigned_int(stx.size));
    if (!full) {
        v.truncated = true;
        return v;
    }
    if (mask & STATX_BLOCKS) v.add("stx_blocks", Value::unsigned_int(stx.blocks));
    v.add("stx_attributes_mask", flags_value(flagsets::statx_attrs, stx.attributes_mask, "STATX_ATTR_???"));
    if (mask & STATX_ATIME) v.add("stx_atime", statx_time(stx.atime));
    if (mask & STATX_BTIME) v.add("stx_btime", statx_time(stx.btime));
    if (mask & STATX_CTIME) v.add("stx_ctime", statx_time(stx.ctime));
    if (mask & STATX_MTIME) v.add("stx_mtime", statx_time(stx.mtime));
    v.add("stx_rdev_major", Value::unsigned_int(stx.rdev_major));
    v.add("stx_rdev_minor", Value::unsigned_int(stx.rdev_minor));
    v.add("stx_dev_major", Value::unsigned_int(stx.dev_major));
    v.add("stx_dev_minor", Value::unsigned_int(stx.dev_minor));
    if (mask & kStatxMntId) v.add("stx_mnt_id", Value::hex(stx.mnt_id));
    if (mask & kStatxDioAlign) {
        v.add("stx_dio_mem_align", Value::unsigned_int(stx.dio_mem_align));
        v.add("stx_dio_offset_align", Value::unsigned_int(stx.dio_offset_align));
    }
    if (mask & kStatxSubvol) v.add("stx_subvol", Value::hex(stx.subvol));
    if (stx.attributes & kStatxAttrWriteAtomic) {
        v.add("stx_atomic_write_unit_min", Value::unsigned_int(stx.atomic_write_unit_min));
        v.add("stx_atomic_write_unit_max", Value::unsigned_int(stx.atomic_write_unit_max));
        v.add("stx_atomic_write_segments_max", Value::unsigned_int(stx.atomic_write_segments_max));
    }
    return v;
}

Value decode_statfs_buf(const DecodeContext& ctx, int i) {
    KernelStatfs st{};
    if (!read_output(ctx, i, st)) return Value::address(ctx.arg(i));
    Value v = Value::structure();
    v.add("f_type", enum_value(flagsets::fs_magics, static_cast<std::uint64_t>(st.type)));
    v.add("f_bsize", Value::unsigned_int(static_cast<std::uint64_t>(st.bsize)));
    v.add("f_blocks", Value::unsigned_int(st.blocks));
    v.add("f_bfree", Value::unsigned_int(st.bfree));
    v.add("f_bavail", Value::unsigned_int(st.bavail));
    v.add("f_files", Value::unsigned_int(st.files));
    v.add("f_ffree", Value::unsigned_int(st.ffree));
    Value val = Value::array();
    for (const std::int32_t part : st.fsid)
        val.push(Value::hex(static_cast<std::uint32_t>(part)));
    Value fsid = Value::structure();
    fsid.add("val", std::move(val));
    v.add("f_fsid", std::move(fsid));
    v.add("f_namelen", Value::unsigned_int(static_cast<std::uint64_t>(st.namelen)));
    v.add("f_frsize", Value::unsigned_int(static_cast<std::uint64_t>(st.frsize)));
    if (st.flags & kStValid)
        v.add("f_flags", flags_value(flagsets::statfs_flags, static_cast<std::uint64_t>(st.flags), "ST_???"));
    return v;
}

} // namespace trace
