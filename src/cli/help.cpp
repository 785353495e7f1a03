#include "trace/cli/help.hpp"

namespace trace {

namespace {

// Laid out like strace's usage: option forms on the left, descriptions from column 17.
constexpr const char* kHelp = R"(Usage: trace [-ACdffhikqqrtttTvVwxxyyzZ] [-I N] [-b execve] [-e EXPR]...
             [-a COLUMN] [-o FILE] [-s STRSIZE] [-X FORMAT] [-O OVERHEAD]
             [-S SORTBY] [-P PATH]... [-p PID]... [-U COLUMNS] [--seccomp-bpf]
             { -p PID | [-DDD] [-E VAR=VAL]... [-u USERNAME] PROG [ARGS] }
   or: trace -c[dfwzZ] [-I N] [-b execve] [-e EXPR]... [-O OVERHEAD]
             [-S SORTBY] [-P PATH]... [-p PID]... [-U COLUMNS] [--seccomp-bpf]
             { -p PID | [-DDD] [-E VAR=VAL]... [-u USERNAME] PROG [ARGS] }

General:
  -e EXPR        select what is traced and how: [QUALIFIER=][!]VALUE[,VALUE]...
     qualifiers: trace, trace-fds, abbrev, verbose, raw, signal, read, write,
                 fault, inject, status, quiet, decode-fds, decode-pids

Startup:
  -E VAR=VAL, --env=VAR=VAL
                 set VAR to VAL in the command's environment
  -E VAR, --env=VAR
                 remove VAR from the command's environment
  -p PID, --attach=PID
                 attach to the process PID; repeatable, or "PID,PID..."
  -u USERNAME, --user=USERNAME
                 run the command with the ids and groups of USERNAME
  --argv0=NAME   run the command with NAME as its argv[0]

Tracing:
  -b execve, --detach-on=execve
                 stop tracing a process when it calls execve
  -D, --daemonize[=grandchild]
                 make the tracer a detached grandchild, not the command's parent
  -DD, --daemonize=pgroup
                 like -D, in a process group of its own
  -DDD, --daemonize=session
                 like -D, in a session of its own
  -f, --follow-forks
                 trace the children the traced processes create
  -ff, --follow-forks --output-separately
                 like -f, with one output file per process (FILE.PID, needs -o)
  -I INTERRUPTIBLE, --interruptible=INTERRUPTIBLE
                 when the tracer may be interrupted by a signal:
     1, anywhere, always:
                    always
     2, waiting:    only while waiting for the tracees (default)
     3, never:      never (default with -o FILE PROG)
     4, never_tstp: never, and ^Z does not stop it either (default with -D)
  --kill-on-exit kill the tracees when the tracer ends

Filtering:
  -e trace=[!][?]{{SYSCALL|%CLASS|/REGEX}[@64|@32|@x32]|all|none},
   --trace=...   trace only these system calls
     classes:    %clock, %creds, %desc, %file, %fstat, %fstatfs, %ipc, %lstat,
                 %memory, %net, %process, %pure, %signal, %stat, %%stat,
                 %statfs, %%statfs
  -e signal=SET, --signal=SET
                 show only these signals
  -e status=SET, --status=SET
                 show only calls that ended with one of these statuses
     statuses:   successful, failed, unfinished, unavailable, detached
  -e trace-fds=SET, --trace-fds=SET
                 trace only calls on these file descriptors
  -P PATH, --trace-path=PATH
                 trace only calls that access PATH (repeatable)
  -z, --successful-only
                 show only calls that succeeded
  -Z, --failed-only
                 show only calls that failed
  --syscall-limit=LIMIT
                 detach from every tracee after LIMIT traced calls

Output format:
  -a COLUMN, --columns=COLUMN
                 align the return values at COLUMN (default 40)
  -e abbrev=SET, --abbrev=SET
                 abbreviate the arguments of these calls
  -e verbose=SET, --verbose=SET
                 show the structures passed to these calls
  -e raw=SET, --raw=SET
                 show the arguments of these calls undecoded, in hex
  -e read=SET, --read=SET
                 dump all data read from these file descriptors
  -e write=SET, --write=SET
                 dump all data written to these file descriptors
  -e quiet=SET, --quiet=SET
                 leave out these messages
     messages:   attach, exit, path-resolution, personality,
                 thread-execve (or superseded)
  -e decode-fds=SET, --decode-fds=SET
                 show these details of file descriptors
     details:    path, socket, dev, pidfd
  -i, --instruction-pointer
                 show the instruction pointer at each call
  -k, --stack-traces[=symbol]
                 show the tracee's stack at each call (with -c: the top calling
                 stacks of each system call)
  --stack-trace-frame-limit=N, --stack-trace-depth=N
                 at most N frames in a stack (default 256)
  -e stack=SET, --stack-trace-syscalls=SET
                 with -k, show the stack only at the calls in SET
  --no-demangle  show C++ names in stacks as the linker sees them
  -n, --syscall-number
                 show the number of each call
  -o FILE, --output=FILE
                 write the trace to FILE instead of stderr; '|CMD' or '!CMD':
                 to the standard input of the shell command CMD
  -A, --output-append-mode
                 append to the file given with -o
  --output-separately
                 one output file per process: FILE.PID
  -q, --quiet=attach,personality
                 leave out the messages about attaching and detaching
  -qq, --quiet=attach,personality,exit
                 also leave out the exit status of each process
  -qqq, --quiet=all
                 leave out every message that can be left out
  -r, --relative-timestamps[=PRECISION]
                 prefix each line with the time since the previous one
     precision:  s, ms, us or ns (default us)
  -s STRSIZE, --string-limit=STRSIZE
                 show at most STRSIZE bytes of each string (default 32)
  --absolute-timestamps=[[format:]FORMAT[,[precision:]PRECISION]]
                 prefix each line with the time
     format:     none, time or unix (default time)
     precision:  s, ms, us or ns (default s)
  -t, --absolute-timestamps[=time]
                 prefix each line with the time of day
  -tt, --absolute-timestamps=[time,]us
                 the same, with microseconds
  -ttt, --absolute-timestamps=unix,us
                 prefix each line with the epoch time, in microseconds
  -T, --syscall-times[=PRECISION]
                 show the time spent in each call
     precision:  s, ms, us or ns (default us)
  -v, --no-abbrev
                 show every argument in full: structures, arrays, environment
  --strings-in-hex=non-ascii-chars
                 use hex instead of octal for escaped bytes
  -x, --strings-in-hex=non-ascii
                 show strings with non-ASCII bytes in hex
  -xx, --strings-in-hex[=all]
                 show every string in hex
  -X FORMAT, --const-print-style=FORMAT
                 how named constants and flags are shown
     formats:    raw, abbrev, verbose
  -y, --decode-fds[=path]
                 show the path of each file descriptor
  -yy, --decode-fds=all
                 show everything known about each file descriptor
  --always-show-pid
                 prefix every line with the process id
  --color=never  no colours (trace never colours its output)

Statistics:
  -c, --summary-only
                 count the time, calls and errors of each system call and show
                 only a summary at the end
  -C, --summary  like -c, and show the trace too
  -O OVERHEAD[UNIT], --summary-syscall-overhead=OVERHEAD[UNIT]
                 take OVERHEAD off the time of each call
     units:      s, ms, us or ns (default us)
  -S SORTBY, --summary-sort-by=SORTBY
                 sort the summary by: time, min-time, max-time, avg-time,
                 calls, errors, name, nothing (default time)
  -U COLUMNS, --summary-columns=COLUMNS
                 the summary's columns, separated by commas: time-percent,
                 total-time, min-time, max-time, avg-time, calls, errors, name
                 (default time-percent,total-time,avg-time,calls,errors,name)
  -w, --summary-wall-clock
                 count the wall clock time of each call (default: system time)
  --summary-per-pid
                 one summary per process (not in strace)
  --summary-interval=SECONDS
                 a summary of the calls of each interval (not in strace)
  --summary-errors
                 the errno values of the failed calls under the summary
                 (not in strace)

Reports (not in strace):
  --hide-errno=ERRNO[,ERRNO]...
                 leave out of the trace the calls that failed with these errnos
  --hide-eagain  the same as --hide-errno=EAGAIN
  --hide-empty-polls
                 leave out the poll, select and epoll_wait calls that timed out
                 with nothing ready
  --fd-stats     show a table of the calls, bytes and time of each file
                 descriptor at the end
  --stats        show latency histograms and analyses of polls, reads and
                 sleeps at the end
  --json, --output-format=json
                 write the trace as one JSON object per line

Tampering:
  -e inject=SET[:error=ERRNO|:retval=VALUE][:signal=SIG][:syscall=SYSCALL]
            [:delay_enter=DELAY][:delay_exit=DELAY]
            [:when=WHEN],
  --inject=...   tamper with the calls in SET
     delay:      microseconds, or NUMBER followed by s, ms, us or ns
     when:       FIRST[..LAST][+[STEP]]
  -e fault=SET[:error=ERRNO][:when=WHEN], --fault=...
                 like inject, failing with ENOSYS unless ERRNO is given

Miscellaneous:
  -d, --debug    print debugging messages of the tracer to stderr
  -h, --help     show this help
  --seccomp-bpf  stop only at the traced calls, using a seccomp-bpf filter
                 (the default with -f and an -e trace= set that leaves calls out,
                 where trace may install it without PR_SET_NO_NEW_PRIVS)
  --no-seccomp-bpf
                 stop at every call, even with an -e trace= set
  --cpu-placement=auto|none
                 auto: the command shares the tracer's CPU while that is
                 faster (measured); visible in /proc/PID/status and to
                 children trace does not follow; none (default): never
  -V, --version  show the version

strace options that trace refuses, with a message naming them:
  -N/--arg-names, --color=auto|always, -Y/--decode-pids=comm,
  --pidns-translation/--decode-pids=pidns, --decode-fds=eventfd|signalfd,
  -e namespace=new/--namespace, -e kvm=vcpu/--kvm, --tips, --secontext,
  -e inject=...:poke_enter=/poke_exit=, -kk/--stack-trace=source
)";

} // namespace

std::string help_text() {
    return kHelp;
}

} // namespace trace
