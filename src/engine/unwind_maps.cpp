#include "trace/engine/unwind_maps.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

namespace trace {
namespace {

// Consumes a number in the given base from the front of text.
template <typename T> bool take_number(std::string_view& text, T& out, int base) {
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out, base);
    if (ec != std::errc() || ptr == text.data()) return false;
    text.remove_prefix(static_cast<std::size_t>(ptr - text.data()));
    return true;
}

bool take_char(std::string_view& text, char c) {
    if (text.empty() || text.front() != c) return false;
    text.remove_prefix(1);
    return true;
}

void skip_spaces(std::string_view& text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
}

// "start-end perms offset major:minor inode   path"
bool parse_line(std::string_view line, MapEntry& e) {
    if (!take_number(line, e.start, 16) || !take_char(line, '-') || !take_number(line, e.end, 16))
        return false;
    skip_spaces(line);
    if (line.size() < 4) return false;
    e.readable = line[0] == 'r';
    e.writable = line[1] == 'w';
    e.executable = line[2] == 'x';
    line.remove_prefix(4);
    skip_spaces(line);
    if (!take_number(line, e.offset, 16)) return false;
    skip_spaces(line);
    if (!take_number(line, e.dev_major, 16) || !take_char(line, ':') || !take_number(line, e.dev_minor, 16))
        return false;
    skip_spaces(line);
    if (!take_number(line, e.inode, 10)) return false;
    skip_spaces(line);
    e.path.assign(line);
    return e.end > e.start;
}

} // namespace

std::vector<MapEntry> parse_maps(std::string_view text) {
    std::vector<MapEntry> maps;
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        const std::string_view line = text.substr(0, nl);
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
        MapEntry e;
        if (parse_line(line, e)) maps.push_back(std::move(e));
    }
    return maps;
}

bool read_maps(pid_t pid, std::vector<MapEntry>& out) {
    const std::string path = fmt::format("/proc/{}/maps", pid);
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    std::string text;
    char buf[16384];
    for (;;) {
        const ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        text.append(buf, static_cast<std::size_t>(n));
    }
    close(fd);
    out = parse_maps(text);
    return !out.empty();
}

const MapEntry* find_mapping(const std::vector<MapEntry>& maps, std::uint64_t addr) {
    auto it = std::upper_bound(maps.begin(), maps.end(), addr,
                               [](std::uint64_t a, const MapEntry& e) { return a < e.start; });
    if (it == maps.begin()) return nullptr;
    --it;
    return it->contains(addr) ? &*it : nullptr;
}

} // namespace trace
