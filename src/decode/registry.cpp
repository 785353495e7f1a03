#include "trace/decode/arg_decoders.hpp"
#include "trace/decode/decoder.hpp"
#include "trace/decode/fs.hpp"
#include "trace/decode/io.hpp"
#include "trace/decode/ipc.hpp"
#include "trace/decode/mman.hpp"
#include "trace/decode/mount_ns.hpp"
#include "trace/decode/net.hpp"
#include "trace/decode/notify.hpp"
#include "trace/decode/numa.hpp"
#include "trace/decode/poll.hpp"
#include "trace/decode/process.hpp"
#include "trace/decode/resource.hpp"
#include "trace/decode/sched.hpp"
#include "trace/decode/signal.hpp"
#include "trace/decode/time.hpp"

#include <array>
#include <cassert>
#include <cstddef>

namespace trace {

namespace {

// Whether a kind's decoder reads a structure from the tracee's memory. Like strace's
// umove_or_printaddr, it then shows the bare address for a call left out of -e verbose= (a string, a
// data buffer or a number is shown whatever -e verbose= says).
enum class Reads : std::uint8_t { value, structure };

struct Registration {
    ArgKind kind;
    DecoderFn fn;
    Reads reads = Reads::value;
};

// One row per ArgKind, in the enum's order (checked below).
constexpr std::array kDecoders{
    Registration{ArgKind::int_, decode_int},
    Registration{ArgKind::uint, decode_uint},
    Registration{ArgKind::hex, decode_hex},
    Registration{ArgKind::oct, decode_oct},
    Registration{ArgKind::size, decode_size},
    Registration{ArgKind::ptr, decode_ptr},
    Registration{ArgKind::long_, decode_long},
    Registration{ArgKind::ulong, decode_ulong},
    Registration{ArgKind::fd, decode_fd},
    Registration{ArgKind::dirfd, decode_dirfd},
    Registration{ArgKind::path, decode_path},
    Registration{ArgKind::str, decode_str},
    Registration{ArgKind::in_buf, decode_in_buf},
    Registration{ArgKind::out_buf, decode_out_buf},
    Registration{ArgKind::open_flags, decode_open_flags},
    Registration{ArgKind::mode, decode_mode},
    Registration{ArgKind::umode, decode_umode},
    Registration{ArgKind::dev, decode_dev},
    Registration{ArgKind::at_flags, decode_at_flags},
    Registration{ArgKind::faccessat_flags, decode_faccessat_flags},
    Registration{ArgKind::access_mode, decode_access_mode},
    Registration{ArgKind::mmap_prot, decode_mmap_prot},
    Registration{ArgKind::mmap_flags, decode_mmap_flags},
    Registration{ArgKind::argv, decode_argv, Reads::structure},
    Registration{ArgKind::envp, decode_envp, Reads::structure},
    Registration{ArgKind::signo, decode_signo},
    Registration{ArgKind::sigset, decode_sigset, Reads::structure},
    Registration{ArgKind::sigaction, decode_sigaction, Reads::structure},
    Registration{ArgKind::sigprocmask_how, decode_sigprocmask_how},
    Registration{ArgKind::sigaltstack, decode_sigaltstack, Reads::structure},
    Registration{ArgKind::siginfo, decode_siginfo, Reads::structure},
    Registration{ArgKind::signalfd_flags, decode_signalfd_flags},
    Registration{ArgKind::timespec, decode_timespec, Reads::structure},
    Registration{ArgKind::timeval, decode_timeval, Reads::structure},
    Registration{ArgKind::itimerval, decode_itimerval, Reads::structure},
    Registration{ArgKind::itimerspec, decode_itimerspec, Reads::structure},
    Registration{ArgKind::rem_timespec, decode_rem_timespec, Reads::structure},
    Registration{ArgKind::timezone_ptr, decode_timezone, Reads::structure},
    Registration{ArgKind::tms, decode_tms, Reads::structure},
    Registration{ArgKind::time_ptr, decode_time_ptr},
    Registration{ArgKind::clockid, decode_clockid},
    Registration{ArgKind::itimer_which, decode_itimer_which},
    Registration{ArgKind::timer_flags, decode_timer_flags},
    Registration{ArgKind::timerfd_flags, decode_timerfd_flags},
    Registration{ArgKind::wait_status, decode_wait_status, Reads::structure},
    Registration{ArgKind::wait_options, decode_wait_options},
    Registration{ArgKind::wait_rusage, decode_wait_rusage, Reads::structure},
    Registration{ArgKind::rusage, decode_rusage, Reads::structure},
    Registration{ArgKind::rusage_who, decode_rusage_who},
    Registration{ArgKind::waitid_which, decode_waitid_which},
    Registration{ArgKind::unshare_flags, decode_unshare_flags},
    Registration{ArgKind::rlimit_resource, decode_rlimit_resource},
    Registration{ArgKind::rlimit, decode_rlimit, Reads::structure},
    Registration{ArgKind::priority_which, decode_priority_which},
    Registration{ArgKind::sched_policy, decode_sched_policy},
    Registration{ArgKind::sched_param, decode_sched_param, Reads::structure},
    Registration{ArgKind::cpu_set, decode_cpu_set, Reads::structure},
    Registration{ArgKind::utsname, decode_utsname, Reads::structure},
    Registration{ArgKind::sysinfo, decode_sysinfo, Reads::structure},
    Registration{ArgKind::random_buf, decode_random_buf},
    Registration{ArgKind::getrandom_flags, decode_getrandom_flags},
    Registration{ArgKind::pidfd_flags, decode_pidfd_flags},
    Registration{ArgKind::cap_header, decode_cap_header, Reads::structure},
    Registration{ArgKind::cap_data, decode_cap_data, Reads::structure},
    Registration{ArgKind::uid, decode_uid},
    Registration{ArgKind::uid_ptr, decode_uid_ptr, Reads::structure},
    Registration{ArgKind::gid_list, decode_gid_list},
    Registration{ArgKind::mremap_flags, decode_mremap_flags},
    Registration{ArgKind::mremap_new_addr, decode_mremap_new_addr},
    Registration{ArgKind::madvise_advice, decode_madvise_advice},
    Registration{ArgKind::msync_flags, decode_msync_flags},
    Registration{ArgKind::mlock_flags, decode_mlock_flags},
    Registration{ArgKind::mlockall_flags, decode_mlockall_flags},
    Registration{ArgKind::mincore_vec, decode_mincore_vec, Reads::structure},
    Registration{ArgKind::epoll_ctl_op, decode_epoll_ctl_op},
    Registration{ArgKind::epoll_ctl_event, decode_epoll_ctl_event, Reads::structure},
    Registration{ArgKind::epoll_events, decode_epoll_events},
    Registration{ArgKind::epoll_flags, decode_epoll_flags},
    Registration{ArgKind::eventfd_flags, decode_eventfd_flags},
    Registration{ArgKind::stat_buf, decode_stat_buf, Reads::structure},
    Registration{ArgKind::statx_buf, decode_statx_buf, Reads::structure},
    Registration{ArgKind::statx_flags, decode_statx_flags},
    Registration{ArgKind::statx_mask, decode_statx_mask},
    Registration{ArgKind::statfs_buf, decode_statfs_buf, Reads::structure},
    Registration{ArgKind::open_how, decode_open_how, Reads::structure},
    Registration{ArgKind::dirents64, decode_dirents64, Reads::structure},
    Registration{ArgKind::dirents, decode_dirents, Reads::structure},
    Registration{ArgKind::seek_whence, decode_seek_whence},
    Registration{ArgKind::fadvice, decode_fadvice},
    Registration{ArgKind::falloc_mode, decode_falloc_mode},
    Registration{ArgKind::flock_op, decode_flock_op},
    Registration{ArgKind::rename_flags, decode_rename_flags},
    Registration{ArgKind::close_range_flags, decode_close_range_flags},
    Registration{ArgKind::splice_flags, decode_splice_flags},
    Registration{ArgKind::utimens_times, decode_utimes, Reads::structure},
    Registration{ArgKind::utimbuf, decode_utimbuf, Reads::structure},
    Registration{ArgKind::timeval_pair, decode_timeval_pair, Reads::structure},
    Registration{ArgKind::fd_pair, decode_fd_pair, Reads::structure},
    Registration{ArgKind::pipe_flags, decode_pipe_flags},
    Registration{ArgKind::loff_ptr, decode_loff_ptr, Reads::structure},
    Registration{ArgKind::loff_inout, decode_loff_inout, Reads::structure},
    Registration{ArgKind::iovecs, decode_iovec, Reads::structure},
    Registration{ArgKind::sock_family, decode_sock_family},
    Registration{ArgKind::sock_type, decode_sock_type},
    Registration{ArgKind::sock_protocol, decode_sock_protocol},
    Registration{ArgKind::sock_flags, decode_sock_flags},
    Registration{ArgKind::sockaddr_arg, decode_sockaddr_in, Reads::structure},
    Registration{ArgKind::sockaddr_out, decode_sockaddr_out, Reads::structure},
    Registration{ArgKind::socklen_inout, decode_socklen_inout, Reads::structure},
    Registration{ArgKind::sock_level, decode_sock_level},
    Registration{ArgKind::sockopt_name, decode_sockopt_name},
    Registration{ArgKind::sockopt_in, decode_sockopt_in, Reads::structure},
    Registration{ArgKind::sockopt_out, decode_sockopt_out, Reads::structure},
    Registration{ArgKind::msg_flags, decode_msg_flags},
    Registration{ArgKind::shutdown_how, decode_shutdown_how},
    Registration{ArgKind::msghdr_in, decode_msghdr_in, Reads::structure},
    Registration{ArgKind::msghdr_out, decode_msghdr_out, Reads::structure},
    Registration{ArgKind::mmsghdrs, decode_mmsghdrs, Reads::structure},
    Registration{ArgKind::ipc_key, decode_ipc_key},
    Registration{ArgKind::ipc_get_flags, decode_ipc_get_flags},
    Registration{ArgKind::shmat_flags, decode_shmat_flags},
    Registration{ArgKind::shmctl_cmd, decode_shmctl_cmd},
    Registration{ArgKind::semctl_cmd, decode_semctl_cmd},
    Registration{ArgKind::msgctl_cmd, decode_msgctl_cmd},
    Registration{ArgKind::shmid_ds, decode_shmid_ds, Reads::structure},
    Registration{ArgKind::msqid_ds, decode_msqid_ds, Reads::structure},
    Registration{ArgKind::sembufs, decode_sembufs, Reads::structure},
    Registration{ArgKind::msgbuf_in, decode_msgbuf_in, Reads::structure},
    Registration{ArgKind::msgbuf_out, decode_msgbuf_out, Reads::structure},
    Registration{ArgKind::ipc_msg_flags, decode_ipc_msg_flags},
    Registration{ArgKind::memfd_flags, decode_memfd_flags},
    Registration{ArgKind::mq_attr, decode_mq_attr, Reads::structure},
    Registration{ArgKind::mq_attr_open, decode_mq_attr_open, Reads::structure},
    Registration{ArgKind::uint_ptr, decode_uint_ptr, Reads::structure},
    Registration{ArgKind::sigevent, decode_sigevent, Reads::structure},
    Registration{ArgKind::semun, decode_semun},
    Registration{ArgKind::rwf_flags, decode_rwf_flags},
    Registration{ArgKind::sync_file_range_flags, decode_sync_file_range_flags},
    Registration{ArgKind::inotify_init_flags, decode_inotify_init_flags},
    Registration{ArgKind::inotify_mask, decode_inotify_mask},
    Registration{ArgKind::fan_init_flags, decode_fan_init_flags},
    Registration{ArgKind::fan_mark_flags, decode_fan_mark_flags},
    Registration{ArgKind::fan_event_mask, decode_fan_event_mask},
    Registration{ArgKind::fan_dirfd, decode_fan_dirfd},
    Registration{ArgKind::mount_type, decode_mount_type},
    Registration{ArgKind::mount_flags, decode_mount_flags},
    Registration{ArgKind::mount_data, decode_mount_data},
    Registration{ArgKind::umount_flags, decode_umount_flags},
    Registration{ArgKind::setns_type, decode_setns_type},
    Registration{ArgKind::sched_attr_in, decode_sched_attr_in, Reads::structure},
    Registration{ArgKind::sched_attr_out, decode_sched_attr_out, Reads::structure},
    Registration{ArgKind::membarrier_cmd, decode_membarrier_cmd},
    Registration{ArgKind::membarrier_flags, decode_membarrier_flags},
    Registration{ArgKind::membarrier_cpu, decode_membarrier_cpu},
    Registration{ArgKind::rseq_area, decode_rseq_area, Reads::structure},
    Registration{ArgKind::rseq_flags, decode_rseq_flags},
    Registration{ArgKind::pkey_access, decode_pkey_access},
    Registration{ArgKind::xattr_flags, decode_xattr_flags},
    Registration{ArgKind::ufd, decode_ufd},
    Registration{ArgKind::addr_out, decode_addr_out, Reads::structure},
    Registration{ArgKind::ulong_out, decode_ulong_out, Reads::structure},
    Registration{ArgKind::personality, decode_personality},
    Registration{ArgKind::mpol_mode, decode_mpol_mode},
    Registration{ArgKind::mpol_mode_int, decode_mpol_mode_int},
    Registration{ArgKind::mpol_mode_out, decode_mpol_mode_out, Reads::structure},
    Registration{ArgKind::nodemask, decode_nodemask, Reads::structure},
    Registration{ArgKind::migrate_nodemask, decode_migrate_nodemask, Reads::structure},
    Registration{ArgKind::mbind_flags, decode_mbind_flags},
    Registration{ArgKind::get_mempolicy_flags, decode_get_mempolicy_flags},
    Registration{ArgKind::skipped, decode_skipped},
    Registration{ArgKind::struct_ptr, decode_struct_ptr},
};

constexpr bool every_kind_in_order() {
    for (std::size_t i = 0; i < kDecoders.size(); ++i)
        if (static_cast<std::size_t>(kDecoders[i].kind) != i) return false; // (null fns: tested at run time)
    return true;
}

static_assert(kDecoders.size() == kArgKindCount, "every ArgKind needs a decoder in kDecoders");
static_assert(every_kind_in_order(), "kDecoders must list the kinds in the order of enum ArgKind");

} // namespace

bool DecodeContext::bound_length(int i, std::uint64_t& len) const {
    const std::int8_t bind = spec(i).bind;
    if (bind == kBindRet) {
        if (!call.exiting || call.failed || call.ret < 0) return false;
        len = static_cast<std::uint64_t>(call.ret);
        return true;
    }
    if (bind < 0 || bind >= kMaxArgs) return false;
    len = arg(bind);
    return true;
}

namespace {

const Registration& registration(ArgKind kind) {
    const auto index = static_cast<std::size_t>(kind);
    assert(index < kDecoders.size());
    return kDecoders[index];
}

} // namespace

DecoderFn decoder_for(ArgKind kind) {
    return registration(kind).fn;
}

Value decode_arg(const DecodeContext& ctx, int arg_index) {
    assert(ctx.call.entry != nullptr && arg_index >= 0 && arg_index < ctx.call.entry->nargs);
    const ArgSpec& spec = ctx.spec(arg_index);
    // The kernel wrote nothing worth showing: strace prints the pointer. A number printed at exit
    // (sched_getattr's size and flags, which strace prints after the struct) stays a number.
    const bool number = spec.kind == ArgKind::int_ || spec.kind == ArgKind::uint;
    if (spec.dir == ArgDir::out && ctx.call.exiting && ctx.call.failed && !number)
        return Value::address(ctx.arg(arg_index));
    const Registration& r = registration(spec.kind);
    if (r.reads == Reads::structure && !ctx.deref()) return Value::address(ctx.arg(arg_index));
    return r.fn(ctx, arg_index);
}

} // namespace trace
