// -k: memory maps, ELF symbols, demangling, the unwinder on a real stopped child, and the frames' text.
#include "trace/engine/unwind.hpp"
#include "trace/engine/unwind_elf.hpp"
#include "trace/engine/unwind_maps.hpp"
#include "trace/report/stack_frames.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <csignal>
#include <cstdint>
#include <fcntl.h>
#include <string>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

// Functions with known names for the unwinder to find (in the unit test binary itself).
extern "C" __attribute__((noinline)) int unwind_test_marker(int n) {
    asm volatile("" ::: "memory");
    return n * 3 + 1;
}

namespace unwind_test {

volatile int sink;

struct Helper {
    __attribute__((noinline)) static int run(int n) {
        const int r = unwind_test_marker(n);
        sink = r;
        return r + 1;
    }
};

// The child's chain: level1 -> level2 -> raise(SIGSTOP).
extern "C" __attribute__((noinline)) int unwind_test_level2(int n) {
    raise(SIGSTOP);
    sink = n;
    return n + 1;
}

extern "C" __attribute__((noinline)) int unwind_test_level1(int n) {
    const int r = unwind_test_level2(n + 1);
    sink = r;
    return r + 1;
}

} // namespace unwind_test

namespace {

using trace::ElfImage;
using trace::MapEntry;
using trace::StackFrame;

std::string text_of(const StackFrame& f) {
    fmt::memory_buffer out;
    trace::append_frame(out, f);
    return fmt::to_string(out);
}

// The image of this test binary and its load bias.
struct SelfImage {
    std::unique_ptr<ElfImage> image;
    std::uint64_t bias = 0;
};

SelfImage self_image() {
    SelfImage self;
    const int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    self.image = ElfImage::open_file(fd);
    close(fd);
    REQUIRE(self.image != nullptr);
    std::vector<MapEntry> maps;
    REQUIRE(trace::read_maps(getpid(), maps));
    const auto addr = reinterpret_cast<std::uintptr_t>(&unwind_test_marker);
    const MapEntry* m = trace::find_mapping(maps, addr);
    REQUIRE(m != nullptr);
    CHECK(m->executable);
    const auto bias = self.image->load_bias(m->start, m->offset);
    REQUIRE(bias.has_value());
    self.bias = *bias;
    return self;
}

// A child stopped by its own SIGSTOP inside unwind_test_level2, traced by us. Killed at the end.
struct StoppedChild {
    pid_t pid = 0;
    StoppedChild() {
        pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            ptrace(PTRACE_TRACEME, 0, nullptr, nullptr);
            unwind_test::unwind_test_level1(1);
            _exit(0);
        }
        int status = 0;
        REQUIRE(waitpid(pid, &status, 0) == pid);
        REQUIRE(WIFSTOPPED(status));
        REQUIRE(WSTOPSIG(status) == SIGSTOP);
    }
    StoppedChild(const StoppedChild&) = delete;
    StoppedChild& operator=(const StoppedChild&) = delete;
    ~StoppedChild() {
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
    }
};

// The frames' symbols, in order.
std::vector<std::string> symbols(const std::vector<StackFrame>& frames) {
    std::vector<std::string> names;
    for (const StackFrame& f : frames) names.emplace_back(f.symbol);
    return names;
}

long index_of(const std::vector<std::string>& names, const std::string& name) {
    const auto it = std::find(names.begin(), names.end(), name);
    return it == names.end() ? -1 : static_cast<long>(it - names.begin());
}

} // namespace

TEST_CASE("unwind::parse_maps") {
    const auto maps = trace::parse_maps(
        "55d0c0a00000-55d0c0a02000 r--p 00000000 fd:01 1311 /usr/bin/true\n"
        "55d0c0a02000-55d0c0a06000 r-xp 00002000 fd:01 1311 /usr/bin/true\n"
        "7f0000000000-7f0000021000 rw-p 00000000 00:00 0 \n"
        "7f0000100000-7f0000102000 r-xp 00001000 08:02 42   /tmp/a dir/lib x.so (deleted)\n"
        "garbage\n"
        "7ffd1b5f4000-7ffd1b5f6000 r-xp 00000000 00:00 0                          [vdso]");
    REQUIRE(maps.size() == 5);
    CHECK(maps[0].start == 0x55d0c0a00000);
    CHECK(maps[0].end == 0x55d0c0a02000);
    CHECK(maps[0].readable);
    CHECK_FALSE(maps[0].executable);
    CHECK(maps[1].executable);
    CHECK_FALSE(maps[1].writable);
    CHECK(maps[1].offset == 0x2000);
    CHECK(maps[1].dev_major == 0xfd);
    CHECK(maps[1].dev_minor == 1);
    CHECK(maps[1].inode == 1311);
    CHECK(maps[1].path == "/usr/bin/true");
    CHECK(maps[2].writable);
    CHECK(maps[2].path.empty());
    CHECK(maps[3].path == "/tmp/a dir/lib x.so (deleted)");
    CHECK(maps[3].dev_major == 8);
    CHECK(maps[4].path == "[vdso]");
    CHECK(maps[4].inode == 0);
}

TEST_CASE("unwind::find_mapping") {
    const auto maps = trace::parse_maps("1000-2000 r-xp 00000000 00:00 0 a\n"
                                        "3000-4000 r-xp 00000000 00:00 0 b\n");
    CHECK(trace::find_mapping(maps, 0xfff) == nullptr);
    REQUIRE(trace::find_mapping(maps, 0x1000) != nullptr);
    CHECK(trace::find_mapping(maps, 0x1fff)->path == "a");
    CHECK(trace::find_mapping(maps, 0x2000) == nullptr);
    CHECK(trace::find_mapping(maps, 0x3800)->path == "b");
    CHECK(trace::find_mapping(maps, 0x4000) == nullptr);
}

TEST_CASE("unwind::demangle_symbol") {
    CHECK(trace::demangle_symbol("_ZN11unwind_test6Helper3runEi") == "unwind_test::Helper::run(int)");
    CHECK(trace::demangle_symbol("main") == "main");
    CHECK(trace::demangle_symbol("_Zbroken") == "_Zbroken");
}

TEST_CASE("unwind::elf_symbols") {
    const SelfImage self = self_image();
    const auto addr = reinterpret_cast<std::uintptr_t>(&unwind_test_marker);
    const auto at_start = self.image->symbol_at(addr - self.bias, true);
    REQUIRE(at_start.has_value());
    CHECK(at_start->name == "unwind_test_marker");
    CHECK(at_start->offset == 0);
    const auto inside = self.image->symbol_at(addr - self.bias + 3, true);
    REQUIRE(inside.has_value());
    CHECK(inside->name == "unwind_test_marker");
    CHECK(inside->offset == 3);

    const auto run = reinterpret_cast<std::uintptr_t>(&unwind_test::Helper::run);
    const auto demangled = self.image->symbol_at(run - self.bias + 1, true);
    REQUIRE(demangled.has_value());
    CHECK(demangled->name == "unwind_test::Helper::run(int)");
    const auto mangled = self.image->symbol_at(run - self.bias + 1, false);
    REQUIRE(mangled.has_value());
    CHECK(mangled->name == "_ZN11unwind_test6Helper3runEi");

    // Code is read from the file as the process sees it.
    unsigned char code[8] = {};
    REQUIRE(self.image->read_constant(addr - self.bias, code, sizeof code));
    CHECK(std::equal(code, code + sizeof code, reinterpret_cast<const unsigned char*>(addr)));
    // Writable data is not: it differs from process to process.
    static int writable = 5;
    CHECK_FALSE(self.image->read_constant(reinterpret_cast<std::uintptr_t>(&writable) - self.bias, code, 4));
    REQUIRE(self.image->eh_frame_table() != nullptr);
    CHECK(self.image->eh_frame_table()->built.empty()); // linked with .eh_frame_hdr
}

TEST_CASE("unwind::not_elf") {
    const int fd = open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    CHECK(ElfImage::open_file(fd) == nullptr);
    close(fd);
    std::vector<std::byte> junk(200, std::byte{0x7f});
    CHECK(ElfImage::from_bytes(std::move(junk)) == nullptr);
}

TEST_CASE("unwind::capture") {
    StoppedChild child;
    trace::Unwinder unwinder(trace::UnwindConfig{});
    std::vector<StackFrame> frames;
    unwinder.capture(child.pid, child.pid, frames);
    const auto names = symbols(frames);
    INFO(fmt::format("{}", fmt::join(names, " < ")));
    const long level2 = index_of(names, "unwind_test_level2");
    const long level1 = index_of(names, "unwind_test_level1");
    REQUIRE(level2 > 0); // raise's own frames come first
    CHECK(level1 == level2 + 1);
    CHECK(frames[static_cast<std::size_t>(level2)].module.find("unit_tests") != std::string_view::npos);
    CHECK(frames[0].kind == StackFrame::Kind::frame);
    CHECK(frames[0].module.find("libc") != std::string_view::npos);

    // Once more, from the caches: the same stack.
    std::vector<StackFrame> again;
    unwinder.capture(child.pid, child.pid, again);
    CHECK(symbols(again) == names);

    SUBCASE("a frame limit cuts the stack with a marker") {
        trace::Unwinder limited(trace::UnwindConfig{2, true, false});
        limited.capture(child.pid, child.pid, frames);
        REQUIRE(frames.size() == 3);
        CHECK(frames[2].kind == StackFrame::Kind::truncated);
    }
    SUBCASE("PTRACE_PEEKDATA instead of process_vm_readv gives the same") {
        trace::Unwinder peeking(trace::UnwindConfig{256, true, true});
        peeking.capture(child.pid, child.pid, frames);
        CHECK(symbols(frames) == names);
    }
    SUBCASE("the map is read again after a change") {
        unwinder.mappings_changed(child.pid, 0, ~std::uint64_t{0} / 2, true);
        unwinder.capture(child.pid, child.pid, frames);
        CHECK(symbols(frames) == names);
        unwinder.forget(child.pid);
        unwinder.capture(child.pid, child.pid, frames);
        CHECK(symbols(frames) == names);
    }
}

TEST_CASE("unwind::capture_gone") {
    pid_t pid = 0;
    {
        StoppedChild child;
        pid = child.pid;
    }
    // The thread is gone (and not ours): nothing, and no crash.
    trace::Unwinder unwinder(trace::UnwindConfig{});
    std::vector<StackFrame> frames{StackFrame{}};
    unwinder.capture(pid, pid, frames);
    CHECK(frames.empty());
}

TEST_CASE("stack_frames::append_frame") {
    StackFrame f;
    f.module = "/usr/lib/libc.so.6";
    f.symbol = "__write";
    f.symbol_offset = 0x14;
    f.address = 0xf1234;
    CHECK(text_of(f) == "/usr/lib/libc.so.6(__write+0x14) [0xf1234]");
    f.symbol = {};
    CHECK(text_of(f) == "/usr/lib/libc.so.6() [0xf1234]");
    f.symbol = "main";
    f.symbol_offset = 0;
    f.address = 0;
    CHECK(text_of(f) == "/usr/lib/libc.so.6(main+0x0) [0x0]");
    CHECK(text_of(StackFrame{StackFrame::Kind::error, {}, {}, 0, 0x7f0012345678}) ==
          "unexpected_backtracing_error [0x7f0012345678]");
    CHECK(text_of(StackFrame{StackFrame::Kind::truncated, {}, {}, 0, 0}) == "too many stack frames");

    fmt::memory_buffer out;
    const std::vector<StackFrame> stack{f, StackFrame{StackFrame::Kind::truncated, {}, {}, 0, 0}};
    trace::append_stack(out, stack);
    CHECK(fmt::to_string(out) == " > /usr/lib/libc.so.6(main+0x0) [0x0]\n > too many stack frames\n");
}
