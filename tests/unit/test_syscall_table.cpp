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

TEST_CASE("syscall_table::agrees with asm/unistd_64.h on the numbers it knows") {
    // The host's header may be older (rows it lacks are fine) or newer (the build warns) than the table.
    const std::map<std::string, int> numbers = read_unistd_64();
    REQUIRE_MESSAGE(numbers.size() > 300, "could not read asm/unistd_64.h");
    for (const auto& [name, nr] : numbers) {
        INFO(name);
        const SyscallEntry* entry = trace::find_syscall(name);
        if (entry != nullptr) CHECK(entry->nr == nr);
    }
}

namespace {

struct KernelSyscall {
    int nr;
    std::string_view name;
};

// The 'common' and '64' rows of the kernel's arch/x86/entry/syscalls/syscall_64.tbl, up to the newest
// release (rseq_slice_yield, 471); the kernel never reuses a number. A new kernel's syscalls go here
// and into syscalls/x86_64.tbl.
// clang-format off
constexpr std::array<KernelSyscall, 384> kKernelSyscalls{{
    {0, "read"}, {1, "write"}, {2, "open"}, {3, "close"}, {4, "stat"}, {5, "fstat"}, {6, "lstat"}, {7, "poll"},
    {8, "lseek"}, {9, "mmap"}, {10, "mprotect"}, {11, "munmap"}, {12, "brk"}, {13, "rt_sigaction"},
    {14, "rt_sigprocmask"}, {15, "rt_sigreturn"}, {16, "ioctl"}, {17, "pread64"}, {18, "pwrite64"},
    {19, "readv"}, {20, "writev"}, {21, "access"}, {22, "pipe"}, {23, "select"}, {24, "sched_yield"},
    {25, "mremap"}, {26, "msync"}, {27, "mincore"}, {28, "madvise"}, {29, "shmget"}, {30, "shmat"},
    {31, "shmctl"}, {32, "dup"}, {33, "dup2"}, {34, "pause"}, {35, "nanosleep"}, {36, "getitimer"},
    {37, "alarm"}, {38, "setitimer"}, {39, "getpid"}, {40, "sendfile"}, {41, "socket"}, {42, "connect"},
    {43, "accept"}, {44, "sendto"}, {45, "recvfrom"}, {46, "sendmsg"}, {47, "recvmsg"}, {48, "shutdown"},
    {49, "bind"}, {50, "listen"}, {51, "getsockname"}, {52, "getpeername"}, {53, "socketpair"},
    {54, "setsockopt"}, {55, "getsockopt"}, {56, "clone"}, {57, "fork"}, {58, "vfork"}, {59, "execve"},
    {60, "exit"}, {61, "wait4"}, {62, "kill"}, {63, "uname"}, {64, "semget"}, {65, "semop"}, {66, "semctl"},
    {67, "shmdt"}, {68, "msgget"}, {69, "msgsnd"}, {70, "msgrcv"}, {71, "msgctl"}, {72, "fcntl"},
    {73, "flock"}, {74, "fsync"}, {75, "fdatasync"}, {76, "truncate"}, {77, "ftruncate"}, {78, "getdents"},
    {79, "getcwd"}, {80, "chdir"}, {81, "fchdir"}, {82, "rename"}, {83, "mkdir"}, {84, "rmdir"}, {85, "creat"},
    {86, "link"}, {87, "unlink"}, {88, "symlink"}, {89, "readlink"}, {90, "chmod"}, {91, "fchmod"},
    {92, "chown"}, {93, "fchown"}, {94, "lchown"}, {95, "umask"}, {96, "gettimeofday"}, {97, "getrlimit"},
    {98, "getrusage"}, {99, "sysinfo"}, {100, "times"}, {101, "ptrace"}, {102, "getuid"}, {103, "syslog"},
    {104, "getgid"}, {105, "setuid"}, {106, "setgid"}, {107, "geteuid"}, {108, "getegid"}, {109, "setpgid"},
    {110, "getppid"}, {111, "getpgrp"}, {112, "setsid"}, {113, "setreuid"}, {114, "setregid"},
    {115, "getgroups"}, {116, "setgroups"}, {117, "setresuid"}, {118, "getresuid"}, {119, "setresgid"},
    {120, "getresgid"}, {121, "getpgid"}, {122, "setfsuid"}, {123, "setfsgid"}, {124, "getsid"},
    {125, "capget"}, {126, "capset"}, {127, "rt_sigpending"}, {128, "rt_sigtimedwait"},
    {129, "rt_sigqueueinfo"}, {130, "rt_sigsuspend"}, {131, "sigaltstack"}, {132, "utime"}, {133, "mknod"},
    {134, "uselib"}, {135, "personality"}, {136, "ustat"}, {137, "statfs"}, {138, "fstatfs"}, {139, "sysfs"},
    {140, "getpriority"}, {141, "setpriority"}, {142, "sched_setparam"}, {143, "sched_getparam"},
    {144, "sched_setscheduler"}, {145, "sched_getscheduler"}, {146, "sched_get_priority_max"},
    {147, "sched_get_priority_min"}, {148, "sched_rr_get_interval"}, {149, "mlock"}, {150, "munlock"},
    {151, "mlockall"}, {152, "munlockall"}, {153, "vhangup"}, {154, "modify_ldt"}, {155, "pivot_root"},
    {156, "_sysctl"}, {157, "prctl"}, {158, "arch_prctl"}, {159, "adjtimex"}, {160, "setrlimit"},
    {161, "chroot"}, {162, "sync"}, {163, "acct"}, {164, "settimeofday"}, {165, "mount"}, {166, "umount2"},
    {167, "swapon"}, {168, "swapoff"}, {169, "reboot"}, {170, "sethostname"}, {171, "setdomainname"},
    {172, "iopl"}, {173, "ioperm"}, {174, "create_module"}, {175, "init_module"}, {176, "delete_module"},
    {177, "get_kernel_syms"}, {178, "query_module"}, {179, "quotactl"}, {180, "nfsservctl"}, {181, "getpmsg"},
    {182, "putpmsg"}, {183, "afs_syscall"}, {184, "tuxcall"}, {185, "security"}, {186, "gettid"},
    {187, "readahead"}, {188, "setxattr"}, {189, "lsetxattr"}, {190, "fsetxattr"}, {191, "getxattr"},
    {192, "lgetxattr"}, {193, "fgetxattr"}, {194, "listxattr"}, {195, "llistxattr"}, {196, "flistxattr"},
    {197, "removexattr"}, {198, "lremovexattr"}, {199, "fremovexattr"}, {200, "tkill"}, {201, "time"},
    {202, "futex"}, {203, "sched_setaffinity"}, {204, "sched_getaffinity"}, {205, "set_thread_area"},
    {206, "io_setup"}, {207, "io_destroy"}, {208, "io_getevents"}, {209, "io_submit"}, {210, "io_cancel"},
    {211, "get_thread_area"}, {212, "lookup_dcookie"}, {213, "epoll_create"}, {214, "epoll_ctl_old"},
    {215, "epoll_wait_old"}, {216, "remap_file_pages"}, {217, "getdents64"}, {218, "set_tid_address"},
    {219, "restart_syscall"}, {220, "semtimedop"}, {221, "fadvise64"}, {222, "timer_create"},
    {223, "timer_settime"}, {224, "timer_gettime"}, {225, "timer_getoverrun"}, {226, "timer_delete"},
    {227, "clock_settime"}, {228, "clock_gettime"}, {229, "clock_getres"}, {230, "clock_nanosleep"},
    {231, "exit_group"}, {232, "epoll_wait"}, {233, "epoll_ctl"}, {234, "tgkill"}, {235, "utimes"},
    {236, "vserver"}, {237, "mbind"}, {238, "set_mempolicy"}, {239, "get_mempolicy"}, {240, "mq_open"},
    {241, "mq_unlink"}, {242, "mq_timedsend"}, {243, "mq_timedreceive"}, {244, "mq_notify"},
    {245, "mq_getsetattr"}, {246, "kexec_load"}, {247, "waitid"}, {248, "add_key"}, {249, "request_key"},
    {250, "keyctl"}, {251, "ioprio_set"}, {252, "ioprio_get"}, {253, "inotify_init"},
    {254, "inotify_add_watch"}, {255, "inotify_rm_watch"}, {256, "migrate_pages"}, {257, "openat"},
    {258, "mkdirat"}, {259, "mknodat"}, {260, "fchownat"}, {261, "futimesat"}, {262, "newfstatat"},
    {263, "unlinkat"}, {264, "renameat"}, {265, "linkat"}, {266, "symlinkat"}, {267, "readlinkat"},
    {268, "fchmodat"}, {269, "faccessat"}, {270, "pselect6"}, {271, "ppoll"}, {272, "unshare"},
    {273, "set_robust_list"}, {274, "get_robust_list"}, {275, "splice"}, {276, "tee"},
    {277, "sync_file_range"}, {278, "vmsplice"}, {279, "move_pages"}, {280, "utimensat"}, {281, "epoll_pwait"},
    {282, "signalfd"}, {283, "timerfd_create"}, {284, "eventfd"}, {285, "fallocate"}, {286, "timerfd_settime"},
    {287, "timerfd_gettime"}, {288, "accept4"}, {289, "signalfd4"}, {290, "eventfd2"}, {291, "epoll_create1"},
    {292, "dup3"}, {293, "pipe2"}, {294, "inotify_init1"}, {295, "preadv"}, {296, "pwritev"},
    {297, "rt_tgsigqueueinfo"}, {298, "perf_event_open"}, {299, "recvmmsg"}, {300, "fanotify_init"},
    {301, "fanotify_mark"}, {302, "prlimit64"}, {303, "name_to_handle_at"}, {304, "open_by_handle_at"},
    {305, "clock_adjtime"}, {306, "syncfs"}, {307, "sendmmsg"}, {308, "setns"}, {309, "getcpu"},
    {310, "process_vm_readv"}, {311, "process_vm_writev"}, {312, "kcmp"}, {313, "finit_module"},
    {314, "sched_setattr"}, {315, "sched_getattr"}, {316, "renameat2"}, {317, "seccomp"}, {318, "getrandom"},
    {319, "memfd_create"}, {320, "kexec_file_load"}, {321, "bpf"}, {322, "execveat"}, {323, "userfaultfd"},
    {324, "membarrier"}, {325, "mlock2"}, {326, "copy_file_range"}, {327, "preadv2"}, {328, "pwritev2"},
    {329, "pkey_mprotect"}, {330, "pkey_alloc"}, {331, "pkey_free"}, {332, "statx"}, {333, "io_pgetevents"},
    {334, "rseq"}, {335, "uretprobe"}, {424, "pidfd_send_signal"}, {425, "io_uring_setup"},
    {426, "io_uring_enter"}, {427, "io_uring_register"}, {428, "open_tree"}, {429, "move_mount"},
    {430, "fsopen"}, {431, "fsconfig"}, {432, "fsmount"}, {433, "fspick"}, {434, "pidfd_open"},
    {435, "clone3"}, {436, "close_range"}, {437, "openat2"}, {438, "pidfd_getfd"}, {439, "faccessat2"},
    {440, "process_madvise"}, {441, "epoll_pwait2"}, {442, "mount_setattr"}, {443, "quotactl_fd"},
    {444, "landlock_create_ruleset"}, {445, "landlock_add_rule"}, {446, "landlock_restrict_self"},
    {447, "memfd_secret"}, {448, "process_mrelease"}, {449, "futex_waitv"}, {450, "set_mempolicy_home_node"},
    {451, "cachestat"}, {452, "fchmodat2"}, {453, "map_shadow_stack"}, {454, "futex_wake"},
    {455, "futex_wait"}, {456, "futex_requeue"}, {457, "statmount"}, {458, "listmount"},
    {459, "lsm_get_self_attr"}, {460, "lsm_set_self_attr"}, {461, "lsm_list_modules"}, {462, "mseal"},
    {463, "setxattrat"}, {464, "getxattrat"}, {465, "listxattrat"}, {466, "removexattrat"},
    {467, "open_tree_attr"}, {468, "file_getattr"}, {469, "file_setattr"}, {470, "listns"},
    {471, "rseq_slice_yield"},
}};
// clang-format on

} // namespace

TEST_CASE("syscall_table::lists every syscall of the newest kernel, by number") {
    for (const KernelSyscall& expected : kKernelSyscalls) {
        INFO(expected.nr, " ", expected.name);
        const SyscallEntry* by_number = trace::find_syscall(static_cast<long>(expected.nr));
        REQUIRE(by_number != nullptr);
        CHECK(std::string_view(by_number->name) == expected.name);
        const SyscallEntry* by_name = trace::find_syscall(expected.name);
        REQUIRE(by_name != nullptr);
        CHECK(by_name->nr == expected.nr);
    }
    CHECK(trace::syscall_table().size() == kKernelSyscalls.size());
    CHECK(trace::syscall_number_limit() == kKernelSyscalls.back().nr + 1);
}

TEST_CASE("syscall_table::futex2 and the newest syscalls, whatever the host's headers") {
    CHECK(row("futex_wake").nr == 454);
    CHECK(row("futex_wait").nr == 455);
    CHECK(row("futex_requeue").nr == 456);
    CHECK(row("futex_wait").nargs == 6);
    CHECK(row("uretprobe").nr == 335);
    CHECK(row("cachestat").nr == 451);
    CHECK(row("fchmodat2").nr == 452);
    CHECK(row("map_shadow_stack").nr == 453);
    CHECK(row("mseal").nr == 462);
    CHECK(row("removexattrat").nr == 466);
    CHECK(row("file_setattr").nr == 469);
    CHECK(row("rseq_slice_yield").nr == 471);
    CHECK(has_class(row("fchmodat2"), trace::kClassFile));
    CHECK(has_class(row("mseal"), trace::kClassMemory));
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
    CHECK(trace::find_syscall(336L) == nullptr);        // the gap before pidfd_send_signal (424)
    CHECK(trace::find_syscall(423L) == nullptr);
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
