#include "trace/report/poll_filter.hpp"

#include <array>
#include <string_view>

namespace trace {

bool is_poll_family(const SyscallEntry* entry) {
    if (entry == nullptr) return false;
    static constexpr std::array<std::string_view, 7> kNames{
        "poll", "ppoll", "select", "pselect6", "epoll_wait", "epoll_pwait", "epoll_pwait2"};
    const std::string_view name = entry->name;
    for (const std::string_view n : kNames) {
        if (n == name) return true;
    }
    return false;
}

bool is_empty_poll(const SyscallEvent& e) {
    return e.exited && !e.unfinished && !e.detached && e.error == 0 && e.ret == 0 && is_poll_family(e.entry);
}

} // namespace trace
