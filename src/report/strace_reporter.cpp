#include "trace/report/strace_reporter.hpp"
#include "trace/report/buffer.hpp"

#include "trace/decode/names.hpp"
#include "trace/report/hex_dump.hpp"
#include "trace/report/stack_frames.hpp"

#include <ctime>
#include <iterator>

namespace trace {
namespace {

// "12.000345" with the given digits after the point (0: seconds only).
void append_seconds(fmt::memory_buffer& out, Nanos t, int digits, int width = 0) {
    auto it = std::back_inserter(out);
    const Nanos secs = t / kNanosPerSecond;
    if (digits <= 0) {
        fmt::format_to(it, "{:>{}}", secs, width);
        return;
    }
    Nanos frac = t % kNanosPerSecond;
    for (int d = 9; d > digits; --d)
        frac /= 10;
    fmt::format_to(it, "{:>{}}.{:0{}}", secs, width, frac, digits);
}

// Index of the first argument printed at exit; the ones before it are printed at entry.
int first_exit_arg(const SyscallEvent& e) {
    if (e.split >= 0) return e.split;
    for (int i = 0; i < e.entry->nargs; ++i) {
        if (e.entry->args[i].dir != ArgDir::in) return i;
    }
    return e.entry->nargs;
}

// How many arguments the call prints.
int printed_args(const SyscallEvent& e) {
    return e.split >= 0 ? static_cast<int>(e.values.size()) : e.entry->nargs;
}

void append_raw_arg(fmt::memory_buffer& out, std::uint64_t v) {
    if (v == 0) {
        append(out, "0");
    } else {
        fmt::format_to(std::back_inserter(out), "{:#x}", v);
    }
}

} // namespace

StraceReporter::StraceReporter(TraceFormat format, Output out, std::int64_t realtime_offset)
    : StraceReporter(std::move(format), std::make_shared<Output>(std::move(out)), realtime_offset) {}

StraceReporter::StraceReporter(TraceFormat format, std::shared_ptr<Output> out, std::int64_t realtime_offset)
    : m_format(std::move(format)), m_out(std::move(out)), m_realtime_offset(realtime_offset) {
    if (!m_format.separate_files) m_out->on_foreign_line([this](Output& o) { close_open_line(o); });
}

StraceReporter::~StraceReporter() {
    if (m_out) m_out->on_foreign_line({});
}

bool StraceReporter::filters_status() const {
    return !(m_format.show_successful && m_format.show_failed && m_format.show_unfinished &&
             m_format.show_detached);
}

bool StraceReporter::status_shown(const SyscallEvent& e) const {
    if (e.detached) return m_format.show_detached;
    if (e.unfinished) return m_format.show_unfinished;
    return e.error != 0 ? m_format.show_failed : m_format.show_successful;
}

Output& StraceReporter::output_for(pid_t tid) {
    if (!m_format.separate_files) return *m_out;
    auto it = m_files.find(tid);
    if (it == m_files.end()) {
        const std::string path = fmt::format("{}.{}", m_format.output_path, tid);
        it = m_files.emplace(tid, Output::open_file(path, m_format.output_append, m_format.program_name))
                 .first;
    }
    return it->second;
}

// Another line is about to be printed: the open one is cut here and resumed at its exit.
void StraceReporter::close_open_line(Output& out) {
    if (m_open_tid == 0) return;
    out.write(" <unfinished ...>\n");
    m_threads[m_open_tid].interrupted = true;
    m_open_tid = 0;
    m_open_col = 0;
}

void StraceReporter::begin_line(fmt::memory_buffer& line, pid_t tid, Nanos time, std::uint64_t ip,
                                bool has_ip, long nr) {
    auto it = std::back_inserter(line);
    if (!m_format.separate_files) {
        if (m_format.plain_pid_prefix) {
            fmt::format_to(it, "{:<5} ", tid);
        } else if (m_format.always_show_pid || m_live > 1) {
            fmt::format_to(it, "[pid {:>5}] ", tid);
        }
    }
    if (m_format.timestamps > 0) {
        const Nanos wall = time + m_realtime_offset;
        const int digits = m_format.timestamp_digits >= 0 ? m_format.timestamp_digits
                           : m_format.timestamps >= 2     ? 6
                                                          : 0;
        if (m_format.timestamps >= 3) {
            append_seconds(line, wall, digits);
        } else {
            const auto secs = static_cast<std::time_t>(wall / kNanosPerSecond);
            std::tm tm{};
            localtime_r(&secs, &tm);
            char buf[16];
            std::strftime(buf, sizeof buf, "%H:%M:%S", &tm);
            append(line, buf);
            if (digits > 0) {
                fmt::memory_buffer frac;
                append_seconds(frac, wall % kNanosPerSecond, digits);
                line.append(frac.data() + 1, frac.data() + frac.size()); // ".000345" without the leading 0
            }
        }
        append(line, " ");
    }
    if (m_format.relative) {
        const Nanos delta = m_last_time == 0 ? 0 : time - m_last_time;
        m_last_time = time;
        append_seconds(line, delta, m_format.relative_digits, 6);
        append(line, " ");
    }
    if (m_format.instruction_pointer) {
        if (has_ip) {
            fmt::format_to(it, "[{:016x}] ", ip);
        } else {
            append(line, "[????????????????] ");
        }
    }
    if (m_format.syscall_number) {
        // Lines that are not calls show the thread's last call, as strace does.
        auto& state = m_threads[tid];
        if (nr >= 0) state.last_nr = nr;
        if (state.last_nr >= 0) fmt::format_to(it, "[{:>4}] ", state.last_nr);
    }
}

void StraceReporter::append_entry(fmt::memory_buffer& line, const SyscallEvent& e) const {
    auto it = std::back_inserter(line);
    if (e.entry == nullptr) {
        fmt::format_to(it, "syscall_{:#x}(", static_cast<std::uint64_t>(e.nr));
        for (int i = 0; i < kMaxArgs; ++i) {
            if (i > 0) append(line, ", ");
            append_raw_arg(line, e.args[static_cast<std::size_t>(i)]);
        }
        return;
    }
    append(line, e.entry->name);
    append(line, "(");
    const int split = first_exit_arg(e);
    const bool printed = append_args(line, e, 0, split, false);
    const bool joined =
        split < static_cast<int>(e.values.size()) && e.values[static_cast<std::size_t>(split)].joined;
    if (printed && split < printed_args(e) && !joined) append(line, ", ");
}

// Appends arguments [from, to), skipping omitted ones; true when any was printed.
bool StraceReporter::append_args(fmt::memory_buffer& line, const SyscallEvent& e, int from, int to,
                                 bool separate) const {
    if (from <= to && static_cast<std::size_t>(to) <= e.values.size())
        return print_arguments(
            line,
            std::span(e.values).subspan(static_cast<std::size_t>(from), static_cast<std::size_t>(to - from)),
            m_format.values, separate);
    bool printed = false;
    for (int i = from; i < to; ++i) {
        const auto idx = static_cast<std::size_t>(i);
        const bool decoded = idx < e.values.size();
        if (decoded && e.values[idx].omitted) continue;
        if ((printed || separate) && !(decoded && e.values[idx].joined)) append(line, ", ");
        if (decoded) {
            print_value(line, e.values[idx], m_format.values);
        } else {
            append_raw_arg(line, e.args[idx]);
        }
        printed = true;
    }
    return printed;
}

void StraceReporter::append_rest(fmt::memory_buffer& line, const SyscallEvent& e) const {
    if (e.entry != nullptr) {
        // The entry part ends with ", " unless the first exit value continues it (clone3's " => {...}");
        // when that value is then left out (the call failed), the next one needs its ", ".
        const int split = first_exit_arg(e);
        const auto first = static_cast<std::size_t>(split);
        const bool continues = first < e.values.size() && e.values[first].joined;
        bool entry_printed = false;
        for (std::size_t i = 0; i < first && i < e.values.size(); ++i)
            entry_printed = entry_printed || !e.values[i].omitted;
        append_args(line, e, split, printed_args(e), entry_printed && continues);
    }
    append(line, ")");
}

void StraceReporter::pad_to_column(fmt::memory_buffer& line, std::size_t line_start) const {
    append(line, " ");
    const std::size_t col = line_start + line.size();
    const auto target = static_cast<std::size_t>(m_format.column);
    if (col < target) line.append(std::string(target - col, ' '));
}

void StraceReporter::append_result(fmt::memory_buffer& line, const SyscallEvent& e) const {
    auto it = std::back_inserter(line);
    if (e.unfinished) {
        append(line, "= ?");
        return;
    }
    if (e.error != 0) {
        const char* name = errno_name(e.error);
        const char* message = errno_message(e.error);
        append(line, e.interrupted() ? "= ? " : "= -1 ");
        if (name != nullptr) {
            fmt::format_to(it, "{} ({})", name, message != nullptr ? message : "Unknown error");
        } else {
            fmt::format_to(it, "(errno {})", e.error);
        }
    } else if (e.ret_value.type != ValueType::Unknown) { // -y's 3</etc/passwd>, fcntl's 0x8002...
        append(line, "= ");
        print_value(line, e.ret_value, m_format.values);
        print_ret_detail(line, e.ret_detail, m_format.values);
    } else {
        const RetKind kind = e.entry != nullptr ? e.entry->ret : RetKind::dec;
        const auto uret = static_cast<std::uint64_t>(e.ret);
        switch (kind) {
        case RetKind::hex:
            if (uret == 0) {
                append(line, "= 0");
            } else {
                fmt::format_to(it, "= {:#x}", uret);
            }
            break;
        case RetKind::oct: // strace's %#03o: 022, 000, 0777
            fmt::format_to(it, "= 0{:02o}", uret);
            break;
        case RetKind::none:
        case RetKind::dec:
        case RetKind::fd:
            fmt::format_to(it, "= {}", e.ret);
            break;
        }
        print_ret_detail(line, e.ret_detail, m_format.values);
    }
    if (e.injected) append(line, " (INJECTED)");
    if (m_format.durations) {
        append(line, " <");
        append_seconds(line, e.exit_time - e.entry_time, m_format.duration_digits);
        append(line, ">");
    }
}

void StraceReporter::on_process_start(const ProcessEvent&) {
    ++m_live;
}

void StraceReporter::on_syscall_entry(const SyscallEvent& e) {
    if (filters_status() || m_format.separate_files) return; // whole lines are printed at exit
    close_open_line(*m_out);
    m_line.clear();
    begin_line(m_line, e.tid, e.entry_time, e.ip, true, e.nr);
    append_entry(m_line, e);
    m_out->write(std::string_view(m_line.data(), m_line.size()));
    m_open_tid = e.tid;
    m_open_col = m_line.size();
    m_threads[e.tid].interrupted = false;
}

void StraceReporter::on_syscall_exit(const SyscallEvent& e) {
    const bool whole_line = filters_status() || m_format.separate_files;
    if (whole_line && !status_shown(e)) return;
    Output& out = output_for(e.tid);
    m_line.clear();
    std::size_t line_start = 0;
    if (whole_line) {
        begin_line(m_line, e.tid, e.entry_time, e.ip, true, e.nr);
        append_entry(m_line, e);
    } else if (m_open_tid == e.tid) {
        line_start = m_open_col;
    } else {
        close_open_line(out);
        begin_line(m_line, e.tid, e.exit_time, e.ip, true, e.nr);
        fmt::format_to(std::back_inserter(m_line), "<... {} resumed>",
                       e.entry != nullptr ? e.entry->name : fmt::format("syscall_{:#x}", e.nr));
    }
    m_open_tid = 0;
    m_open_col = 0;
    if (e.detached) {
        append(m_line, " <detached ...>\n");
        out.write(std::string_view(m_line.data(), m_line.size()));
        return;
    }
    if (e.unfinished) {
        if (e.entry != nullptr && first_exit_arg(e) < printed_args(e)) append(m_line, " <unfinished ...>");
        append(m_line, ")");
    } else {
        append_rest(m_line, e);
    }
    pad_to_column(m_line, line_start);
    append_result(m_line, e);
    append(m_line, "\n");
    for (const DataDump& dump : e.dumps)
        append_hex_dump(m_line, dump); // -e read=, -e write=
    append_stack(m_line, e.stack);     // -k
    out.write(std::string_view(m_line.data(), m_line.size()));
}

void StraceReporter::print_other(pid_t tid, Nanos time, std::string_view text, long nr) {
    Output& out = output_for(tid);
    close_open_line(out);
    m_line.clear();
    begin_line(m_line, tid, time, 0, false, nr);
    append(m_line, text);
    append(m_line, "\n");
    out.write(std::string_view(m_line.data(), m_line.size()));
}

void StraceReporter::on_signal(const SignalEvent& e) {
    if (e.group_stop) {
        print_other(e.tid, e.time, fmt::format("--- stopped by {} ---", signal_name(e.signo)), e.last_nr);
        return;
    }
    fmt::memory_buffer text;
    append(text, "--- ");
    append(text, signal_name(e.signo));
    append(text, " ");
    print_value(text, e.siginfo, m_format.values);
    append(text, " ---");
    print_other(e.tid, e.time, std::string_view(text.data(), text.size()), e.last_nr);
    if (!e.stack.empty()) { // -k
        m_line.clear();
        append_stack(m_line, e.stack);
        output_for(e.tid).write(std::string_view(m_line.data(), m_line.size()));
    }
}

void StraceReporter::on_exec(const ExecEvent& e) {
    if (!m_format.hide_superseded)
        print_other(e.tid, e.time, fmt::format("+++ superseded by execve in pid {} +++", e.old_tid), -1);
    if (m_open_tid == e.old_tid) m_open_tid = e.tid;
    m_threads[e.tid] = m_threads[e.old_tid];
    m_threads.erase(e.old_tid);
    if (m_format.separate_files) {
        auto it = m_files.find(e.old_tid);
        if (it != m_files.end()) {
            m_files.insert_or_assign(e.tid, std::move(it->second));
            m_files.erase(it);
        }
    }
    if (m_live > 0) --m_live;
}

void StraceReporter::on_process_exit(const ExitEvent& e) {
    if (!m_format.hide_exit_lines) {
        if (e.killed) {
            print_other(e.tid, e.time,
                        fmt::format("+++ killed by {}{} +++", signal_name(e.code),
                                    e.core_dumped ? " (core dumped)" : ""),
                        e.last_nr);
        } else {
            print_other(e.tid, e.time, fmt::format("+++ exited with {} +++", e.code), e.last_nr);
        }
    }
    if (m_live > 0) --m_live;
    m_threads.erase(e.tid);
    if (m_format.separate_files) m_files.erase(e.tid);
}

void StraceReporter::on_detach(const ProcessEvent& e) {
    if (m_live > 0) --m_live;
    m_threads.erase(e.tid);
    if (m_format.separate_files) m_files.erase(e.tid);
}

void StraceReporter::on_finish() {
    if (m_open_tid != 0) {
        m_out->write("\n");
        m_open_tid = 0;
    }
    flush();
}

void StraceReporter::flush() {
    m_out->flush();
    for (auto& [tid, out] : m_files)
        out.flush();
}

} // namespace trace
