#include "trace/decode/call_decoder.hpp"

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

// Sorted by name.
constexpr std::array<CallDecoderEntry, 0> kCallDecoders{};

} // namespace

CallDecoderFn call_decoder_for(const SyscallEntry& entry) {
    const std::string_view name = entry.name;
    const auto* it = std::lower_bound(kCallDecoders.begin(), kCallDecoders.end(), name,
                                      [](const CallDecoderEntry& e, std::string_view n) { return e.name < n; });
    return it != kCallDecoders.end() && it->name == name ? it->fn : nullptr;
}

} // namespace trace
