#include "trace/decode/call_decoder.hpp"
#include "trace/decode/fs.hpp"
#include "trace/decode/futex.hpp"
#include "trace/decode/io_uring.hpp"
#include "trace/decode/poll.hpp"
#include "trace/decode/process.hpp"
#include "trace/decode/resource.hpp"
#include "trace/decode/signal.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <string_view>

namespace trace {
namespace {

struct CallDecoderEntry {
    std::string_view name;
    CallDecoderFn fn;
};

// In any order: sorted by name below, at compile time.
constexpr CallDecoderEntry kEntries[] = {
    // processes, signals, time, memory, waiting
    {"rt_sigreturn", decode_rt_sigreturn},
    {"rt_sigtimedwait", decode_rt_sigtimedwait},
    {"clone", decode_clone},
    {"clone3", decode_clone3},
    {"prctl", decode_prctl},
    {"arch_prctl", decode_arch_prctl},
    {"sched_getscheduler", decode_sched_getscheduler},
    {"poll", decode_poll},
    {"ppoll", decode_ppoll},
    {"select", decode_select},
    {"pselect6", decode_pselect6},
    {"futex", decode_futex},
    {"futex_waitv", decode_futex_waitv},
    // files, I/O
    {"fcntl", decode_fcntl_call},
    {"ioctl", decode_ioctl_call},
    {"io_uring_setup", decode_io_uring_setup},
    {"io_uring_enter", decode_io_uring_enter},
    {"io_uring_register", decode_io_uring_register},
};

constexpr auto sorted_by_name() {
    std::array<CallDecoderEntry, std::size(kEntries)> out{};
    std::copy(std::begin(kEntries), std::end(kEntries), out.begin());
    std::sort(out.begin(), out.end(),
              [](const CallDecoderEntry& a, const CallDecoderEntry& b) { return a.name < b.name; });
    return out;
}

constexpr auto kCallDecoders = sorted_by_name();
static_assert(std::adjacent_find(kCallDecoders.begin(), kCallDecoders.end(),
                                 [](const auto& a, const auto& b) { return a.name == b.name; }) ==
                  kCallDecoders.end(),
              "a syscall has two whole-call decoders");

} // namespace

CallDecoderFn call_decoder_for(const SyscallEntry& entry) {
    const std::string_view name = entry.name;
    const auto* it =
        std::lower_bound(kCallDecoders.begin(), kCallDecoders.end(), name,
                         [](const CallDecoderEntry& e, std::string_view n) { return e.name < n; });
    return it != kCallDecoders.end() && it->name == name ? it->fn : nullptr;
}

} // namespace trace
