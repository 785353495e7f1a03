#include "trace/engine/path_filter.hpp"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <fmt/format.h>
#include <unistd.h>
#include <utility>

namespace trace {

PathFilter::PathFilter(const std::vector<std::string>& paths, std::optional<DescriptorSet> fds)
    : m_fds(std::move(fds)) {
    for (const auto& p : paths) {
        m_paths.push_back(p);
        char resolved[PATH_MAX];
        if (realpath(p.c_str(), resolved) != nullptr && p != resolved) {
            m_paths.emplace_back(resolved);
            m_notes.push_back(fmt::format("Requested path \"{}\" resolved into \"{}\"", p, resolved));
        }
    }
}

bool PathFilter::is_traced_path(const std::string& path) const {
    return std::find(m_paths.begin(), m_paths.end(), path) != m_paths.end();
}

bool PathFilter::matches(pid_t pid, const SyscallEntry& entry, const std::array<std::uint64_t, 6>& args,
                         RemoteMemory& memory) const {
    for (int i = 0; i < entry.nargs; ++i) {
        const ArgSpec& spec = entry.args[i];
        const std::uint64_t value = args[static_cast<std::size_t>(i)];
        if (spec.kind == ArgKind::path && spec.dir == ArgDir::in) {
            if (m_paths.empty()) continue;
            std::string path;
            bool truncated = false;
            if (memory.read_cstring(value, PATH_MAX, path, truncated) && is_traced_path(path)) return true;
        } else if (is_fd_kind(spec.kind)) {
            const auto fd = static_cast<int>(value);
            if (fd < 0) continue;
            if (m_fds && m_fds->contains(fd)) return true;
            if (m_paths.empty()) continue;
            const std::string link = fmt::format("/proc/{}/fd/{}", pid, fd);
            char target[PATH_MAX];
            const ssize_t n = readlink(link.c_str(), target, sizeof target - 1);
            if (n > 0 && is_traced_path(std::string(target, static_cast<std::size_t>(n)))) return true;
        }
    }
    return false;
}

} // namespace trace
