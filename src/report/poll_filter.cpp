#include "trace/report/poll_filter.hpp"

namespace trace {

bool is_poll_family(const SyscallEntry* entry) {
    return has_fact(entry, Fact::polls);
}

bool is_empty_poll(const SyscallEvent& e) {
    return e.exited && !e.unfinished && !e.detached && e.error == 0 && e.ret == 0 && is_poll_family(e.entry);
}

} // namespace trace
