// Fuzz target for the decoders: the tracee controls every pointer, length and string a decoder
// reads, so each decoder runs here with random registers and random tracee memory with holes, at
// entry and at exit as the engine calls it, and its values are rendered as strace text. Built as a
// libFuzzer target with clang, and as a plain corpus replayer with any compiler (replay_main.cpp).
//
// Input layout (little-endian):
//   [0..1]   selector: below 0x8000 a syscall number (the table's row, with its whole-call decoder if
//            it has one); else an argument kind, [68]: a row of the table with an argument of that
//            kind (the first from row [69] on), as the table's rows are the contexts decoders expect
//            (bindings, positions); a kind no row uses runs in a made-up row, at position [70] % 6
//   [2]      flags: 1 verbose (-v), 2 the call failed, 4 abbreviated structures off, 8 -X raw
//   [3]      -s string limit
//   [4..51]  six arguments; one whose top 24 bits are 0xA5A5A5 points into the memory image (low bits
//            are the offset), as a tracee's pointers mostly do
//   [52..59] the return value: an errno when the call failed, else see success_value
//   [60..67] a mask of 64 holes: granule g (256 bytes) of the image is unreadable if bit g % 64 is set
//   [68..79] the kind, the row to start from, the position (see above); the rest is unused
//   [80..]   the memory image, mapped at kImageBase and again at kLowBase
#include "trace/decode/call_decoder.hpp"
#include "trace/decode/decoder.hpp"
#include "trace/report/value_printer.hpp"
#include "trace/syscalls/table.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <iterator>
#include <span>
#include <vector>

namespace {

using namespace trace;

constexpr std::uint64_t kImageBase = 0x7f0000000000;
constexpr std::uint64_t kLowBase = 0x10000;
constexpr std::uint64_t kPointerTag = 0xA5A5A5;
constexpr std::size_t kHeader = 80;
constexpr std::size_t kGranule = 256;
// A decoder asks for what it will show (bounded by -s) or for fixed-size structures; a bigger
// request means it trusted a length from the tracee. The total bounds loops over tracee memory.
constexpr std::size_t kMaxRead = 1 << 20;
constexpr std::size_t kMaxTotal = 64 << 20;

[[noreturn]] void fail(const char* what, std::size_t n) {
    std::fprintf(stderr, "fuzz_decoders: %s (%zu bytes)\n", what, n);
    std::abort();
}

// The tracee's memory: the image at two addresses, unreadable granules where the hole mask says.
class FuzzMemory final : public RemoteMemory {
public:
    FuzzMemory(std::span<const std::byte> image, std::uint64_t holes) : m_image(image), m_holes(holes) {}

    std::size_t read(std::uint64_t addr, std::span<std::byte> out) override {
        if (out.size() > kMaxRead) fail("a single read larger than any decoder needs", out.size());
        m_total += out.size();
        if (m_total > kMaxTotal) fail("unbounded reading of tracee memory", m_total);
        std::size_t done = 0;
        while (done < out.size()) {
            std::size_t offset = 0;
            if (!translate(addr + done, offset)) break;
            const std::size_t granule_end = (offset / kGranule + 1) * kGranule;
            const std::size_t n =
                std::min({out.size() - done, m_image.size() - offset, granule_end - offset});
            std::memcpy(out.data() + done, m_image.data() + offset, n);
            done += n;
        }
        return done;
    }

private:
    bool translate(std::uint64_t addr, std::size_t& offset) const {
        std::uint64_t off = 0;
        if (addr >= kImageBase && addr - kImageBase < m_image.size()) {
            off = addr - kImageBase;
        } else if (addr >= kLowBase && addr - kLowBase < m_image.size()) {
            off = addr - kLowBase;
        } else {
            return false;
        }
        if ((m_holes >> ((off / kGranule) % 64)) & 1u) return false;
        offset = static_cast<std::size_t>(off);
        return true;
    }

    std::span<const std::byte> m_image;
    std::uint64_t m_holes;
    std::size_t m_total = 0;
};

std::uint64_t load64(const std::uint8_t* p) {
    std::uint64_t v = 0;
    std::memcpy(&v, p, sizeof v);
    return v;
}

std::uint64_t pointer_or_value(std::uint64_t raw, std::size_t image_size) {
    if ((raw >> 40) != kPointerTag) return raw;
    return kImageBase + (raw & 0xffffff) % (image_size + 16);
}

// A successful call's result. Where it is a length (read, getdents...), the kernel has written that
// many bytes into the tracee's memory, so it stays below the image size plus a margin that runs into
// a hole; an address (mmap, brk: printed in hex) is taken as it is.
std::int64_t success_value(const SyscallEntry& row, const std::uint8_t* data, std::size_t image_size) {
    const std::uint64_t raw = load64(data + 52);
    if (row.ret == RetKind::hex) return static_cast<std::int64_t>(pointer_or_value(raw, image_size));
    return static_cast<std::int64_t>(raw % (image_size + 65536));
}

// A row of the table with an argument of this kind, the first from row start on; else a made-up
// row with the kind at one position, its length (if any) bound to the return value.
const SyscallEntry* row_for_kind(ArgKind kind, std::size_t start, int position, SyscallEntry& made_up) {
    const auto table = syscall_table();
    for (std::size_t n = 0; n < table.size(); ++n) {
        const SyscallEntry& row = table[(start + n) % table.size()];
        for (int i = 0; i < row.nargs; ++i)
            if (row.args[i].kind == kind) return &row;
    }
    made_up = SyscallEntry{};
    made_up.nr = 100000;
    made_up.name = "fuzz_kind";
    made_up.ret = RetKind::dec;
    made_up.nargs = kMaxArgs;
    for (int i = 0; i < kMaxArgs; ++i)
        made_up.args[i] = ArgSpec{"arg", ArgKind::hex, ArgDir::in, kBindNone};
    made_up.args[position] = ArgSpec{"arg", kind, ArgDir::inout, kBindRet};
    return &made_up;
}

// The strace text of the values; printed when FUZZ_DECODERS_PRINT is set (to look at an input).
void render(const SyscallEntry& row, const std::vector<Value>& values, const Value& detail,
            const PrintOptions& print) {
    static const bool show = std::getenv("FUZZ_DECODERS_PRINT") != nullptr;
    fmt::memory_buffer out;
    fmt::format_to(std::back_inserter(out), "{}(", row.name);
    for (const Value& v : values) {
        print_value(out, v, print);
        out.push_back(',');
    }
    out.push_back(')');
    print_value(out, detail, print);
    if (show) fmt::print("{}\n", fmt::to_string(out));
}

// At entry or exit, as the engine decodes: a whole-call decoder, or one decoder per argument for
// the inputs at entry and the rest at exit.
int decode(const DecodeContext& ctx, const SyscallEntry& row, std::vector<Value>& values) {
    if (const CallDecoderFn whole = call_decoder_for(row)) return whole(ctx, values);
    values.resize(row.nargs);
    for (int i = 0; i < row.nargs; ++i) {
        const bool is_input = row.args[i].dir == ArgDir::in;
        if (is_input == ctx.call.exiting) continue;
        values[static_cast<std::size_t>(i)] = decode_arg(ctx, i);
    }
    return -1;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < kHeader) return 0;
    const std::span<const std::byte> image(reinterpret_cast<const std::byte*>(data) + kHeader,
                                           size - kHeader);
    FuzzMemory mem(image, load64(data + 60));

    const unsigned selector = static_cast<unsigned>(data[0] | (data[1] << 8));
    SyscallEntry made_up{};
    const SyscallEntry* row = nullptr;
    if (selector < 0x8000) {
        row = find_syscall(static_cast<long>(selector));
        if (row == nullptr) return 0;
    } else {
        row = row_for_kind(static_cast<ArgKind>(data[68] % kArgKindCount), data[69], data[70] % kMaxArgs,
                           made_up);
    }

    const std::uint8_t flags = data[2];
    DecodeOptions opts;
    opts.verbose = (flags & 1u) != 0;
    opts.string_limit = data[3];
    if ((flags & 4u) != 0) opts.abbrev_calls.assign(1, false);
    PrintOptions print;
    print.string_limit = opts.string_limit;
    print.raw_constants = (flags & 8u) != 0;

    CallView view;
    view.entry = row;
    for (std::size_t i = 0; i < kMaxArgs; ++i)
        view.args[i] = pointer_or_value(load64(data + 4 + 8 * i), image.size());
    view.sp = kImageBase;
    Value detail;
    view.ret_detail = &detail;

    std::vector<Value> values;
    const DecodeContext at_entry{mem, opts, view};
    decode(at_entry, *row, values);
    render(*row, values, detail, print);

    const std::vector<Value> entry_values = values;
    view.exiting = true;
    view.failed = (flags & 2u) != 0;
    view.ret = view.failed ? -static_cast<std::int64_t>(1 + load64(data + 52) % 4095)
                           : success_value(*row, data, image.size());
    const DecodeContext at_exit{mem, opts, view, &entry_values};
    decode(at_exit, *row, values);
    render(*row, values, detail, print);
    return 0;
}
