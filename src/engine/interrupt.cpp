#include "trace/engine/interrupt.hpp"

#include <array>
#include <csignal>
#include <initializer_list>
#include <sys/time.h>

namespace trace {
namespace {

volatile std::sig_atomic_t g_interrupt = 0;
volatile std::sig_atomic_t g_flush_due = 0;
bool g_timer_armed = false; // only the tracer loop touches it

void on_signal(int sig) {
    g_interrupt = sig;
}
void on_alarm(int) {
    g_flush_due = 1;
}

// Every signal whose disposition or mask bit trace changes.
constexpr std::array<int, 7> kTakenSignals{SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGALRM, SIGTSTP};

} // namespace

CallerSignals install_interrupt_handlers(bool blocked, bool also_tstp) {
    CallerSignals caller;
    sigprocmask(SIG_SETMASK, nullptr, &caller.mask);
    for (std::size_t i = 0; i < kTakenSignals.size(); ++i)
        sigaction(kTakenSignals[i], nullptr, &caller.actions[i]);
    if (blocked) {
        sigset_t set;
        sigemptyset(&set);
        for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE})
            sigaddset(&set, sig);
        if (also_tstp) sigaddset(&set, SIGTSTP);
        sigprocmask(SIG_BLOCK, &set, nullptr);
    }
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; // no SA_RESTART: waitpid must return EINTR so the loop sees the request
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE})
        sigaction(sig, &sa, nullptr);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, nullptr);
    return caller;
}

void restore_caller_signals(const CallerSignals& saved) {
    for (std::size_t i = 0; i < kTakenSignals.size(); ++i)
        sigaction(kTakenSignals[i], &saved.actions[i], nullptr);
    sigprocmask(SIG_SETMASK, &saved.mask, nullptr);
}

void start_flush_timer() {
    if (g_timer_armed) return;
    itimerval t{};
    t.it_value.tv_usec = kFlushDelayMicros;
    t.it_interval.tv_usec = kFlushDelayMicros;
    setitimer(ITIMER_REAL, &t, nullptr);
    g_timer_armed = true;
}

void stop_flush_timer() {
    if (!g_timer_armed) return;
    const itimerval off{};
    setitimer(ITIMER_REAL, &off, nullptr);
    g_timer_armed = false;
}

bool take_flush_due() {
    if (g_flush_due == 0) return false;
    g_flush_due = 0;
    return true;
}

int pending_interrupt() {
    return g_interrupt;
}

} // namespace trace
