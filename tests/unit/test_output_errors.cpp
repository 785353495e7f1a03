// Where the trace goes: a failed write is said once on stderr and the command runs on unharmed
// (strace 7.2: "strace: /dev/full: No space left on device", the command's exit status), and
// -o '|command' / -o '!command' pipe the trace to a shell command.
#include "run_trace.hpp"

#include <algorithm>
#include <cstdlib>
#include <doctest/doctest.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace {

std::size_t count_of(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

std::string temp_dir() {
    char dir[] = "/tmp/trace-output-XXXXXX";
    REQUIRE(mkdtemp(dir) != nullptr);
    return dir;
}

} // namespace

TEST_CASE("output errors::a full output file is reported once; the command is unharmed") {
    const std::string message = std::string(TRACE_BINARY) + ": /dev/full: No space left on device\n";
    // A short trace (written at the end) and a long one (written many times over).
    TraceRun r = run_trace({"-o", "/dev/full", "-e", "trace=write", "sh", "-c", "echo hi; exit 3"});
    CHECK(WIFEXITED(r.status));
    CHECK(WEXITSTATUS(r.status) == 3);
    CHECK(r.err == message);
    r = run_trace({"-o", "/dev/full", "-f", "sh", "-c",
                   "i=0; while [ $i -lt 2000 ]; do echo $i; i=$((i+1)); done; exit 5"});
    CHECK(WIFEXITED(r.status));
    CHECK(WEXITSTATUS(r.status) == 5);
    CHECK(r.err == message);
    CHECK(count_of(r.err, "No space left") == 1);
}

TEST_CASE("output errors::a full or closed stderr: nothing to say it on, the command is unharmed") {
    TraceRunSetup full;
    full.stderr_path = "/dev/full";
    TraceRun r = run_trace({"-e", "trace=write", "sh", "-c", "echo hi; exit 4"}, full);
    CHECK(WIFEXITED(r.status));
    CHECK(WEXITSTATUS(r.status) == 4);
    TraceRunSetup closed;
    closed.close_stderr = true;
    r = run_trace({"-e", "trace=write", "sh", "-c", "echo hi; exit 6"}, closed);
    CHECK(WIFEXITED(r.status));
    CHECK(WEXITSTATUS(r.status) == 6);
}

TEST_CASE("output errors::-o '|command' and -o '!command' pipe the trace to the command") {
    const std::string dir = temp_dir();
    for (const char* mark : {"|", "!"}) {
        CAPTURE(mark);
        const std::string out = dir + "/piped";
        const TraceRun r = run_trace({"-o", std::string(mark) + "tr a-z A-Z > " + out, "-e",
                                      "trace=exit_group", "sh", "-c", "exit 2"});
        CHECK(WIFEXITED(r.status));
        CHECK(WEXITSTATUS(r.status) == 2);
        CHECK(r.err.empty());
        // trace waits for the command: its output is complete when trace has exited.
        CHECK(read_whole_file(out) == "EXIT_GROUP(2)                           = ?\n+++ EXITED WITH 2 +++\n");
        unlink(out.c_str());
    }
    // No file named after the command is created.
    struct stat st {};
    CHECK(stat((dir + "/|cat").c_str(), &st) != 0);
    rmdir(dir.c_str());
}

TEST_CASE("output errors::a pipe command that exits early: said once, the command is unharmed") {
    const TraceRun r = run_trace({"-o", "|exit 0", "-f", "sh", "-c",
                                  "i=0; while [ $i -lt 6000 ]; do echo $i; i=$((i+1)); done; exit 7"});
    CHECK(WIFEXITED(r.status));
    CHECK(WEXITSTATUS(r.status) == 7);
    CHECK(r.err == std::string(TRACE_BINARY) + ": |exit 0: Broken pipe\n");
}
