#include "trace/report/json.hpp"
#include "trace/report/buffer.hpp"

#include "trace/decode/names.hpp"

#include <iterator>

namespace trace {
namespace {

void append_args(fmt::memory_buffer& out, const SyscallEvent& e) {
    if (e.values.empty() || e.entry == nullptr) return;
    // One value per register: by the kernel's argument names. A whole-call decoder (clone, fcntl,
    // ioctl...) prints its own shape: an array in strace's order.
    const bool by_name = e.split < 0 && e.values.size() <= e.entry->nargs;
    append(out, by_name ? ",\"args\":{" : ",\"args\":[");
    bool first = true;
    for (std::size_t i = 0; i < e.values.size(); ++i) {
        const Value& v = e.values[i];
        if (v.omitted) continue;
        if (!first) out.push_back(',');
        first = false;
        if (by_name) {
            append_json_string(out, e.entry->args[i].name);
            out.push_back(':');
        }
        append_json_value(out, v);
    }
    out.push_back(by_name ? '}' : ']');
}

} // namespace

JsonReporter::JsonReporter(JsonFormat format, std::shared_ptr<Output> out, std::int64_t realtime_offset)
    : m_format(format), m_out(std::move(out)), m_realtime_offset(realtime_offset) {}

bool JsonReporter::shown(const SyscallEvent& e) const {
    if (e.detached) return m_format.show_detached;
    if (e.unfinished) return m_format.show_unfinished;
    return e.error != 0 ? m_format.show_failed : m_format.show_successful;
}

void JsonReporter::begin(std::string_view event, pid_t pid, pid_t tid, Nanos time) {
    m_line.clear();
    auto it = std::back_inserter(m_line);
    fmt::format_to(it, "{{\"event\":\"{}\",\"pid\":{},\"tid\":{},\"time_ns\":", event, pid, tid);
    if (time > 0) {
        fmt::format_to(it, "{}", time + m_realtime_offset);
    } else {
        append(m_line, "null"); // an event the engine could not time (the started command's start)
    }
}

void JsonReporter::end() {
    append(m_line, "}\n");
    m_out->write(std::string_view(m_line.data(), m_line.size()));
}

void JsonReporter::on_process_start(const ProcessEvent& e) {
    begin("start", e.pid, e.tid, e.time);
    fmt::format_to(std::back_inserter(m_line), ",\"parent\":{},\"attached\":{}", e.parent, e.attached);
    end();
}

void JsonReporter::on_syscall_exit(const SyscallEvent& e) {
    if (!shown(e)) return;
    begin("syscall", e.pid, e.tid, e.entry_time);
    auto it = std::back_inserter(m_line);
    fmt::format_to(it, ",\"exit_time_ns\":{},\"duration_ns\":{},\"nr\":{},\"name\":",
                   e.exit_time + m_realtime_offset, e.exit_time - e.entry_time, e.nr);
    if (e.entry != nullptr) {
        append_json_string(m_line, e.entry->name);
    } else {
        fmt::format_to(it, "\"syscall_{:#x}\"", static_cast<std::uint64_t>(e.nr));
    }
    append(m_line, ",\"raw_args\":[");
    const std::size_t nargs = e.entry != nullptr ? e.entry->nargs : kMaxArgs;
    for (std::size_t i = 0; i < nargs; ++i)
        fmt::format_to(it, "{}\"{:#x}\"", i > 0 ? "," : "", e.args[i]);
    append(m_line, "]");
    append_args(m_line, e);
    if (e.detached) {
        append(m_line, ",\"ret\":null,\"detached\":true");
    } else if (e.unfinished) {
        append(m_line, ",\"ret\":null,\"unfinished\":true");
    } else if (e.error != 0) {
        const char* name = errno_name(e.error);
        fmt::format_to(it, ",\"ret\":{},\"errno\":{},\"error\":", e.interrupted() ? "null" : "-1", e.error);
        if (name != nullptr) {
            append_json_string(m_line, name);
        } else {
            append(m_line, "null");
        }
    } else {
        fmt::format_to(it, ",\"ret\":{}", e.ret);
    }
    end();
}

void JsonReporter::on_signal(const SignalEvent& e) {
    begin(e.group_stop ? "stop" : "signal", e.pid, e.tid, e.time);
    append(m_line, ",\"signal\":");
    append_json_string(m_line, signal_name(e.signo));
    fmt::format_to(std::back_inserter(m_line), ",\"signo\":{}", e.signo);
    if (!e.group_stop) {
        append(m_line, ",\"siginfo\":");
        append_json_value(m_line, e.siginfo);
    }
    end();
}

void JsonReporter::on_exec(const ExecEvent& e) {
    begin("exec", e.tid, e.tid, e.time);
    fmt::format_to(std::back_inserter(m_line), ",\"old_tid\":{}", e.old_tid);
    end();
}

void JsonReporter::on_process_exit(const ExitEvent& e) {
    begin(e.killed ? "killed" : "exit", e.pid, e.tid, e.time);
    auto it = std::back_inserter(m_line);
    if (e.killed) {
        append(m_line, ",\"signal\":");
        append_json_string(m_line, signal_name(e.code));
        fmt::format_to(it, ",\"signo\":{},\"core_dumped\":{}", e.code, e.core_dumped);
    } else {
        fmt::format_to(it, ",\"code\":{}", e.code);
    }
    end();
}

void JsonReporter::on_detach(const ProcessEvent& e) {
    begin("detach", e.pid, e.tid, e.time);
    end();
}

} // namespace trace
