#include "trace/engine/interrupt.hpp"

#include <csignal>
#include <initializer_list>

namespace trace {
namespace {

volatile std::sig_atomic_t g_interrupt = 0;

void on_signal(int sig) { g_interrupt = sig; }

} // namespace

void install_interrupt_handlers() {
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; // no SA_RESTART: waitpid must return EINTR so the loop sees the request
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE}) sigaction(sig, &sa, nullptr);
}

int pending_interrupt() { return g_interrupt; }

} // namespace trace
