#pragma once
// The x86-64 syscall table: one row per syscall, generated at build time from syscalls/x86_64.tbl.
#include "trace/syscalls/arg_kind.hpp"
#include "trace/syscalls/facts.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace trace {

// Classes used by -e trace=%class; a syscall may be in several.
enum SyscallClass : std::uint32_t {
    kClassFile = 1u << 0,
    kClassProcess = 1u << 1,
    kClassNetwork = 1u << 2,
    kClassSignal = 1u << 3,
    kClassIpc = 1u << 4,
    kClassDesc = 1u << 5,
    kClassMemory = 1u << 6,
    kClassCreds = 1u << 7,
    kClassClock = 1u << 8,
    kClassStat = 1u << 9,        // %stat: stat-like calls by path
    kClassLstat = 1u << 10,      // %lstat
    kClassFstat = 1u << 11,      // %fstat
    kClassStatLike = 1u << 12,   // %%stat: every stat-like call
    kClassStatfs = 1u << 13,     // %statfs
    kClassFstatfs = 1u << 14,    // %fstatfs
    kClassStatfsLike = 1u << 15, // %%statfs
    kClassPure = 1u << 16,       // %pure: no arguments, always succeeds
};

// How the return value is printed.
enum class RetKind : std::uint8_t {
    dec,  // signed decimal (the default)
    hex,  // mmap, brk
    oct,  // umask
    fd,   // a new descriptor
    none, // never returns on success (exit, exit_group, rt_sigreturn...): "= ?"
};

// When an argument is decoded: inputs at entry, outputs at exit; in-out pointers at both.
enum class ArgDir : std::uint8_t { in, out, inout };

// Which value gives the length of a buffer argument.
inline constexpr std::int8_t kBindNone = -1;
inline constexpr std::int8_t kBindRet = -2;

struct ArgSpec {
    const char* name;
    ArgKind kind;
    ArgDir dir;
    std::int8_t bind; // index of the argument holding the length, kBindRet, or kBindNone
};

inline constexpr int kMaxArgs = 6;

struct SyscallEntry {
    int nr;
    const char* name;
    RetKind ret;
    std::uint32_t classes;
    std::uint8_t nargs;
    ArgSpec args[kMaxArgs];
    SyscallFacts facts; // the [facts] section of the table
};

// Whether a call (nullptr: an unknown number) has a fact.
constexpr bool has_fact(const SyscallEntry* entry, Fact f) {
    return entry != nullptr && entry->facts.has(f);
}

// Every row, ordered by number.
std::span<const SyscallEntry> syscall_table();

// The row for a syscall number, or nullptr for a number the table does not know.
const SyscallEntry* find_syscall(long nr);

// The row for a syscall name, or nullptr.
const SyscallEntry* find_syscall(std::string_view name);

// One past the highest syscall number in the table.
int syscall_number_limit();

} // namespace trace
