#pragma once
// The kinds an argument of a syscall can have. The syscall table source (syscalls/x86_64.tbl) names these
// enumerators; the generator reads this enum to check the names, so a new kind is added here first,
// then given a decoder in src/decode/registry.cpp.
#include <cstdint>

namespace trace {

enum class ArgKind : std::uint8_t {
    // plain numbers
    int_,  // signed decimal, a C int (the low 32 bits of the register)
    uint,  // unsigned decimal, a C unsigned int (the low 32 bits)
    hex,   // unsigned hexadecimal
    oct,   // octal with leading 0
    size,  // size_t, unsigned decimal
    ptr,   // an address printed as NULL or 0x...
    long_, // signed decimal, 64 bits (off_t, loff_t, long)
    ulong, // unsigned decimal, 64 bits (unsigned long)
    // descriptors and paths
    fd,      // a file descriptor (int); -y adds what it is
    dirfd,   // fd or AT_FDCWD
    path,    // NUL-terminated path name
    str,     // NUL-terminated string
    in_buf,  // bytes to the kernel, length bound to another argument
    out_buf, // bytes from the kernel, length bound to the return value or an argument; decoded at exit
    // flag sets and enumerations
    open_flags,
    mode,     // file mode bits with S_IF* type, e.g. S_IFREG|0644 or 0644 (mknod's)
    umode,    // permission bits as open, chmod and mkdir print them: 0644, 04755, octal even with a type
    dev,      // a device number, makedev(0x8, 0x1); mknod's only with an S_IFCHR or S_IFBLK mode
    at_flags, // AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH|...
    faccessat_flags, // faccessat2's: AT_SYMLINK_NOFOLLOW|AT_EACCESS|AT_EMPTY_PATH
    access_mode,     // F_OK, R_OK|W_OK...
    mmap_prot,
    mmap_flags,
    // process
    argv,  // NULL-terminated array of strings
    envp,  // like argv, abbreviated to 0x... /* N vars */ unless -v
    signo, // signal number as SIGxxx
    // signals (include/trace/decode/signal.hpp)
    sigset,          // a signal set, [INT TERM]; its size is the call's last size argument
    sigaction,       // struct kernel_sigaction
    sigprocmask_how, // SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK
    sigaltstack,     // stack_t
    siginfo,         // siginfo_t
    signalfd_flags,  // SFD_CLOEXEC|SFD_NONBLOCK
    // time (include/trace/decode/time.hpp)
    timespec,
    timeval,
    itimerval,
    itimerspec,
    rem_timespec,  // nanosleep's remaining time: shown after an interrupted call only
    timezone_ptr,  // struct timezone
    tms,           // times(2)'s struct tms
    time_ptr,      // time(2)'s output, with the date
    clockid,       // CLOCK_MONOTONIC...
    itimer_which,  // ITIMER_REAL...
    timer_flags,   // TIMER_ABSTIME
    timerfd_flags, // TFD_CLOEXEC|TFD_NONBLOCK, TFD_TIMER_ABSTIME
    // processes and resources (include/trace/decode/process.hpp, resource.hpp)
    wait_status,     // wait4's status: [{WIFEXITED(s) && WEXITSTATUS(s) == 0}]
    wait_options,    // WNOHANG|__WALL
    wait_rusage,     // wait4's struct rusage: shown when it returned a pid
    rusage,          // struct rusage, abbreviated unless -v
    rusage_who,      // RUSAGE_SELF...
    waitid_which,    // P_PID...
    unshare_flags,   // CLONE_NEWNS|CLONE_NEWUSER: the flags unshare takes
    rlimit_resource, // RLIMIT_NOFILE...
    rlimit,          // {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}
    priority_which,  // PRIO_PROCESS...
    sched_policy,    // SCHED_FIFO...
    sched_param,     // [0]
    cpu_set,         // an affinity mask: [0 1]
    utsname,         // struct utsname
    sysinfo,         // struct sysinfo
    random_buf,      // getrandom's buffer at exit, in \x escapes
    getrandom_flags, // GRND_NONBLOCK|GRND_RANDOM
    pidfd_flags,     // PIDFD_NONBLOCK
    cap_header,      // capget/capset header
    cap_data,        // capget/capset data, by the header version
    uid,             // a user or group id: -1 for (uid_t)-1
    uid_ptr,         // getresuid's [0]
    gid_list,        // getgroups' and setgroups' [0, 4]
    // memory (include/trace/decode/mman.hpp)
    mremap_flags,    // MREMAP_MAYMOVE|MREMAP_FIXED
    mremap_new_addr, // left out unless MREMAP_MAYMOVE|MREMAP_FIXED
    madvise_advice,  // MADV_DONTNEED...
    msync_flags,     // MS_SYNC|MS_INVALIDATE
    mlock_flags,     // MLOCK_ONFAULT
    mlockall_flags,  // MCL_CURRENT|MCL_FUTURE
    mincore_vec,     // mincore's [1, 0, 1], at exit
    // waiting (include/trace/decode/poll.hpp)
    epoll_ctl_op,    // EPOLL_CTL_ADD...
    epoll_ctl_event, // epoll_ctl's struct epoll_event; an address for EPOLL_CTL_DEL
    epoll_events,    // epoll_wait's ready events[ret], at exit
    epoll_flags,     // EPOLL_CLOEXEC
    eventfd_flags,   // EFD_SEMAPHORE|EFD_CLOEXEC|EFD_NONBLOCK
    // files and I/O (include/trace/decode/fs.hpp, io.hpp)
    stat_buf,          // struct stat at exit: {st_mode=S_IFREG|0644, st_size=1221, ...}
    statx_buf,         // struct statx at exit
    statx_flags,       // AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW
    statx_mask,        // STATX_TYPE|STATX_MODE
    statfs_buf,        // struct statfs at exit
    open_how,          // openat2's struct open_how; its size is the next argument
    dirents64,         // getdents64's buffer at exit: 0x... /* 7 entries */, the entries with -v
    dirents,           // getdents's
    seek_whence,       // SEEK_SET...
    fadvice,           // POSIX_FADV_*
    falloc_mode,       // FALLOC_FL_*
    flock_op,          // LOCK_SH|LOCK_NB
    rename_flags,      // RENAME_NOREPLACE...
    close_range_flags, // CLOSE_RANGE_*
    splice_flags,      // SPLICE_F_*
    utimens_times,     // utimensat's struct timespec[2]
    utimbuf,           // utime's struct utimbuf: {actime=... /* date */, modtime=...}
    timeval_pair,      // utimes's and futimesat's struct timeval[2], dates in comments
    fd_pair,           // int[2] the kernel fills: [3, 4]
    pipe_flags,        // O_NONBLOCK|O_CLOEXEC (pipe2, dup3), 0 for none
    loff_ptr,          // an offset the pointer points to, read at entry: [0]
    loff_inout,        // sendfile's offset: [5] => [15]
    iovecs,            // struct iovec[count], count the next argument; an output's bytes at exit
    // network (include/trace/decode/net.hpp)
    sock_family,   // AF_INET...
    sock_type,     // SOCK_STREAM|SOCK_CLOEXEC
    sock_protocol, // IPPROTO_TCP, NETLINK_ROUTE, htons(ETH_P_ALL): by the family, argument 0
    sock_flags,    // accept4's SOCK_CLOEXEC|SOCK_NONBLOCK
    sockaddr_arg,  // a socket address to the kernel; its length is the next argument
    sockaddr_out,  // a socket address from the kernel; its length is *the next argument at exit
    socklen_inout, // [16] at entry, [28 => 16] at exit
    sock_level,    // SOL_SOCKET...
    sockopt_name,  // SO_REUSEADDR...: by the level, the argument before it
    sockopt_in,    // setsockopt's value; its length is the next argument
    sockopt_out,   // getsockopt's value; its length is *the next argument at exit
    msg_flags,     // MSG_*
    shutdown_how,  // SHUT_RD...
    msghdr_in,     // sendmsg's struct msghdr
    msghdr_out,    // recvmsg's, at exit
    mmsghdrs,      // sendmmsg's and recvmmsg's struct mmsghdr[ret], at exit
    // IPC (include/trace/decode/ipc.hpp)
    ipc_key,               // IPC_PRIVATE or 0x1234
    ipc_get_flags,         // IPC_CREAT|IPC_EXCL|0600
    shmat_flags,           // SHM_RDONLY...
    shmctl_cmd,            // IPC_STAT...
    semctl_cmd,            // GETVAL...
    msgctl_cmd,            // IPC_RMID...
    shmid_ds,              // shmctl's buffer, by the command before it
    msqid_ds,              // msgctl's
    sembufs,               // struct sembuf[count], count the next argument
    msgbuf_in,             // {mtype=1, mtext="..."}, its size the next argument
    msgbuf_out,            // msgrcv's, at exit
    ipc_msg_flags,         // MSG_NOERROR|IPC_NOWAIT
    memfd_flags,           // MFD_CLOEXEC|MFD_ALLOW_SEALING
    mq_attr,               // struct mq_attr
    mq_attr_open,          // mq_open's, left out without O_CREAT
    uint_ptr,              // [1]: an unsigned int the pointer points to
    sigevent,              // struct sigevent (mq_notify, timer_create)
    semun,                 // semctl's argument: by the command, a struct semid_ds, a value or a pointer
    rwf_flags,             // RWF_HIPRI|RWF_DSYNC (preadv2, pwritev2)
    sync_file_range_flags, // SYNC_FILE_RANGE_WAIT_BEFORE...
    // inotify and fanotify (include/trace/decode/notify.hpp)
    inotify_init_flags, // IN_NONBLOCK|IN_CLOEXEC
    inotify_mask,       // IN_CREATE|IN_DELETE|IN_ONLYDIR
    fan_init_flags,     // FAN_CLASS_NOTIF|FAN_CLOEXEC
    fan_mark_flags,     // FAN_MARK_ADD|FAN_MARK_ONLYDIR
    fan_event_mask,     // FAN_CREATE|FAN_ONDIR (64 bits)
    fan_dirfd,          // FAN_NOFD, AT_FDCWD or a descriptor
    // mounts and namespaces (include/trace/decode/mount_ns.hpp)
    mount_type,   // mount's filesystem type: a string, or by the flags an address
    mount_flags,  // MS_MGC_VAL|MS_RDONLY|MS_BIND
    mount_data,   // mount's data: a string, or by the flags an address
    umount_flags, // MNT_DETACH|UMOUNT_NOFOLLOW
    setns_type,   // CLONE_NEWNET
    // scheduling attributes and memory barriers (include/trace/decode/sched.hpp)
    sched_attr_in,    // sched_setattr's struct sched_attr
    sched_attr_out,   // sched_getattr's, at exit; its size the next argument
    membarrier_cmd,   // MEMBARRIER_CMD_GLOBAL
    membarrier_flags, // MEMBARRIER_CMD_FLAG_CPU
    membarrier_cpu,   // the cpu, left out without MEMBARRIER_CMD_FLAG_CPU
    rseq_area,        // rseq's struct rseq, as long as the next argument says
    rseq_flags,       // RSEQ_FLAG_UNREGISTER
    pkey_access,      // PKEY_DISABLE_WRITE; 0 is PKEY_UNRESTRICTED
    xattr_flags,      // XATTR_CREATE
    ufd,              // a descriptor the kernel takes as unsigned int: 4294967289, not -7
    addr_out,         // a pointer the kernel writes: [0x7f...]
    ulong_out,        // an unsigned long the kernel writes: [24]
    personality,      // PER_LINUX|ADDR_NO_RANDOMIZE; 0xffffffff (a query) in hex
    // NUMA memory policies (include/trace/decode/numa.hpp)
    mpol_mode,           // mbind's MPOL_BIND|MPOL_F_STATIC_NODES
    mpol_mode_int,       // set_mempolicy's
    mpol_mode_out,       // get_mempolicy's, at exit: [MPOL_DEFAULT]
    nodemask,            // [0x00000000000001, 0000000000000000], maxnode the next argument
    migrate_nodemask,    // migrate_pages's, maxnode argument 1
    mbind_flags,         // MPOL_MF_STRICT|MPOL_MF_MOVE
    get_mempolicy_flags, // MPOL_F_NODE|MPOL_F_ADDR
    skipped,             // an argument strace does not print (preadv2's pos_h)
    // everything that is not decoded yet: an address, like strace prints an unknown struct pointer
    struct_ptr,
    count_ // keep last
};

inline constexpr std::size_t kArgKindCount = static_cast<std::size_t>(ArgKind::count_);

// The kinds whose value is a descriptor (negative values, AT_FDCWD and FAN_NOFD, name none): -P and
// --fd-stats look at them.
constexpr bool is_fd_kind(ArgKind k) {
    return k == ArgKind::fd || k == ArgKind::dirfd || k == ArgKind::fan_dirfd;
}

} // namespace trace
