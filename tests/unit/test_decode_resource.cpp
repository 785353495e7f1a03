#include "call_fixture.hpp"
#include "trace/decode/resource.hpp"

#include <array>
#include <asm/prctl.h>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <doctest/doctest.h>
#include <linux/capability.h>
#include <linux/prctl.h>
#include <sched.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>

using trace::test::Call;
using trace::test::raw_bytes;
using trace::test::render;

namespace {

std::string limits(std::uint64_t cur, std::uint64_t max) {
    return raw_bytes(std::array<std::uint64_t, 2>{cur, max});
}

} // namespace

TEST_CASE("decode::rlim_value") {
    CHECK(render(trace::rlim_value(8192 * 1024)) == "8192*1024");
    CHECK(render(trace::rlim_value(~std::uint64_t{0})) == "RLIM64_INFINITY");
    CHECK(render(trace::rlim_value(1024)) == "1024");
    CHECK(render(trace::rlim_value(20000)) == "20000");
    CHECK(render(trace::rlim_value(0)) == "0");
}

TEST_CASE("decode::prlimit64") {
    Call call("prlimit64", {0, RLIMIT_STACK, 0x1000, 0x2000});
    call.mem.map(0x1000, limits(4096 * 1024, ~std::uint64_t{0}));
    call.mem.map(0x2000, limits(8192 * 1024, ~std::uint64_t{0}));
    CHECK(call.entry() == "prlimit64(0, RLIMIT_STACK, {rlim_cur=4096*1024, rlim_max=RLIM64_INFINITY}, ");
    CHECK(call.exit_with(0) == "prlimit64(0, RLIMIT_STACK, {rlim_cur=4096*1024, rlim_max=RLIM64_INFINITY}, "
                               "{rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = 0");
    Call bad("getrlimit", {99, 0x2000});
    bad.mem.map(0x2000, limits(1, 2).substr(0, 12));
    CHECK(bad.exit_with(0) == "getrlimit(0x63 /* RLIMIT_??? */, 0x2000) = 0");
    Call failed("setrlimit", {RLIMIT_NOFILE, 0x2000});
    failed.mem.map(0x2000, limits(20000, 20000));
    CHECK(failed.exit_with(-EPERM) == "setrlimit(RLIMIT_NOFILE, {rlim_cur=20000, rlim_max=20000}) = -1");
}

TEST_CASE("decode::sched") {
    Call get("sched_getscheduler", {0});
    CHECK(get.exit_with(0) == "sched_getscheduler(0) = 0 (SCHED_OTHER)");
    Call set("sched_setscheduler", {0, SCHED_BATCH, 0x1000});
    set.mem.map(0x1000, raw_bytes(std::int32_t{0}));
    CHECK(set.exit_with(0) == "sched_setscheduler(0, SCHED_BATCH, {sched_priority=0}) = 0");
    Call param("sched_getparam", {0, 0x1000});
    param.mem.map(0x1000, raw_bytes(std::int32_t{5}));
    CHECK(param.exit_with(0) == "sched_getparam(0, {sched_priority=5}) = 0");
    Call max("sched_get_priority_max", {SCHED_FIFO});
    CHECK(max.exit_with(99) == "sched_get_priority_max(SCHED_FIFO) = 99");
}

TEST_CASE("decode::affinity") {
    std::array<std::uint64_t, 16> mask{};
    mask[0] = 0b1011;
    mask[1] = 1;
    Call get("sched_getaffinity", {0, 128, 0x1000});
    get.mem.map(0x1000, raw_bytes(mask));
    CHECK(get.exit_with(16) == "sched_getaffinity(0, 128, [0 1 3 64]) = 16");
    Call set("sched_setaffinity", {0, 7, 0x1000});
    set.mem.map(0x1000, raw_bytes(mask));
    CHECK(set.exit_with(0) == "sched_setaffinity(0, 7, [0 1 3]) = 0");
    Call empty("sched_setaffinity", {0, 0, 0x1000});
    CHECK(empty.exit_with(-EINVAL) == "sched_setaffinity(0, 0, []) = -1");
    Call failed("sched_getaffinity", {0, 128, 0x1000});
    CHECK(failed.exit_with(-EINVAL) == "sched_getaffinity(0, 128, 0x1000) = -1");
    Call big("sched_setaffinity", {0, 4096, 0x1000});
    big.mem.map(0x1000, std::string(4096, '\0'));
    CHECK(big.exit_with(0).ends_with("[...]) = 0"));
}

TEST_CASE("decode::uname_and_sysinfo") {
    utsname u{};
    std::strcpy(u.sysname, "Linux");
    std::strcpy(u.nodename, "vm");
    std::strcpy(u.machine, "x86_64");
    Call call("uname", {0x1000});
    call.mem.map(0x1000, raw_bytes(u));
    CHECK(call.exit_with(0) == "uname({sysname=\"Linux\", nodename=\"vm\", ...}) = 0");
    Call verbose("uname", {0x1000});
    verbose.opts.verbose = true;
    verbose.mem.map(0x1000, raw_bytes(u));
    CHECK(verbose.exit_with(0) == "uname({sysname=\"Linux\", nodename=\"vm\", release=\"\", version=\"\", "
                                  "machine=\"x86_64\", domainname=\"\"}) = 0");
    struct sysinfo si {};
    si.uptime = 5;
    si.loads[1] = 7;
    si.procs = 3;
    si.mem_unit = 1;
    Call s("sysinfo", {0x1000});
    s.mem.map(0x1000, raw_bytes(si));
    CHECK(s.exit_with(0) ==
          "sysinfo({uptime=5, loads=[0, 7, 0], totalram=0, freeram=0, sharedram=0, bufferram=0, "
          "totalswap=0, freeswap=0, procs=3, totalhigh=0, freehigh=0, mem_unit=1}) = 0");
}

TEST_CASE("decode::getrandom") {
    Call call("getrandom", {0x1000, 8, GRND_NONBLOCK});
    call.mem.map(0x1000, "\x01\x82\xb8\xba\xee\xf6\x1d\xab");
    CHECK(call.exit_with(8) ==
          "getrandom(\"\\x01\\x82\\xb8\\xba\\xee\\xf6\\x1d\\xab\", 8, GRND_NONBLOCK) = 8");
    Call cut("getrandom", {0x1000, 8, 3});
    cut.opts.string_limit = 2;
    cut.mem.map(0x1000, "ab");
    CHECK(cut.exit_with(8) == "getrandom(\"\\x61\\x62\"..., 8, GRND_NONBLOCK|GRND_RANDOM) = 8");
    Call failed("getrandom", {0x1000, 8, 8});
    CHECK(failed.exit_with(-EINVAL) == "getrandom(0x1000, 8, 0x8 /* GRND_??? */) = -1");
}

TEST_CASE("decode::capget") {
    const std::uint32_t header[2] = {_LINUX_CAPABILITY_VERSION_3, 0};
    const std::uint32_t data[6] = {
        (1u << CAP_CHOWN) | (1u << CAP_KILL), 1u << CAP_KILL, 0, 1u << (CAP_BPF - 32), 0, 0};
    Call call("capget", {0x1000, 0x2000});
    call.mem.map(0x1000, raw_bytes(header));
    call.mem.map(0x2000, raw_bytes(data));
    CHECK(call.entry() == "capget({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, ");
    CHECK(call.exit_with(0) == "capget({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, {effective=1<<CAP_CHOWN|"
                               "1<<CAP_KILL|1<<CAP_BPF, permitted=1<<CAP_KILL, inheritable=0}) = 0");
    Call failed("capset", {0x1000, 0x2000});
    failed.mem.map(0x1000, raw_bytes(header));
    failed.mem.map(0x2000, raw_bytes(data).substr(0, 12));
    CHECK(failed.exit_with(-EPERM) == "capset({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, 0x2000) = -1");
}

TEST_CASE("decode::ids") {
    Call setuid("setresuid", {-1, 0, 0xffffffff});
    CHECK(setuid.exit_with(0) == "setresuid(-1, 0, -1) = 0");
    Call get("getresuid", {0x1000, 0x1004, 0x9000});
    get.mem.map(0x1000, raw_bytes(std::array<std::uint32_t, 2>{0, 1000}));
    CHECK(get.exit_with(0) == "getresuid([0], [1000], 0x9000) = 0");
    Call groups("getgroups", {4, 0x1000});
    groups.mem.map(0x1000, raw_bytes(std::array<std::uint32_t, 2>{4, 27}));
    CHECK(groups.exit_with(2) == "getgroups(4, [4, 27]) = 2");
    Call count("getgroups", {0, 0});
    CHECK(count.exit_with(2) == "getgroups(0, NULL) = 2");
    Call empty("getgroups", {0, 0x1000}); // nothing written: strace shows what is there
    empty.mem.map(0x1000, std::string("\x04\0\0\0", 4));
    CHECK(empty.exit_with(0) == "getgroups(0, []) = 0");
    Call asked("getgroups", {0, 0x1000});
    asked.mem.map(0x1000, std::string("\x04\0\0\0", 4));
    CHECK(asked.exit_with(1) == "getgroups(0, [4]) = 1");
    Call failed("getgroups", {1, 0x1000});
    CHECK(failed.exit_with(-22) == "getgroups(1, 0x1000) = -1");
    Call huge("setgroups", {-1, 0x1000}); // more than NGROUPS_MAX: the address
    huge.mem.map(0x1000, std::string("\x04\0\0\0", 4));
    CHECK(huge.exit_with(-22) == "setgroups(-1, 0x1000) = -1");
    Call chown("chown", {0x1000, -1, 1000});
    chown.mem.put_cstring(0x1000, "/x");
    CHECK(chown.exit_with(0) == "chown(\"/x\", -1, 1000) = 0");
}

TEST_CASE("decode::prctl") {
    Call name("prctl", {PR_SET_NAME, 0x1000, 0, 0, 0});
    name.mem.put_cstring(0x1000, "hello");
    CHECK(name.exit_with(0) == "prctl(PR_SET_NAME, \"hello\") = 0");
    Call get_name("prctl", {PR_GET_NAME, 0x1000, 0, 0, 0});
    get_name.mem.put_cstring(0x1000, "hello");
    CHECK(get_name.entry() == "prctl(PR_GET_NAME, ");
    CHECK(get_name.exit_with(0) == "prctl(PR_GET_NAME, \"hello\") = 0");
    Call dumpable("prctl", {PR_GET_DUMPABLE, 0, 0, 0, 0});
    CHECK(dumpable.exit_with(1) == "prctl(PR_GET_DUMPABLE) = 1 (SUID_DUMP_USER)");
    Call death("prctl", {PR_GET_PDEATHSIG, 0x1000, 0, 0, 0});
    death.mem.map(0x1000, raw_bytes(std::uint32_t{SIGTERM}));
    CHECK(death.exit_with(0) == "prctl(PR_GET_PDEATHSIG, [SIGTERM]) = 0");
    Call nnp("prctl", {PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0});
    CHECK(nnp.exit_with(0) == "prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) = 0");
    Call cap("prctl", {PR_CAPBSET_READ, CAP_SYS_ADMIN, 0, 0, 0});
    CHECK(cap.exit_with(1) == "prctl(PR_CAPBSET_READ, CAP_SYS_ADMIN) = 1");
    Call unknown("prctl", {9999, 1, 2, 3, 4});
    CHECK(unknown.exit_with(-EINVAL) == "prctl(0x270f /* PR_??? */, 0x1, 0x2, 0x3, 0x4) = -1");
    Call seccomp("prctl", {PR_SET_SECCOMP, 2, 0x1000, 0, 0});
    seccomp.mem.map(0x1000, raw_bytes(std::array<std::uint64_t, 2>{7, 0x5000}));
    CHECK(seccomp.exit_with(0) == "prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, {len=7, filter=0x5000}) = 0");
    Call failed("prctl", {PR_GET_PDEATHSIG, 0x1000, 0, 0, 0});
    CHECK(failed.exit_with(-EFAULT) == "prctl(PR_GET_PDEATHSIG, 0x1000) = -1");
}

TEST_CASE("decode::arch_prctl") {
    Call set("arch_prctl", {ARCH_SET_FS, 0x7f00740});
    CHECK(set.exit_with(0) == "arch_prctl(ARCH_SET_FS, 0x7f00740) = 0");
    Call get("arch_prctl", {ARCH_GET_FS, 0x1000});
    get.mem.map(0x1000, raw_bytes(std::uint64_t{0x7f00740}));
    CHECK(get.entry() == "arch_prctl(ARCH_GET_FS, ");
    CHECK(get.exit_with(0) == "arch_prctl(ARCH_GET_FS, [0x7f00740]) = 0");
    Call bad("arch_prctl", {0x1099, 0});
    CHECK(bad.exit_with(-EINVAL) == "arch_prctl(0x1099 /* ARCH_??? */, 0) = -1");
}

// Lines as strace 7.2 prints them: the query in hex, the domain and flags by name, the old persona after
// the return value.
TEST_CASE("decode::personality: the persona in, the old one out") {
    CHECK(Call("personality", {0xffffffffUL}).exit_with(0) == "personality(0xffffffff) = 0 (PER_LINUX)");
    CHECK(Call("personality", {0x40000}).exit_with(0x8) ==
          "personality(PER_LINUX|ADDR_NO_RANDOMIZE) = 0x8 (PER_LINUX32)");
    CHECK(Call("personality", {0x7f}).exit_with(0x40000) ==
          "personality(0x7f /* PER_??? */) = 0x40000 (PER_LINUX|ADDR_NO_RANDOMIZE)");
    CHECK(Call("personality", {0x10000008}).exit_with(0x7f) ==
          "personality(PER_LINUX32|0x10000000) = 0x7f (0x7f /* PER_??? */)");
}
