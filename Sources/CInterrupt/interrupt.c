#include "CInterrupt.h"
#include <signal.h>
#include <string.h>

static volatile sig_atomic_t interrupted = 0;

static void on_interrupt(int signal_number) {
    (void)signal_number;
    interrupted = 1;
}

int dr_install_interrupt_handler(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; /* no SA_RESTART: the blocking read must return */
    return sigaction(SIGINT, &action, NULL);
}

int dr_take_interrupt(void) {
    int was = interrupted;
    interrupted = 0;
    return was;
}
