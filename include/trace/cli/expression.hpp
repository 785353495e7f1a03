#pragma once
// strace's qualifying expressions (-e EXPR, --trace=, --signal=, ...):
//   [qualifier=][!]value[,value]...
// Each parser below takes the part after "qualifier=" and throws UsageError with strace's message
// ("invalid system call 'opena'", "invalid signal 'FOO'") when a value is not known.
#include "trace/cli/options.hpp"

#include <string_view>

namespace trace {

enum class Qualifier : std::uint8_t {
    trace,
    trace_fds,
    abbrev,
    verbose,
    raw,
    signal,
    status,
    quiet,
    read,
    write,
    fault,
    inject,
    kvm,
    namespaces, // -e namespace=new: refused
    decode_fds,
    decode_pids,
    secontext,
    stack, // -k: the calls whose stack is shown (trace's own)
};

struct QualifiedExpr {
    Qualifier qualifier = Qualifier::trace;
    std::string_view value; // points into the argument
};

// Splits "-e" argument: "signal=!SIGINT" -> {signal, "!SIGINT"}; without a known "name=" prefix the
// whole argument is a trace= value ("open,close", "foo=bar").
QualifiedExpr split_qualifier(std::string_view expr);

// Syscalls: names, numbers, %classes (and the legacy class names), /regex (POSIX extended, over
// syscall names), ?name (no error when unknown), name@64 (@32, @x32: accepted, match nothing),
// all, none, and a leading ! for the complement.
SyscallSet parse_syscall_set(std::string_view spec);

// Signals: names with or without SIG in any case (INT, sigint, SIGRTMIN+1), numbers.
SignalSet parse_signal_set(std::string_view spec);

// Statuses: successful, failed, unfinished, unavailable, detached.
StatusFilter parse_status_set(std::string_view spec);

// Messages: attach, exit(s), path-resolution, personality, thread-execve/superseded.
QuietSet parse_quiet_set(std::string_view spec);

// fd details: path, socket, dev, pidfd, eventfd, signalfd.
DecodeFdSet parse_decode_fd_set(std::string_view spec);

// pid details: pidns, comm.
DecodePidSet parse_decode_pid_set(std::string_view spec);

// Descriptors (numbers) for read=, write=, trace-fds=.
FdSet parse_fd_set(std::string_view spec);

// SET[:error=ERRNO|:retval=VALUE][:signal=SIG][:syscall=NAME][:delay_enter=T][:delay_exit=T]
//    [:poke_enter=@argN=HEX,...][:poke_exit=...][:when=FIRST[..LAST][+[STEP]]]
// fault=true: only error=, syscall= and when= are allowed, and error defaults to ENOSYS.
InjectRule parse_inject_rule(std::string_view spec, bool fault);

} // namespace trace
