#pragma once
// Decoders of the file family: stat, statx and statfs structures, directory entries, openat2's
// open_how, seeking, advice, allocation, locks, renames, times, pipes and offsets (one per ArgKind,
// registered in src/decode/registry.cpp), and the whole-call decoders of fcntl and ioctl.
#include "trace/decode/decoder.hpp"
#include "trace/decode/value.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace trace {

// "2026-11-29T02:46:09.053641099+0000" (local time, as strace prints file times in comments): the
// fraction part has digits digits (9: nanoseconds, 6: microseconds, 0: none); empty for the epoch
// itself (0, 0) and for a fraction out of range, as strace prints no comment then.
Value& add_date_note(Value& v, std::int64_t sec, std::uint64_t part, int digits = 9);

// makedev(0xfe, 0) from a 64-bit dev_t (glibc's encoding, which stat and statx use).
Value dev64_value(std::uint64_t dev);

// stat.cpp
Value decode_stat_buf(const DecodeContext& ctx, int i);
Value decode_statx_buf(const DecodeContext& ctx, int i);
Value decode_statx_flags(const DecodeContext& ctx, int i);
Value decode_statx_mask(const DecodeContext& ctx, int i);
Value decode_statfs_buf(const DecodeContext& ctx, int i);

// fs.cpp
Value decode_open_how(const DecodeContext& ctx, int i);
Value decode_dirents64(const DecodeContext& ctx, int i);
Value decode_dirents(const DecodeContext& ctx, int i);
Value decode_seek_whence(const DecodeContext& ctx, int i);
Value decode_fadvice(const DecodeContext& ctx, int i);
Value decode_falloc_mode(const DecodeContext& ctx, int i);
Value decode_flock_op(const DecodeContext& ctx, int i);
Value decode_xattr_flags(const DecodeContext& ctx, int i); // XATTR_CREATE
Value decode_rename_flags(const DecodeContext& ctx, int i);
Value decode_close_range_flags(const DecodeContext& ctx, int i);
Value decode_splice_flags(const DecodeContext& ctx, int i);
Value decode_utimes(const DecodeContext& ctx, int i);

// utime.cpp: the old file-time calls
Value decode_utimbuf(const DecodeContext& ctx, int i);      // utime's {actime=..., modtime=...}
Value decode_timeval_pair(const DecodeContext& ctx, int i); // utimes's and futimesat's timeval[2]
Value decode_fd_pair(const DecodeContext& ctx, int i);
Value decode_pipe_flags(const DecodeContext& ctx, int i);
Value decode_loff_ptr(const DecodeContext& ctx, int i);
Value decode_loff_inout(const DecodeContext& ctx, int i);
Value decode_rwf_flags(const DecodeContext& ctx, int i);
Value decode_sync_file_range_flags(const DecodeContext& ctx, int i);
// An argument strace leaves out (preadv2's high half of the offset, which x86-64 ignores).
Value decode_skipped(const DecodeContext& ctx, int i);

// fcntl.cpp: fcntl's arguments depend on its command; F_GETFL and friends return flags.
int decode_fcntl_call(const DecodeContext& ctx, std::vector<Value>& values);
Value fcntl_return(const DecodeContext& ctx);

// ioctl.cpp: the request's name and its argument.
int decode_ioctl_call(const DecodeContext& ctx, std::vector<Value>& values);
Value ioctl_return(const DecodeContext& ctx);

} // namespace trace
