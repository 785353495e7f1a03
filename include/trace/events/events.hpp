#pragma once
// The events the engine produces and reporters consume: the only things the two layers share.
#include "trace/decode/io_dump.hpp"
#include "trace/decode/value.hpp"
#include "trace/events/time.hpp"
#include "trace/syscalls/table.hpp"

#include <array>
#include <cstdint>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace trace {

// One frame of the user-space stack a syscall was made from (-k). The strings belong to the engine's
// unwinder and stay valid until tracing ends (reporters may keep them until on_finish).
struct StackFrame {
    enum class Kind : std::uint8_t {
        frame,     // module(symbol+offset) [address]
        error,     // the stack could not be followed past here: address is the instruction pointer
        truncated, // the frame limit (--stack-trace-frame-limit) was reached
    };
    Kind kind = Kind::frame;
    std::string_view module;         // the mapped file's path, as /proc/PID/maps names it
    std::string_view symbol;         // the function, demangled when asked; empty when unknown
    std::uint64_t symbol_offset = 0; // from the function's start
    std::uint64_t address = 0;       // frame: offset in the module's file; error: the instruction pointer
};

struct SyscallEvent {
    pid_t tid = 0;
    pid_t pid = 0; // thread group id
    long nr = -1;
    const SyscallEntry* entry = nullptr; // nullptr: a number the table does not know
    std::array<std::uint64_t, kMaxArgs> args{};
    // Decoded arguments, one per table argument. At entry, outputs are Unknown placeholders;
    // at exit all are filled. Empty when decoding is off (-c alone).
    std::vector<Value> values;
    // How many values are printed at entry (the rest at exit); -1: by the table's argument directions.
    int split = -1;
    std::int64_t ret = 0; // raw return value (at exit)
    int error = 0;        // errno when the call failed (ret in [-4095, -1]), else 0
    // The kernel's restart codes (ERESTARTSYS, ERESTARTNOINTR, ERESTARTNOHAND, ERESTART_RESTARTBLOCK)
    // mean the call did not finish: strace prints "= ? ERESTARTSYS (...)".
    [[nodiscard]] bool interrupted() const {
        return error == 512 || error == 513 || error == 514 || error == 516;
    }
    bool exited = false;     // the exit part has arrived
    bool unfinished = false; // the tracee vanished before the call returned: "= ?"
    bool detached = false;   // trace detached while the call was in progress: "<detached ...>"
    bool injected = false;   // -e inject=/fault= replaced its result: " (INJECTED)"
    std::uint64_t ip = 0;    // instruction pointer at entry (-i)
    std::uint64_t sp = 0;    // stack pointer at entry
    // What strace prints after the return value in parentheses: "= 1 ([{fd=3, revents=POLLIN}])",
    // "= 0 (Timeout)", "= 10 (SIGUSR1)"; Unknown when nothing. A Struct prints its fields as
    // "name value" (or the value alone for an empty name) separated by ", ": "in [3], left {...}".
    Value ret_detail;
    // How the return value itself prints when it is more than a number: 3</etc/passwd> (-y), 0x8002
    // (fcntl's F_GETFL), hex under -e raw=; Unknown: as the table's RetKind says. Set at exit.
    Value ret_value;
    // -e read=, -e write=: the data the call moved, dumped in hex after its line. Set at exit.
    std::vector<DataDump> dumps;
    Nanos entry_time = 0;
    Nanos exit_time = 0;
    // The process's system CPU time at entry and exit (wait4's ru_stime, as strace -c uses it).
    Nanos entry_stime = 0;
    Nanos exit_stime = 0;
    // -k: the calling thread's stack at entry, innermost frame first; empty when not asked for.
    std::vector<StackFrame> stack;
};

struct SignalEvent {
    pid_t tid = 0;
    pid_t pid = 0;
    int signo = 0;
    bool group_stop = false; // "--- stopped by SIGSTOP ---" instead of a delivery
    Value siginfo;           // a Struct, or Unknown when it could not be read
    Nanos time = 0;
    std::vector<StackFrame> stack; // -k: where the thread was when the signal came (not for group stops)
    long last_nr = -1;             // the thread's last syscall, traced or not (-n shows it)
};

struct ExitEvent {
    pid_t tid = 0;
    pid_t pid = 0;
    bool killed = false; // by a signal, else exited
    int code = 0;        // exit status, or the signal number when killed
    bool core_dumped = false;
    Nanos time = 0;
    long last_nr = -1; // the thread's last syscall, traced or not (-n shows it)
};

// The thread that ran execve became the thread group leader: its old tid is gone.
struct ExecEvent {
    pid_t old_tid = 0;
    pid_t tid = 0;
    Nanos time = 0;
};

// A process or thread joined or left the trace (attach, new child, detach).
struct ProcessEvent {
    pid_t tid = 0;
    pid_t pid = 0;
    pid_t parent = 0; // 0 when attached or started by trace
    Nanos time = 0;
    bool attached = false; // by -p (or a descendant of such a process)
};

} // namespace trace
