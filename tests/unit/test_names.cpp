#include "trace/decode/names.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <doctest/doctest.h>
#include <string>

using namespace trace;

TEST_CASE("names::errno_name") {
    CHECK(std::string(errno_name(ENOENT)) == "ENOENT");
    CHECK(std::string(errno_name(EPERM)) == "EPERM");
    CHECK(std::string(errno_name(EAGAIN)) == "EAGAIN");
    CHECK(std::string(errno_name(EDEADLK)) == "EDEADLK");
    CHECK(std::string(errno_name(EOPNOTSUPP)) == "EOPNOTSUPP");
    CHECK(std::string(errno_name(EHWPOISON)) == "EHWPOISON");
    CHECK(std::string(errno_name(512)) == "ERESTARTSYS");
    CHECK(std::string(errno_name(513)) == "ERESTARTNOINTR");
    CHECK(std::string(errno_name(514)) == "ERESTARTNOHAND");
    CHECK(std::string(errno_name(515)) == "ENOIOCTLCMD");
    CHECK(std::string(errno_name(516)) == "ERESTART_RESTARTBLOCK");
    CHECK(std::string(errno_name(517)) == "EPROBE_DEFER");
    CHECK(std::string(errno_name(518)) == "EOPENSTALE");
    CHECK(std::string(errno_name(521)) == "EBADHANDLE");
    CHECK(std::string(errno_name(530)) == "ERECALLCONFLICT");
    // numbers strace 6.1 has no name for: it prints "(errno N)"
    for (int err : {0, 41, 58, 134, 511, 519, 520, 531, -1, 4096}) {
        CAPTURE(err);
        CHECK(errno_name(err) == nullptr);
        CHECK(errno_message(err) == nullptr);
    }
}

TEST_CASE("names::errno_message") {
    CHECK(std::string(errno_message(ENOENT)) == "No such file or directory");
    CHECK(std::string(errno_message(ENOSYS)) == "Function not implemented");
    CHECK(std::string(errno_message(512)) == "To be restarted if SA_RESTART is set");
    CHECK(std::string(errno_message(513)) == "To be restarted");
    CHECK(std::string(errno_message(514)) == "To be restarted if no handler");
    CHECK(std::string(errno_message(516)) == "Interrupted by signal");
    CHECK(std::string(errno_message(515)) == "Unknown error 515");
    CHECK(std::string(errno_message(524)) == "Unknown error 524");
}

TEST_CASE("names::errno_messages_match_glibc") {
    // strace prints glibc's strerror text for every errno the C library knows
    for (int err = 1; err < 134; ++err) {
        if (errno_name(err) == nullptr) continue;
        CAPTURE(err);
        CHECK(std::string(errno_message(err)) == std::string(strerror(err)));
    }
}

TEST_CASE("names::errno_from_name") {
    for (int err = 1; err < 600; ++err) {
        const char* name = errno_name(err);
        if (name == nullptr) continue;
        CAPTURE(name);
        CHECK(errno_from_name(name) == err);
    }
    CHECK(errno_from_name("EWOULDBLOCK") == EAGAIN);
    CHECK(errno_from_name("EDEADLOCK") == EDEADLK);
    CHECK(errno_from_name("ENOTSUP") == EOPNOTSUPP);
    CHECK(errno_from_name("enoent") == ENOENT);
    CHECK(errno_from_name("ENOTANERROR") == -1);
    CHECK(errno_from_name("") == -1);
}

TEST_CASE("names::signal_name") {
    CHECK(signal_name(SIGHUP) == "SIGHUP");
    CHECK(signal_name(SIGINT) == "SIGINT");
    CHECK(signal_name(SIGABRT) == "SIGABRT");
    CHECK(signal_name(SIGSTKFLT) == "SIGSTKFLT");
    CHECK(signal_name(SIGCHLD) == "SIGCHLD");
    CHECK(signal_name(SIGIO) == "SIGIO");
    CHECK(signal_name(SIGPWR) == "SIGPWR");
    CHECK(signal_name(SIGSYS) == "SIGSYS");
    CHECK(signal_name(32) == "SIGRTMIN");
    CHECK(signal_name(33) == "SIGRT_1");
    CHECK(signal_name(SIGRTMIN) == "SIGRT_2"); // glibc's SIGRTMIN is 34
    CHECK(signal_name(64) == "SIGRT_32");
    CHECK(signal_name(0) == "0");
    CHECK(signal_name(65) == "65");
    CHECK(signal_name(-3) == "-3");
}

TEST_CASE("names::signal_from_name") {
    for (int sig = 1; sig <= kMaxSignal; ++sig) {
        CAPTURE(sig);
        CHECK(signal_from_name(signal_name(sig)) == sig);
    }
    CHECK(signal_from_name("INT") == SIGINT);
    CHECK(signal_from_name("sigint") == SIGINT);
    CHECK(signal_from_name("SIGIOT") == SIGABRT);
    CHECK(signal_from_name("POLL") == SIGIO);
    CHECK(signal_from_name("SIGCLD") == SIGCHLD);
    CHECK(signal_from_name("9") == SIGKILL);
    CHECK(signal_from_name("0") == 0);
    CHECK(signal_from_name("SIGRTMIN") == 32);
    CHECK(signal_from_name("RTMIN+3") == 35);
    CHECK(signal_from_name("SIGRTMAX") == 64);
    CHECK(signal_from_name("SIGRTMAX-1") == 63);
    CHECK(signal_from_name("SIGRT_3") == 35);
    CHECK(signal_from_name("SIGRT_33") == -1);
    CHECK(signal_from_name("SIGRTMIN+33") == -1);
    CHECK(signal_from_name("SIGRTMIN-1") == -1);
    CHECK(signal_from_name("65") == -1);
    CHECK(signal_from_name("SIG") == -1);
    CHECK(signal_from_name("SIGFOO") == -1);
    CHECK(signal_from_name("") == -1);
}
