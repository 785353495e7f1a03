// -P and symlinks, as strace 7.2 does it: a -P path that is a symlink is also matched as the file it
// resolves to (said once on stderr), while a call naming a symlink to a -P path is not matched by
// that name (only its descriptor, open on the -P file, matches).
#include "run_trace.hpp"

#include <cstdlib>
#include <doctest/doctest.h>
#include <fstream>
#include <string>
#include <unistd.h>

namespace {

struct LinkDir {
    LinkDir() {
        char tmpl[] = "/tmp/trace-links-XXXXXX";
        REQUIRE(mkdtemp(tmpl) != nullptr);
        dir = tmpl;
        std::ofstream(dir + "/target") << "hi\n";
        REQUIRE(symlink((dir + "/target").c_str(), (dir + "/link").c_str()) == 0);
    }
    ~LinkDir() {
        for (const char* name : {"/target", "/link", "/out"})
            unlink((dir + name).c_str());
        rmdir(dir.c_str());
    }
    std::string dir;
};

} // namespace

TEST_CASE("trace path::a -P symlink also matches the file it resolves to") {
    const LinkDir d;
    const TraceRun r = run_trace(
        {"-o", d.dir + "/out", "-e", "trace=openat,close", "-P", d.dir + "/link", "cat", d.dir + "/target"});
    CHECK(WEXITSTATUS(r.status) == 0);
    CHECK(r.err == std::string(TRACE_BINARY) + ": Requested path \"" + d.dir + "/link\" resolved into \"" +
                       d.dir + "/target\"\n");
    const std::string out = read_whole_file(d.dir + "/out");
    CAPTURE(out);
    CHECK(out.find("openat(AT_FDCWD, \"" + d.dir + "/target\", O_RDONLY) = 3\n") != std::string::npos);
    CHECK(out.find("close(3)") != std::string::npos);
}

TEST_CASE("trace path::a call naming a symlink to the -P file is not matched by its name") {
    const LinkDir d;
    const TraceRun r = run_trace(
        {"-o", d.dir + "/out", "-e", "trace=openat,close", "-P", d.dir + "/target", "cat", d.dir + "/link"});
    CHECK(WEXITSTATUS(r.status) == 0);
    CHECK(r.err.empty());
    const std::string out = read_whole_file(d.dir + "/out");
    CAPTURE(out);
    CHECK(out.find("openat(") == std::string::npos);
    CHECK(out.find("close(3)") != std::string::npos); // the descriptor is open on the -P file
}
