#include "trace/syscalls/table.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <string_view>

namespace {

using trace::ArgDir;
using trace::ArgKind;
using trace::RetKind;
using trace::SyscallEntry;

// __NR_name -> number as <asm/unistd_64.h> defines them, read at test time.
std::map<std::string, int> read_unistd_64() {
    constexpr std::array kCandidates{"/usr/include/x86_64-linux-gnu/asm/unistd_64.h",
                                     "/usr/include/asm/unistd_64.h"};
    std::map<std::string, int> numbers;
    for (const char* path : kCandidates) {
        std::ifstream in(path);
        if (!in) continue;
        const std::regex define(R"(^\s*#\s*define\s+__NR_(\w+)\s+(\d+)\s*$)");
        std::string line;
        std::smatch match;
        while (std::getline(in, line)) {
            if (std::regex_match(line, match, define)) numbers[match[1].str()] = std::stoi(match[2].str());
        }
        break;
    }
    return numbers;
}

const SyscallEntry& row(std::string_view name) {
    const SyscallEntry* entry = trace::find_syscall(name);
    REQUIRE_MESSAGE(entry != nullptr, name);
    return *entry;
}

bool has_class(const SyscallEntry& entry, std::uint32_t cls) {
    return (entry.classes & cls) != 0;
}

} // namespace

TEST_CASE("syscall_table::numbers ascend and are unique") {
    const auto table = trace::syscall_table();
    REQUIRE(table.size() > 300);
    for (std::size_t i = 1; i < table.size(); ++i) {
        CHECK_MESSAGE(table[i - 1].nr < table[i].nr, table[i].name);
    }
    CHECK(table.front().nr == 0);
    CHECK(trace::syscall_number_limit() == table.back().nr + 1);
}

TEST_CASE("syscall_table::names are unique") {
    std::set<std::string_view> names;
    for (const SyscallEntry& entry : trace::syscall_table()) {
        REQUIRE(entry.name != nullptr);
        CHECK_MESSAGE(names.insert(entry.name).second, entry.name);
    }
}

TEST_CASE("syscall_table::nargs matches the argument specs") {
    for (const SyscallEntry& entry : trace::syscall_table()) {
        INFO(entry.name);
        REQUIRE(entry.nargs <= trace::kMaxArgs);
        std::set<std::string_view> arg_names;
        for (int i = 0; i < trace::kMaxArgs; ++i) {
            const trace::ArgSpec& arg = entry.args[i];
            if (i < entry.nargs) {
                REQUIRE(arg.name != nullptr);
                CHECK(std::string_view(arg.name).size() > 0);
                CHECK_MESSAGE(arg_names.insert(arg.name).second, arg.name);
                CHECK(arg.kind < ArgKind::count_);
            } else {
                CHECK(arg.name == nullptr);
                CHECK(arg.bind == trace::kBindNone);
            }
        }
    }
}

TEST_CASE("syscall_table::buffer bindings point at valid arguments") {
    for (const SyscallEntry& entry : trace::syscall_table()) {
        for (int i = 0; i < entry.nargs; ++i) {
            const trace::ArgSpec& arg = entry.args[i];
            INFO(entry.name << " argument " << arg.name);
            const bool buffer = arg.kind == ArgKind::in_buf || arg.kind == ArgKind::out_buf;
            if (!buffer) {
                CHECK(arg.bind == trace::kBindNone);
                continue;
            }
            REQUIRE(arg.bind != trace::kBindNone);
            if (arg.kind == ArgKind::in_buf) {
                CHECK(arg.dir == ArgDir::in);
                CHECK(arg.bind != trace::kBindRet); // decoded at entry, before there is a return value
            } else {
                CHECK(arg.dir == ArgDir::out);
            }
            if (arg.bind == trace::kBindRet) continue;
            REQUIRE(arg.bind >= 0);
            REQUIRE(arg.bind < entry.nargs);
            CHECK(arg.bind != i);
            const ArgKind length = entry.args[arg.bind].kind;
            CHECK((length == ArgKind::size || length == ArgKind::int_ || length == ArgKind::uint ||
                   length == ArgKind::long_ || length == ArgKind::ulong));
        }
    }
}

TEST_CASE("syscall_table::matches asm/unistd_64.h exactly") {
    const std::map<std::string, int> numbers = read_unistd_64();
    REQUIRE_MESSAGE(numbers.size() > 300, "could not read asm/unistd_64.h");
    for (const auto& [name, nr] : numbers) {
        INFO(name);
        const SyscallEntry* entry = trace::find_syscall(name);
        REQUIRE(entry != nullptr);
        CHECK(entry->nr == nr);
    }
    for (const SyscallEntry& entry : trace::syscall_table()) {
        CHECK_MESSAGE(numbers.count(entry.name) == 1, entry.name);
    }
    CHECK(trace::syscall_table().size() == numbers.size());
}

TEST_CASE("find_syscall::by name and by number round-trip") {
    for (const SyscallEntry& entry : trace::syscall_table()) {
        INFO(entry.name);
        CHECK(trace::find_syscall(static_cast<long>(entry.nr)) == &entry);
        CHECK(trace::find_syscall(std::string_view(entry.name)) == &entry);
    }
}

TEST_CASE("find_syscall::unknown numbers and names give nullptr") {
    CHECK(trace::find_syscall(-1L) == nullptr);
    CHECK(trace::find_syscall(static_cast<long>(trace::syscall_number_limit())) == nullptr);
    CHECK(trace::find_syscall(100000L) == nullptr);
    CHECK(trace::find_syscall(0x40000000L) == nullptr); // x32 syscall bit
    CHECK(trace::find_syscall(335L) == nullptr);        // the gap before pidfd_send_signal (424)
    CHECK(trace::find_syscall(std::string_view("")) == nullptr);
    CHECK(trace::find_syscall(std::string_view("no_such_syscall")) == nullptr);
    CHECK(trace::find_syscall(std::string_view("rea")) == nullptr);
    CHECK(trace::find_syscall(std::string_view("reads")) == nullptr);
    CHECK(trace::find_syscall(std::string_view("zzz")) == nullptr);
}

TEST_CASE("syscall_table::spot checks") {
    SUBCASE("read") {
        const SyscallEntry& read = row("read");
        CHECK(read.nr == 0);
        CHECK(read.nargs == 3);
        CHECK(read.classes == trace::kClassDesc);
        CHECK(read.ret == RetKind::dec);
        CHECK(read.args[0].kind == ArgKind::fd);
        CHECK(read.args[1].kind == ArgKind::out_buf);
        CHECK(read.args[1].bind == trace::kBindRet);
        CHECK(read.args[2].kind == ArgKind::size);
    }
    SUBCASE("write binds its buffer to count") {
        const SyscallEntry& write = row("write");
        CHECK(write.args[1].kind == ArgKind::in_buf);
        CHECK(write.args[1].bind == 2);
        CHECK(std::string_view(write.args[2].name) == "count");
    }
    SUBCASE("openat") {
        const SyscallEntry& openat = row("openat");
        CHECK(openat.nr == 257);
        CHECK(openat.classes == (trace::kClassFile | trace::kClassDesc));
        CHECK(openat.ret == RetKind::fd);
        CHECK(openat.nargs == 4);
        CHECK(openat.args[0].kind == ArgKind::dirfd);
        CHECK(openat.args[1].kind == ArgKind::path);
        CHECK(openat.args[2].kind == ArgKind::open_flags);
        CHECK(openat.args[3].kind == ArgKind::umode);
    }
    SUBCASE("return kinds") {
        CHECK(row("exit_group").ret == RetKind::none);
        CHECK(row("exit").ret == RetKind::none);
        CHECK(row("mmap").ret == RetKind::hex);
        CHECK(row("brk").ret == RetKind::hex);
        CHECK(row("umask").ret == RetKind::oct);
        CHECK(row("socket").ret == RetKind::fd);
        CHECK(row("close").ret == RetKind::dec);
    }
    SUBCASE("classes") {
        const SyscallEntry& getpid = row("getpid");
        CHECK(getpid.classes == trace::kClassPure);
        CHECK(getpid.nargs == 0);
        CHECK(row("getuid").classes == (trace::kClassCreds | trace::kClassPure));
        CHECK(has_class(row("execve"), trace::kClassProcess));
        CHECK(has_class(row("execve"), trace::kClassFile));
        CHECK(has_class(row("connect"), trace::kClassNetwork));
        CHECK(has_class(row("kill"), trace::kClassSignal));
        CHECK(has_class(row("shmat"), trace::kClassIpc));
        CHECK(has_class(row("munmap"), trace::kClassMemory));
        CHECK(has_class(row("clock_gettime"), trace::kClassClock));
        CHECK(row("stat").classes == (trace::kClassFile | trace::kClassStat | trace::kClassStatLike));
        CHECK(row("lstat").classes == (trace::kClassFile | trace::kClassLstat | trace::kClassStatLike));
        CHECK(has_class(row("newfstatat"), trace::kClassFstat));
        CHECK(has_class(row("statx"), trace::kClassStatLike));
        CHECK(row("fstatfs").classes == (trace::kClassDesc | trace::kClassFstatfs | trace::kClassStatfsLike));
        CHECK(row("close_range").classes == 0);
    }
    SUBCASE("directions") {
        CHECK(row("fstat").args[1].dir == ArgDir::out);
        CHECK(row("accept").args[2].dir == ArgDir::inout);
        CHECK(row("rt_sigaction").args[1].dir == ArgDir::in);
        CHECK(row("rt_sigaction").args[2].dir == ArgDir::out);
        CHECK(row("execve").args[1].kind == ArgKind::argv);
        CHECK(row("execve").args[2].kind == ArgKind::envp);
        CHECK(row("kill").args[1].kind == ArgKind::signo);
    }
    SUBCASE("modes and devices") {
        CHECK(row("mkdir").args[1].kind == ArgKind::umode);
        CHECK(row("mknod").args[1].kind == ArgKind::mode);
        CHECK(row("mknod").args[2].kind == ArgKind::dev);
        CHECK(row("faccessat2").args[3].kind == ArgKind::faccessat_flags);
    }
    SUBCASE("64-bit numbers") {
        CHECK(row("lseek").args[1].kind == ArgKind::long_);
        CHECK(row("pread64").args[3].kind == ArgKind::long_);
        CHECK(row("readv").args[2].kind == ArgKind::ulong);
    }
    SUBCASE("newest syscalls") {
        CHECK(row("clone3").nr == 435);
        CHECK(row("openat2").ret == RetKind::fd);
        CHECK(row("set_mempolicy_home_node").nr == 450);
        CHECK(row("futex_waitv").nargs == 5);
    }
}

TEST_CASE("syscall_table::pure syscalls take no arguments") {
    for (const SyscallEntry& entry : trace::syscall_table()) {
        if (has_class(entry, trace::kClassPure)) CHECK_MESSAGE(entry.nargs == 0, entry.name);
    }
}

TEST_CASE("syscall_table::stat classes imply the stat-like class") {
    for (const SyscallEntry& entry : trace::syscall_table()) {
        INFO(entry.name);
        if (has_class(entry, trace::kClassStat | trace::kClassLstat | trace::kClassFstat)) {
            CHECK(has_class(entry, trace::kClassStatLike));
        }
        if (has_class(entry, trace::kClassStatfs | trace::kClassFstatfs)) {
            CHECK(has_class(entry, trace::kClassStatfsLike));
        }
    }
}
