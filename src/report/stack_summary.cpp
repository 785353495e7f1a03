#include "trace/report/stack_summary.hpp"

#include "trace/report/stack_frames.hpp"
#include "trace/syscalls/table.hpp"

#include <algorithm>
#include <functional>
#include <iterator>

namespace trace {
namespace {

// Frames name their module and symbol through strings the unwinder keeps once each: their
// addresses identify them.
bool same_frame(const StackFrame& a, const StackFrame& b) {
    return a.kind == b.kind && a.address == b.address && a.module.data() == b.module.data() &&
           a.module.size() == b.module.size();
}

std::string syscall_name(long nr) {
    if (const SyscallEntry* e = find_syscall(nr)) return e->name;
    return fmt::format("syscall_{:#x}", static_cast<std::uint64_t>(nr));
}

} // namespace

std::size_t StackSummaryReporter::StackHash::operator()(const std::vector<StackFrame>& stack) const {
    std::size_t h = stack.size();
    for (const StackFrame& f : stack) {
        const std::size_t parts[] = {static_cast<std::size_t>(f.kind),
                                     std::hash<const void*>{}(f.module.data()),
                                     std::hash<std::uint64_t>{}(f.address)};
        for (const std::size_t p : parts)
            h ^= p + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    }
    return h;
}

bool StackSummaryReporter::StackEqual::operator()(const std::vector<StackFrame>& a,
                                                  const std::vector<StackFrame>& b) const {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), same_frame);
}

StackSummaryReporter::StackSummaryReporter(StackSummaryConfig config, std::shared_ptr<Output> out)
    : m_config(config), m_out(std::move(out)) {}

void StackSummaryReporter::on_syscall_exit(const SyscallEvent& e) {
    // As the table: calls that never returned are not counted.
    if (!e.exited || e.stack.empty()) return;
    if (e.error != 0 ? !m_config.count_failed : !m_config.count_successful) return;
    PerSyscall& s = m_syscalls[e.nr];
    ++s.calls;
    auto it = s.sites.find(e.stack);
    if (it == s.sites.end()) it = s.sites.emplace(e.stack, Site{0, 0, m_seen++}).first;
    ++it->second.calls;
    if (e.error != 0) ++it->second.errors;
}

std::string StackSummaryReporter::render() const {
    if (m_syscalls.empty()) return {};
    // System calls by calls made, then by name; each one's stacks by calls, then first seen.
    std::vector<std::pair<long, const PerSyscall*>> order;
    for (const auto& [nr, s] : m_syscalls)
        order.emplace_back(nr, &s);
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
        if (a.second->calls != b.second->calls) return a.second->calls > b.second->calls;
        return syscall_name(a.first) < syscall_name(b.first);
    });
    fmt::memory_buffer out;
    auto it = std::back_inserter(out);
    fmt::format_to(it, "\nCalling stacks (-k), the {} most frequent of each system call:\n", m_config.top);
    for (const auto& [nr, s] : order) {
        std::vector<std::pair<const std::vector<StackFrame>*, const Site*>> sites;
        for (const auto& [stack, site] : s->sites)
            sites.emplace_back(&stack, &site);
        std::sort(sites.begin(), sites.end(), [](const auto& a, const auto& b) {
            if (a.second->calls != b.second->calls) return a.second->calls > b.second->calls;
            return a.second->order < b.second->order;
        });
        fmt::format_to(it, "\n{}: {} calls from {} stack{}\n", syscall_name(nr), s->calls, sites.size(),
                       sites.size() == 1 ? "" : "s");
        const std::size_t shown = std::min(sites.size(), m_config.top);
        for (std::size_t i = 0; i < shown; ++i) {
            const Site& site = *sites[i].second;
            fmt::format_to(it, "  {} calls ({:.2f}%)", site.calls,
                           100.0 * static_cast<double>(site.calls) / static_cast<double>(s->calls));
            if (site.errors != 0) fmt::format_to(it, ", {} failed", site.errors);
            out.push_back('\n');
            for (const StackFrame& f : *sites[i].first) {
                out.append(std::string_view("    > "));
                append_frame(out, f);
                out.push_back('\n');
            }
        }
        if (shown < sites.size()) {
            std::uint64_t rest = 0;
            for (std::size_t i = shown; i < sites.size(); ++i)
                rest += sites[i].second->calls;
            fmt::format_to(it, "  {} calls from {} other stack{}\n", rest, sites.size() - shown,
                           sites.size() - shown == 1 ? "" : "s");
        }
    }
    return fmt::to_string(out);
}

void StackSummaryReporter::on_finish() {
    const std::string text = render();
    if (text.empty()) return;
    m_out->write(text);
    m_out->flush();
}

} // namespace trace
