#pragma once
// -P PATH: only calls that touch one of the paths are traced: a path argument naming it, or a file
// descriptor argument open on it (read from /proc/PID/fd at the call's entry).
// -e trace-fds=SET: only calls with a descriptor of SET as an argument. With both, either matches.
#include "trace/decode/decoder.hpp"
#include "trace/decode/memory.hpp"
#include "trace/syscalls/table.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace trace {

class PathFilter {
public:
    // paths as given; each is also matched in its resolved form (realpath), as strace does.
    // fds: -e trace-fds= (nullopt: not given; an empty set: no call matches through it).
    explicit PathFilter(const std::vector<std::string>& paths, std::optional<DescriptorSet> fds = {});
    bool empty() const { return m_paths.empty() && !m_fds; }
    // "Requested path 'x' resolved into '/y'" notes for -P paths that resolve elsewhere.
    const std::vector<std::string>& notes() const { return m_notes; }
    bool matches(pid_t pid, const SyscallEntry& entry, const std::array<std::uint64_t, 6>& args,
                 RemoteMemory& memory) const;

private:
    bool is_traced_path(const std::string& path) const;

    std::vector<std::string> m_paths;
    std::optional<DescriptorSet> m_fds;
    std::vector<std::string> m_notes;
};

} // namespace trace
