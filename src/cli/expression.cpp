#include "trace/cli/expression.hpp"

#include "trace/cli/usage_errors.hpp"
#include "trace/cli/values.hpp"
#include "trace/decode/names.hpp"
#include "trace/syscalls/table.hpp"
#include "trace/util/error.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <fmt/format.h>
#include <regex.h>
#include <string>

namespace trace {

namespace {

std::string to_upper(std::string_view text) {
    std::string out(text);
    for (auto& c : out)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

// Leading '!'s toggle the complement; "all" is "!none".
struct SpecHead {
    bool inverted = false;
    bool none = false; // the spec is "none" or "all": no values to read
    std::string_view rest;
};

SpecHead read_head(std::string_view spec) {
    SpecHead head;
    std::string_view s = spec;
    while (!s.empty() && s.front() == '!') {
        head.inverted = !head.inverted;
        s.remove_prefix(1);
    }
    if (s == "none") {
        head.none = true;
    } else if (s == "all") {
        head.none = true;
        head.inverted = !head.inverted;
    }
    head.rest = s;
    return head;
}

// A set of small numbers given as [!]value[,value]..., values looked up by `lookup` (-1: unknown).
struct NumberSpec {
    std::vector<int> numbers;
    bool inverted = false;
    bool contains(int n) const {
        return (std::find(numbers.begin(), numbers.end(), n) != numbers.end()) != inverted;
    }
};

template <typename Lookup>
NumberSpec parse_numbers(std::string_view spec, std::string_view what, Lookup lookup) {
    const SpecHead head = read_head(spec);
    NumberSpec out;
    out.inverted = head.inverted;
    if (head.none) return out;
    const auto tokens = split_tokens(head.rest, ",");
    if (tokens.empty()) die("invalid {} '{}'", what, spec);
    for (auto token : tokens) {
        const int n = lookup(token);
        if (n < 0) die("invalid {} '{}'", what, token);
        out.numbers.push_back(n);
    }
    return out;
}

struct NamedValue {
    std::string_view name;
    int value;
};

template <std::size_t N> int lookup_name(const std::array<NamedValue, N>& names, std::string_view token) {
    for (const auto& nv : names) {
        if (iequals(nv.name, token)) return nv.value;
    }
    return -1;
}

// ---- syscalls ----

struct ClassName {
    std::string_view name;
    std::uint32_t bits;
};

constexpr std::array<ClassName, 26> kClassNames{{
    {"%desc", kClassDesc},
    {"%file", kClassFile},
    {"%memory", kClassMemory},
    {"%process", kClassProcess},
    {"%creds", kClassCreds},
    {"%signal", kClassSignal},
    {"%ipc", kClassIpc},
    {"%net", kClassNetwork},
    {"%network", kClassNetwork},
    {"%stat", kClassStat},
    {"%lstat", kClassLstat},
    {"%fstat", kClassFstat},
    {"%%stat", kClassStatLike},
    {"%statfs", kClassStatfs},
    {"%fstatfs", kClassFstatfs},
    {"%%statfs", kClassStatfsLike},
    {"%pure", kClassPure},
    {"%clock", kClassClock},
    // the names strace accepted before classes took a '%'
    {"all", 0},
    {"desc", kClassDesc},
    {"file", kClassFile},
    {"memory", kClassMemory},
    {"process", kClassProcess},
    {"signal", kClassSignal},
    {"ipc", kClassIpc},
    {"network", kClassNetwork},
}};

void set_bit(std::vector<bool>& bits, int nr) {
    if (nr >= 0 && static_cast<std::size_t>(nr) < bits.size()) bits[static_cast<std::size_t>(nr)] = true;
}

// RAII for a compiled POSIX regular expression.
class Regex {
public:
    explicit Regex(const std::string& pattern) {
        const int rc = regcomp(&m_re, pattern.c_str(), REG_EXTENDED | REG_NOSUB);
        if (rc != 0) {
            std::array<char, 512> buf{};
            regerror(rc, &m_re, buf.data(), buf.size());
            regfree(&m_re);
            die("regcomp: {}: {}", pattern, buf.data());
        }
    }
    ~Regex() { regfree(&m_re); }
    Regex(const Regex&) = delete;
    Regex& operator=(const Regex&) = delete;
    bool matches(const char* text) const { return regexec(&m_re, text, 0, nullptr, 0) == 0; }

private:
    regex_t m_re{};
};

bool add_syscalls_matching(std::string_view token, std::vector<bool>& bits) {
    if (token.empty()) return false;
    if (token.front() >= '0' && token.front() <= '9') {
        // Any number below the table's limit, including the gaps in the numbering, as strace does.
        auto nr = parse_uint(token);
        if (!nr || *nr >= bits.size()) return false;
        set_bit(bits, static_cast<int>(*nr));
        return true;
    }
    bool found = false;
    if (token.front() == '/') {
        const Regex re{std::string(token.substr(1))};
        for (const auto& row : syscall_table()) {
            if (re.matches(row.name)) {
                set_bit(bits, row.nr);
                found = true;
            }
        }
        return found;
    }
    for (const auto& cls : kClassNames) {
        if (cls.name != token) continue;
        for (const auto& row : syscall_table()) {
            if ((row.classes & cls.bits) == cls.bits) set_bit(bits, row.nr);
        }
        return true;
    }
    for (const auto& row : syscall_table()) {
        if (token == row.name) {
            set_bit(bits, row.nr);
            found = true;
        }
    }
    return found;
}

// One value of a syscall list; false when it names nothing.
bool add_syscall_token(std::string_view token, std::vector<bool>& bits) {
    bool optional = false;
    while (!token.empty() && token.front() == '?') {
        optional = true;
        token.remove_prefix(1);
    }
    const auto at = token.rfind('@');
    if (at != std::string_view::npos) {
        const std::string_view pers = token.substr(at + 1);
        if (pers == "32" || pers == "x32") return true; // 32-bit calls are not traced: nothing to add
        if (pers != "64")
            throw UsageError(
                fmt::format("incorrect personality designator '{}' in qualification '{}'", pers, token));
        token = token.substr(0, at);
    }
    return add_syscalls_matching(token, bits) || optional;
}

// ---- signals ----

int signal_number(std::string_view token) {
    if (token.empty()) return -1;
    if (token.front() >= '0' && token.front() <= '9') {
        auto n = parse_uint(token, 255);
        return n ? static_cast<int>(*n) : -1;
    }
    std::string name = to_upper(token);
    if (name.rfind("SIG", 0) == 0) name.erase(0, 3);
    if (name.empty() || (name.front() >= '0' && name.front() <= '9')) return -1;
    const int sig = signal_from_name(name);
    return sig > 0 ? sig : -1;
}

constexpr std::size_t kSignalSlots = 65;

// ---- inject ----

// Digits at the start of text, as a number in [0, 0xffff]; the rest of text after them.
std::optional<unsigned> leading_uint16(std::string_view text, std::string_view& rest) {
    std::size_t n = 0;
    while (n < text.size() && text[n] >= '0' && text[n] <= '9')
        ++n;
    rest = text.substr(n);
    auto value = parse_uint(text.substr(0, n), 0xffff);
    if (!value) return std::nullopt;
    return static_cast<unsigned>(*value);
}

// when=FIRST[..LAST][+[STEP]]
bool parse_when(std::string_view val, InjectRule& rule) {
    std::string_view rest;
    auto first = leading_uint16(val, rest);
    if (!first || *first < 1) return false;
    if (!rest.empty() && rest.front() != '+' && rest.front() != '.') return false;
    rule.first = static_cast<std::uint16_t>(*first);
    if (!rest.empty() && rest.front() == '.') {
        if (rest.size() < 2 || rest[1] != '.') return false;
        auto last = leading_uint16(rest.substr(2), rest);
        if (!last || *last < *first || *last == kInjectLastInf) return false;
        if (!rest.empty() && rest.front() != '+') return false;
        rule.last = static_cast<std::uint16_t>(*last);
    } else {
        rule.last = kInjectLastInf;
    }
    if (!rest.empty()) { // '+'
        const std::string_view step_text = rest.substr(1);
        if (step_text.empty()) {
            rule.step = 1;
        } else {
            auto step = parse_uint(step_text, 0xffff);
            if (!step || *step < 1) return false;
            rule.step = static_cast<std::uint16_t>(*step);
        }
    } else {
        rule.step = rule.last == kInjectLastInf ? 0 : 1;
    }
    return true;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// @argN=HEX[,@argM=HEX]...
bool parse_pokes(std::string_view val, std::vector<Poke>& out) {
    if (!out.empty() || val.empty()) return false;
    for (auto token : split_tokens(val, ",")) {
        if (token.rfind("@arg", 0) != 0) return false;
        token.remove_prefix(4);
        if (token.size() < 2 || token[0] < '1' || token[0] > '7' || token[1] != '=') return false;
        Poke poke;
        poke.arg = token[0] - '0';
        const std::string_view hex = token.substr(2);
        if (hex.empty() || hex.size() % 2 != 0 || hex.size() > 2048) return false;
        for (std::size_t i = 0; i < hex.size(); i += 2) {
            const int hi = hex_digit(hex[i]);
            const int lo = hex_digit(hex[i + 1]);
            if (hi < 0 || lo < 0) return false;
            poke.data.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
        }
        out.push_back(std::move(poke));
    }
    return !out.empty();
}

bool parse_inject_token(std::string_view token, InjectRule& rule, bool fault) {
    auto strip = [&token](std::string_view prefix, std::string_view& val) {
        if (token.rfind(prefix, 0) != 0) return false;
        val = token.substr(prefix.size());
        return true;
    };
    std::string_view val;
    if (strip("when=", val)) return parse_when(val, rule);
    if (strip("syscall=", val)) {
        if (rule.syscall) return false;
        const SyscallEntry* row = find_syscall(val);
        if (row == nullptr || (row->classes & kClassPure) == 0) return false;
        rule.syscall = row->nr;
        return true;
    }
    if (strip("error=", val)) {
        if (rule.error || rule.retval) return false;
        int err = -1;
        if (auto n = parse_uint(val, 4095)) {
            err = static_cast<int>(*n);
        } else {
            err = errno_from_name(to_upper(val));
        }
        if (err < 1) return false;
        rule.error = err;
        return true;
    }
    if (fault) return false;
    if (strip("retval=", val)) {
        if (rule.error || rule.retval || val.empty()) return false;
        const std::string text(val);
        char* end = nullptr;
        errno = 0;
        const unsigned long long value = std::strtoull(text.c_str(), &end, 0);
        if (end == text.c_str() || *end != '\0' || errno != 0) return false;
        rule.retval = value;
        return true;
    }
    if (strip("signal=", val)) {
        if (rule.signal != 0) return false;
        const int sig = signal_number(val);
        if (sig < 1 || sig > 64) return false;
        rule.signal = sig;
        return true;
    }
    if (strip("poke_enter=", val)) return parse_pokes(val, rule.poke_enter);
    if (strip("poke_exit=", val)) return parse_pokes(val, rule.poke_exit);
    if (strip("delay_enter=", val)) {
        if (rule.delay_enter) return false;
        rule.delay_enter = parse_duration(val);
        return rule.delay_enter.has_value();
    }
    if (strip("delay_exit=", val)) {
        if (rule.delay_exit) return false;
        rule.delay_exit = parse_duration(val);
        return rule.delay_exit.has_value();
    }
    return false;
}

} // namespace

// ---- the set types' members ----

bool SyscallSet::everything() const {
    return match_unknown && std::all_of(bits.begin(), bits.end(), [](bool b) { return b; });
}

bool SyscallSet::empty() const {
    return !match_unknown && std::none_of(bits.begin(), bits.end(), [](bool b) { return b; });
}

bool FdSet::contains(int fd) const {
    return std::binary_search(fds.begin(), fds.end(), fd) != inverted;
}

// ---- public parsers ----

QualifiedExpr split_qualifier(std::string_view expr) {
    static constexpr std::array<std::pair<std::string_view, Qualifier>, 36> kNames{{
        {"trace", Qualifier::trace},
        {"t", Qualifier::trace},
        {"trace-fd", Qualifier::trace_fds},
        {"trace-fds", Qualifier::trace_fds},
        {"fd", Qualifier::trace_fds},
        {"fds", Qualifier::trace_fds},
        {"abbrev", Qualifier::abbrev},
        {"a", Qualifier::abbrev},
        {"verbose", Qualifier::verbose},
        {"v", Qualifier::verbose},
        {"raw", Qualifier::raw},
        {"x", Qualifier::raw},
        {"signal", Qualifier::signal},
        {"signals", Qualifier::signal},
        {"s", Qualifier::signal},
        {"status", Qualifier::status},
        {"quiet", Qualifier::quiet},
        {"silent", Qualifier::quiet},
        {"silence", Qualifier::quiet},
        {"q", Qualifier::quiet},
        {"read", Qualifier::read},
        {"reads", Qualifier::read},
        {"r", Qualifier::read},
        {"write", Qualifier::write},
        {"writes", Qualifier::write},
        {"w", Qualifier::write},
        {"fault", Qualifier::fault},
        {"inject", Qualifier::inject},
        {"kvm", Qualifier::kvm},
        {"namespace", Qualifier::namespaces},
        {"decode-fd", Qualifier::decode_fds},
        {"decode-fds", Qualifier::decode_fds},
        {"decode-pid", Qualifier::decode_pids},
        {"decode-pids", Qualifier::decode_pids},
        {"secontext", Qualifier::secontext},
        {"stack", Qualifier::stack},
    }};
    for (const auto& [name, qualifier] : kNames) {
        if (expr.size() > name.size() && expr.rfind(name, 0) == 0 && expr[name.size()] == '=')
            return {qualifier, expr.substr(name.size() + 1)};
    }
    return {Qualifier::trace, expr};
}

SyscallSet parse_syscall_set(std::string_view spec) {
    const SpecHead head = read_head(spec);
    std::vector<bool> bits(static_cast<std::size_t>(syscall_number_limit()), false);
    if (!head.none) {
        const auto tokens = split_tokens(head.rest, ",");
        if (tokens.empty()) die("invalid system call '{}'", spec);
        for (auto token : tokens) {
            if (!add_syscall_token(token, bits)) die("invalid system call '{}'", token);
        }
    }
    if (head.inverted) bits.flip();
    // As in strace, numbers no table knows are traced by every set but "none".
    const bool match_unknown = head.inverted || !head.none;
    return SyscallSet{std::move(bits), match_unknown};
}

SignalSet parse_signal_set(std::string_view spec) {
    const NumberSpec numbers = parse_numbers(spec, "signal", signal_number);
    SignalSet set;
    for (std::size_t sig = 0; sig < kSignalSlots; ++sig)
        set.bits[sig] = numbers.contains(static_cast<int>(sig));
    return set;
}

StatusFilter parse_status_set(std::string_view spec) {
    enum : int { k_successful, k_failed, k_unfinished, k_unavailable, k_detached };
    static constexpr std::array<NamedValue, 5> kNames{{
        {"successful", k_successful},
        {"failed", k_failed},
        {"unfinished", k_unfinished},
        {"unavailable", k_unavailable},
        {"detached", k_detached},
    }};
    const NumberSpec n =
        parse_numbers(spec, "status", [](std::string_view t) { return lookup_name(kNames, t); });
    StatusFilter f;
    f.successful = n.contains(k_successful);
    f.failed = n.contains(k_failed);
    f.unfinished = n.contains(k_unfinished);
    f.unavailable = n.contains(k_unavailable);
    f.detached = n.contains(k_detached);
    return f;
}

QuietSet parse_quiet_set(std::string_view spec) {
    enum : int { k_attach, k_exit, k_path_resolution, k_personality, k_thread_execve };
    static constexpr std::array<NamedValue, 7> kNames{{
        {"attach", k_attach},
        {"exit", k_exit},
        {"exits", k_exit},
        {"path-resolution", k_path_resolution},
        {"personality", k_personality},
        {"superseded", k_thread_execve},
        {"thread-execve", k_thread_execve},
    }};
    const NumberSpec n =
        parse_numbers(spec, "quiet", [](std::string_view t) { return lookup_name(kNames, t); });
    QuietSet q;
    q.attach = n.contains(k_attach);
    q.exit = n.contains(k_exit);
    q.path_resolution = n.contains(k_path_resolution);
    q.personality = n.contains(k_personality);
    q.thread_execve = n.contains(k_thread_execve);
    return q;
}

DecodeFdSet parse_decode_fd_set(std::string_view spec) {
    enum : int { k_path, k_socket, k_dev, k_pidfd, k_eventfd, k_signalfd };
    static constexpr std::array<NamedValue, 6> kNames{{
        {"path", k_path},
        {"socket", k_socket},
        {"dev", k_dev},
        {"pidfd", k_pidfd},
        {"eventfd", k_eventfd},
        {"signalfd", k_signalfd},
    }};
    const NumberSpec n =
        parse_numbers(spec, "decode-fds", [](std::string_view t) { return lookup_name(kNames, t); });
    DecodeFdSet d;
    d.path = n.contains(k_path);
    d.socket = n.contains(k_socket);
    d.dev = n.contains(k_dev);
    d.pidfd = n.contains(k_pidfd);
    d.eventfd = n.contains(k_eventfd);
    d.signalfd = n.contains(k_signalfd);
    return d;
}

DecodePidSet parse_decode_pid_set(std::string_view spec) {
    enum : int { k_pidns, k_comm };
    static constexpr std::array<NamedValue, 2> kNames{{{"pidns", k_pidns}, {"comm", k_comm}}};
    const NumberSpec n =
        parse_numbers(spec, "decode-pids", [](std::string_view t) { return lookup_name(kNames, t); });
    return DecodePidSet{n.contains(k_pidns), n.contains(k_comm)};
}

FdSet parse_fd_set(std::string_view spec) {
    NumberSpec n = parse_numbers(spec, "descriptor", [](std::string_view t) {
        auto fd = parse_uint(t);
        return fd ? static_cast<int>(*fd) : -1;
    });
    std::sort(n.numbers.begin(), n.numbers.end());
    n.numbers.erase(std::unique(n.numbers.begin(), n.numbers.end()), n.numbers.end());
    return FdSet{std::move(n.numbers), n.inverted};
}

InjectRule parse_inject_rule(std::string_view spec, bool fault) {
    const std::string_view what = fault ? "fault argument" : "inject argument";
    InjectRule rule;
    std::string_view set_spec;
    if (!spec.empty() && spec.front() != ':') {
        const auto parts = split_tokens(spec, ":");
        set_spec = parts.front();
        for (std::size_t i = 1; i < parts.size(); ++i) {
            if (!parse_inject_token(parts[i], rule, fault)) die("invalid {} '{}'", what, spec);
        }
    }
    rule.syscalls = parse_syscall_set(set_spec);
    const bool has_action = rule.error || rule.retval || rule.signal != 0 || rule.delay_enter ||
                            rule.delay_exit || !rule.poke_enter.empty() || !rule.poke_exit.empty();
    if (!has_action) {
        if (!fault) die("invalid {} '{}'", what, spec);
        rule.error = ENOSYS;
    }
    return rule;
}

} // namespace trace
