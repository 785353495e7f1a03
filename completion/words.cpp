// Writes trace's bash completion: completion/trace.bash.in with its @WORDS@ replaced by the words
// trace's own tables give (run at build time, linked with trace_core):
//   options     option_table(), the table the option scanner uses
//   syscalls    the syscall table (syscalls/x86_64.tbl)
//   signals     signal_name(), errnos: errno_name() (the names trace prints), each read back by the
//               parser's own lookups (signal_from_name, errno_from_name)
//   classes, qualifiers, statuses...: the words strace documents, each checked by the expression
//               parser: a word the parser refuses fails the build, so the completion never offers
//               what trace would reject.
// Usage: trace_completion_words TEMPLATE OUTPUT
#include "trace/cli/expression.hpp"
#include "trace/cli/option_table.hpp"
#include "trace/cli/values.hpp"
#include "trace/decode/names.hpp"
#include "trace/syscalls/table.hpp"
#include "trace/util/error.hpp"

#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using Words = std::vector<std::string>;

std::string join(const Words& words) {
    std::string out;
    for (const auto& w : words) {
        if (!out.empty()) out += ' ';
        out += w;
    }
    return out;
}

bool accepted(const std::function<void()>& parse) {
    try {
        parse();
        return true;
    } catch (const trace::UsageError&) {
        return false;
    }
}

// The candidates, each of which the parser must accept.
Words checked(std::string_view what, const Words& candidates,
              const std::function<bool(const std::string&)>& ok) {
    for (const auto& word : candidates) {
        if (!ok(word))
            throw std::runtime_error("the parser refuses the " + std::string(what) + " '" + word + "'");
    }
    return candidates;
}

Words syscall_names() {
    Words out;
    for (const auto& row : trace::syscall_table())
        out.emplace_back(row.name);
    return out;
}

Words signal_names() {
    Words out;
    for (int sig = 1; sig <= trace::kMaxSignal; ++sig) {
        const std::string name = trace::signal_name(sig);
        if (trace::signal_from_name(name) == sig) out.push_back(name);
    }
    return out;
}

Words errno_names() {
    Words out;
    for (int err = 1; err < 4096; ++err) {
        const char* name = trace::errno_name(err);
        if (name != nullptr && trace::errno_from_name(name) == err) out.emplace_back(name);
    }
    return out;
}

Words class_names() {
    return checked("class",
                   {"%desc", "%file", "%memory", "%process", "%creds", "%signal", "%ipc", "%net", "%network",
                    "%stat", "%lstat", "%fstat", "%%stat", "%statfs", "%fstatfs", "%%statfs", "%pure",
                    "%clock"},
                   [](const std::string& w) { return accepted([&] { trace::parse_syscall_set(w); }); });
}

// The qualifiers' long names (strace's manual spells them so), checked by split_qualifier.
Words qualifier_names() {
    return checked("qualifier",
                   {"trace", "trace-fds", "abbrev", "verbose", "raw", "signal", "status", "quiet", "read",
                    "write", "fault", "inject", "kvm", "decode-fds", "decode-pids", "stack"},
                   [](const std::string& w) { return trace::split_qualifier(w + "=x").value == "x"; });
}

Words checked_values(std::string_view what, const Words& words, void (*parse)(std::string_view)) {
    return checked(what, words, [&](const std::string& w) { return accepted([&] { parse(w); }); });
}

Words option_names(trace::OptArg arg, bool long_only) {
    Words out;
    for (const auto& spec : trace::option_table()) {
        const bool is_long = spec.name.starts_with("--");
        if (spec.arg == arg && (is_long || !long_only)) out.emplace_back(spec.name);
    }
    return out;
}

// Long options that take an -e qualifier's value, as "--option=qualifier".
Words qualifier_options() {
    using trace::Opt;
    const std::map<Opt, std::string_view> kQualifierOf{
        {Opt::q_trace, "trace"},
        {Opt::q_abbrev, "abbrev"},
        {Opt::q_verbose, "verbose"},
        {Opt::q_raw, "raw"},
        {Opt::q_signal, "signal"},
        {Opt::q_status, "status"},
        {Opt::q_fault, "fault"},
        {Opt::q_inject, "inject"},
        {Opt::q_quiet, "quiet"},
        {Opt::q_decode_fds, "decode-fds"},
        {Opt::q_decode_pids, "decode-pids"},
        {Opt::q_stack, "stack"},
    };
    Words out;
    for (const auto& spec : trace::option_table()) {
        const auto it = kQualifierOf.find(spec.id);
        if (it != kQualifierOf.end()) out.push_back(std::string(spec.name) + "=" + std::string(it->second));
    }
    return out;
}

std::string fill(std::string text, const std::map<std::string, std::string>& words) {
    for (const auto& [key, value] : words) {
        const std::string marker = "@" + key + "@";
        for (auto at = text.find(marker); at != std::string::npos; at = text.find(marker, at + value.size()))
            text.replace(at, marker.size(), value);
    }
    return text;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s TEMPLATE OUTPUT\n", argv[0]);
        return 2;
    }
    try {
        std::ifstream in(argv[1]);
        if (!in) throw std::runtime_error(std::string("cannot read ") + argv[1]);
        const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        using trace::OptArg;
        const std::map<std::string, std::string> words{
            {"OPTIONS_NOARG", join(option_names(OptArg::none, false))},
            {"OPTIONS_ARG", join(option_names(OptArg::required, false))},
            {"OPTIONS_OPTARG", join(option_names(OptArg::optional, true))},
            {"QUALIFIER_OPTIONS", join(qualifier_options())},
            {"SYSCALLS", join(syscall_names())},
            {"CLASSES", join(class_names())},
            {"SIGNALS", join(signal_names())},
            {"ERRNOS", join(errno_names())},
            {"QUALIFIERS", join(qualifier_names())},
            {"STATUSES",
             join(checked_values("status", {"successful", "failed", "unfinished", "unavailable", "detached"},
                                 [](std::string_view w) { trace::parse_status_set(w); }))},
            {"QUIET",
             join(checked_values("quiet value",
                                 {"attach", "exit", "path-resolution", "personality", "thread-execve"},
                                 [](std::string_view w) { trace::parse_quiet_set(w); }))},
            {"DECODE_FDS", join(checked_values("decode-fds value",
                                               {"path", "socket", "dev", "pidfd", "eventfd", "signalfd"},
                                               [](std::string_view w) { trace::parse_decode_fd_set(w); }))},
            {"DECODE_PIDS", join(checked_values("decode-pids value", {"pidns", "comm"},
                                                [](std::string_view w) { trace::parse_decode_pid_set(w); }))},
            {"SORT_KEYS",
             join(checked("sort key",
                          {"time", "calls", "errors", "name", "nothing", "min-time", "max-time", "avg-time",
                           "total-time"},
                          [](const std::string& w) { return trace::parse_sort_key(w).has_value(); }))},
        };
        const std::string out_text = fill(text, words);
        std::ofstream out(argv[2]);
        out << out_text;
        if (!out.flush()) throw std::runtime_error(std::string("cannot write ") + argv[2]);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: %s\n", argv[0], e.what());
        return 1;
    }
    return 0;
}
