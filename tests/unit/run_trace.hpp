#pragma once
// Runs the trace binary (TRACE_BINARY, set by tests/CMakeLists.txt) as a user would, for the tests of
// what it does before and around tracing: its messages, its exit status, the files it leaves.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

inline std::string read_whole_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

struct TraceRun {
    int status = -1;
    std::string err; // what trace wrote to stderr
};

struct TraceRunSetup {
    std::string dir = "/tmp";  // the working directory
    std::string stderr_path;   // empty: a temporary file, read back into err
    bool close_stderr = false; // run with fd 2 closed
};

inline TraceRun run_trace(const std::vector<std::string>& args, const TraceRunSetup& setup = {}) {
    char err_path[] = "/tmp/trace-run-err-XXXXXX";
    const int err_fd = mkstemp(err_path);
    REQUIRE(err_fd >= 0);
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        const int null = open("/dev/null", O_RDWR);
        if (null < 0 || chdir(setup.dir.c_str()) != 0) _exit(126);
        dup2(null, 0);
        dup2(null, 1);
        if (setup.close_stderr) {
            close(2);
        } else if (!setup.stderr_path.empty()) {
            const int fd = open(setup.stderr_path.c_str(), O_WRONLY);
            if (fd < 0) _exit(126);
            dup2(fd, 2);
        } else {
            dup2(err_fd, 2);
        }
        closefrom(3); // a clean start: the traced command's descriptors are numbered as in a shell
        std::vector<char*> argv;
        argv.push_back(const_cast<char*>(TRACE_BINARY));
        for (const auto& a : args)
            argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(TRACE_BINARY, argv.data());
        _exit(127);
    }
    TraceRun r;
    REQUIRE(waitpid(pid, &r.status, 0) == pid);
    close(err_fd);
    r.err = read_whole_file(err_path);
    unlink(err_path);
    return r;
}
