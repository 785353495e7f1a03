// -y, -yy: what a descriptor is, read from /proc when the call is decoded.
#include "trace/decode/fd_info.hpp"

#include <array>
#include <cerrno>
#include <fcntl.h>
#include <fstream>
#include <string_view>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

namespace trace {

namespace {

constexpr std::string_view kDeleted = " (deleted)";
constexpr std::string_view kSocketPrefix = "socket:[";

std::string proc_path(pid_t pid) {
    return "/proc/" + std::to_string(pid);
}

std::optional<std::string> read_link(const std::string& path) {
    std::array<char, 4097> buf{};
    const ssize_t n = readlink(path.c_str(), buf.data(), buf.size() - 1);
    if (n < 0) return std::nullopt;
    return std::string(buf.data(), static_cast<std::size_t>(n));
}

std::optional<unsigned long> socket_inode(std::string_view path) {
    if (!path.starts_with(kSocketPrefix) || !path.ends_with(']')) return std::nullopt;
    const std::string digits(path.substr(kSocketPrefix.size(), path.size() - kSocketPrefix.size() - 1));
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    return std::stoul(digits);
}

std::optional<Value> socket_description(pid_t pid, const std::string& link, unsigned long inode) {
    std::array<char, 64> proto{};
    const ssize_t n = getxattr(link.c_str(), "system.sockprotoname", proto.data(), proto.size() - 1);
    if (n <= 0) return std::nullopt;
    std::string name(proto.data(), static_cast<std::size_t>(n));
    if (const auto nul = name.find('\0'); nul != std::string::npos) name.resize(nul);
    return socket_details(pid, name, inode);
}

// A device node's type and numbers: char 1:3, block 8:1.
std::optional<Value> device_value(const std::string& link, std::string_view path) {
    if (!path.starts_with('/')) return std::nullopt;
    struct stat st {};
    if (stat(link.c_str(), &st) != 0) return std::nullopt;
    if (!S_ISCHR(st.st_mode) && !S_ISBLK(st.st_mode)) return std::nullopt;
    Value dev = Value::structure();
    dev.add("type", Value::name(S_ISCHR(st.st_mode) ? "char" : "block"));
    dev.add("major", Value::unsigned_int(major(st.st_rdev)));
    dev.add("minor", Value::unsigned_int(minor(st.st_rdev)));
    return dev;
}

// The process a pidfd refers to, from the "Pid:" line of its fdinfo.
std::optional<long> pidfd_pid(pid_t pid, int fd) {
    std::ifstream in(proc_path(pid) + "/fdinfo/" + std::to_string(fd));
    std::string line;
    while (std::getline(in, line)) {
        if (!line.starts_with("Pid:")) continue;
        try {
            return std::stol(line.substr(4));
        } catch (...) {
            return std::nullopt;
        }
    }
    return std::nullopt;
}

} // namespace

void describe_fd(Value& v, pid_t pid, int fd, const FdDecoding& what) {
    if (pid <= 0 || !what.any()) return;
    const std::string link =
        fd == AT_FDCWD ? proc_path(pid) + "/cwd" : proc_path(pid) + "/fd/" + std::to_string(fd);
    std::optional<std::string> path = read_link(link);
    if (!path) return;
    bool deleted = false;
    if (path->ends_with(kDeleted)) {
        path->resize(path->size() - kDeleted.size());
        deleted = true;
    }
    if (what.socket) {
        if (const auto inode = socket_inode(*path)) {
            if (auto socket = socket_description(pid, link, *inode)) {
                v.add("socket", std::move(*socket));
                return;
            }
        }
    }
    if (what.dev) {
        if (auto dev = device_value(link, *path)) {
            v.add("path", Value::string(std::move(*path), false));
            v.add("dev", std::move(*dev));
            return;
        }
    }
    if (what.pidfd && *path == "anon_inode:[pidfd]") {
        if (const auto target = pidfd_pid(pid, fd)) {
            v.add("pid", Value::signed_int(*target));
            return;
        }
    }
    if (!what.path) return;
    v.add("path", Value::string(std::move(*path), false));
    if (deleted) v.add("deleted", Value::unknown());
}

Value fd_value(const DecodeContext& ctx, int fd) {
    Value v = Value::fd(fd);
    if (fd >= 0) describe_fd(v, ctx.call.pid, fd, ctx.opts.fds);
    return v;
}

} // namespace trace
