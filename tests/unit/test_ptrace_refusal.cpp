#include "trace/engine/ptrace_refusal.hpp"

#include <doctest/doctest.h>
#include <string>
#include <unistd.h>

using trace::explain_ptrace_refusal;
using trace::PtraceFacts;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

PtraceFacts attach_facts() {
    PtraceFacts f;
    f.uid = 1000;
    f.target_uid = 1000;
    return f;
}

} // namespace

TEST_CASE("explain_ptrace_refusal: another tracer comes first") {
    PtraceFacts f = attach_facts();
    f.target_tracer = 77;
    f.yama_scope = 1;
    const std::string text = explain_ptrace_refusal(f, 42);
    CHECK(contains(text, "process 42 is already traced by process 77"));
    f.own_child = true; // trace's own child: trace runs under strace -f
    CHECK(contains(explain_ptrace_refusal(f, 42), "trace itself runs under a tracer"));
}

TEST_CASE("explain_ptrace_refusal: Yama ptrace_scope") {
    PtraceFacts f = attach_facts();
    f.yama_scope = 1;
    CHECK(contains(explain_ptrace_refusal(f, 42), "kernel.yama.ptrace_scope is 1"));
    CHECK(contains(explain_ptrace_refusal(f, 42), "sysctl -w kernel.yama.ptrace_scope=0"));
    f.cap_sys_ptrace = true; // scope 1 lets CAP_SYS_PTRACE through: not the cause
    CHECK_FALSE(contains(explain_ptrace_refusal(f, 42), "ptrace_scope"));
    f.own_child = true; // scope 1 lets a parent trace its child
    f.cap_sys_ptrace = false;
    CHECK_FALSE(contains(explain_ptrace_refusal(f, 42), "ptrace_scope"));

    f = attach_facts();
    f.yama_scope = 2;
    CHECK(contains(explain_ptrace_refusal(f, 42), "kernel.yama.ptrace_scope is 2"));
    f.own_child = true; // scope 2 refuses even a parent without the capability
    CHECK(contains(explain_ptrace_refusal(f, 42), "kernel.yama.ptrace_scope is 2"));
    f.cap_sys_ptrace = true;
    CHECK_FALSE(contains(explain_ptrace_refusal(f, 42), "ptrace_scope"));

    f.yama_scope = 3; // nobody, whatever the capabilities
    CHECK(contains(explain_ptrace_refusal(f, 42), "kernel.yama.ptrace_scope is 3"));
}

TEST_CASE("explain_ptrace_refusal: another user's process") {
    PtraceFacts f = attach_facts();
    f.target_uid = 0;
    CHECK(contains(explain_ptrace_refusal(f, 42), "belongs to another user (uid 0)"));
    f.cap_sys_ptrace = true;
    CHECK_FALSE(contains(explain_ptrace_refusal(f, 42), "another user"));
}

TEST_CASE("explain_ptrace_refusal: a container's seccomp profile") {
    PtraceFacts f = attach_facts();
    f.seccomp_filtered = true;
    CHECK(contains(explain_ptrace_refusal(f, 42), "--cap-add=SYS_PTRACE"));
    f.own_child = true;
    CHECK(contains(explain_ptrace_refusal(f, 42), "seccomp filter"));
}

TEST_CASE("explain_ptrace_refusal: no capability, same user") {
    PtraceFacts f = attach_facts();
    CHECK(contains(explain_ptrace_refusal(f, 42), "process 42 may be protected"));
    CHECK(contains(explain_ptrace_refusal(f, 42), "CAP_SYS_PTRACE"));
    f.cap_sys_ptrace = true;
    CHECK(contains(explain_ptrace_refusal(f, 42), "security module"));
}

TEST_CASE("gather_ptrace_facts: this process") {
    const PtraceFacts f = trace::gather_ptrace_facts(getpid(), false);
    CHECK(f.uid == geteuid());
    if (f.target_uid) CHECK(*f.target_uid == getuid()); // /proc may be hidden
}
