#pragma once
// What the engine and the reporters need to know about a syscall beyond how it prints: that it makes,
// copies or closes descriptors, moves data through which argument, waits with a timeout in which
// argument, execs, clones. The [facts] section of syscalls/x86_64.tbl states them; gen_table.py checks
// the words against its list and puts them in each SyscallEntry, so no code compares syscall names.
#include <array>
#include <cstddef>
#include <cstdint>

namespace trace {

// One fact word of the table; several take an argument ([arg]) and some a value (:value).
enum class Fact : std::uint8_t {
    new_fd,       // :kind      returns a new fd of that kind (ret fd); without it a ret-fd call's fd is
                  //            described from /proc
    new_fds,      // :kind[arr] writes new fds of that kind into the array arr (pipe, socketpair)
    accepts,      // [fd]       the new fd is a connection accepted on the listening socket fd
    dups_fd,      // [fd]       the new fd is a copy of fd
    replaces_fd,  // [fd]       fd is closed and replaced by the copy (dup2, dup3): not used by the call
    closes_fd,    // [fd]       closes fd
    closes_range, //            closes (or marks close-on-exec) the range fd..max_fd by flags (close_range)
    fcntl,        //            changes fd flags or duplicates the fd, depending on the command
    socket_setup, // [fd]       connects, binds or listens: the socket's addresses become known
    execs,        //            runs a new program (execve, execveat)
    clones,       // [flags]    makes a process or thread; the clone flags are in flags (or, with
                  //            :clone_args, in the flags member of the struct clone_args it points to)
    unshares,     // [flags]    unshares what the clone flags in flags say (CLONE_FILES: the fd table)
    reads,        // :via[arg]  reads data into the process; via and arg say where the count is
    writes,       // :via[arg]  writes data (or moves it between fds: sendfile, splice, tee, ...)
    polls,        //            waits for fds to become ready; returns 0 when the timeout expires
    events,       // [max]      returns up to max ready events (the epoll_wait family)
    sleeps,       //            sleeps or waits for a duration or a deadline given by its timeout fact
    timeout,      // :type[arg] waits no longer than arg says, a timeout of that type
    count_
};

inline constexpr std::size_t kFactCount = static_cast<std::size_t>(Fact::count_);

// The kind of descriptor new_fd and new_fds make.
enum class NewFdKind : std::uint8_t {
    none,
    file, // an opened path: the first path (or string) argument says which
    socket,
    pipe,
    eventfd,
    epoll,
    timerfd,
    signalfd, // a new one only when ufd is -1; else ufd's mask changes
    inotify,
    pidfd,
    fanotify,
    perf_event,
    memfd,
};

// Where reads and writes find how many bytes are asked for.
enum class IoVia : std::uint8_t {
    none,
    count,  // the argument is the byte count
    iovecs, // the argument is an iovec array (or a msghdr with one): the sum of its iov_len
    mmsgs,  // the argument is an mmsghdr array: iov_len asked for, msg_len returned
};

// How the timeout argument gives the time.
enum class TimeoutKind : std::uint8_t {
    none,
    ms,       // int milliseconds, negative for no timeout (poll, epoll_wait)
    timespec, // const struct timespec *, a duration; NULL for no timeout
    clock,    // struct timespec *, a deadline when the argument named flags has TIMER_ABSTIME
    futex,    // futex's utime: a timeout only of FUTEX_WAIT (a duration) and FUTEX_WAIT_BITSET (a
              // deadline); NULL for no timeout
};

inline constexpr std::int8_t kNoFactArg = -1;

struct SyscallFacts {
    std::uint32_t set;                       // bit 1 << Fact for each fact the call has
    std::array<std::int8_t, kFactCount> arg; // the [arg] of each fact, or kNoFactArg
    NewFdKind fd_kind;                       // of new_fd, new_fds
    IoVia io;                                // of reads, writes
    TimeoutKind timeout;                     // of timeout
    bool clone_args;                         // clones:clone_args

    constexpr bool has(Fact f) const { return ((set >> static_cast<unsigned>(f)) & 1u) != 0; }
    // The argument index of a fact, or kNoFactArg.
    constexpr int arg_of(Fact f) const { return arg[static_cast<std::size_t>(f)]; }
};

} // namespace trace
