#include "CPOSIXShims.h"
#include <pthread.h>
#include <signal.h>
#include <string.h>

// --- the REPL's SIGINT counter ---------------------------------------------------------------------
static volatile sig_atomic_t mskesm_interrupts = 0;
static void mskesm_count_interrupt(int signo) { (void)signo; mskesm_interrupts++; }
void mskesm_install_interrupt_counter(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = mskesm_count_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    sigaction(SIGINT, &action, NULL);
}
void mskesm_restore_default_interrupt(void) { signal(SIGINT, SIG_DFL); }
unsigned long mskesm_interrupt_count(void) { return (unsigned long)mskesm_interrupts; }

// --- deferred termination while a file is written ------------------------------------------------
static const int mskesm_deferred_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
#define MSKESM_DEFERRED_COUNT (sizeof mskesm_deferred_signals / sizeof mskesm_deferred_signals[0])
static pthread_mutex_t mskesm_defer_lock = PTHREAD_MUTEX_INITIALIZER;
static struct sigaction mskesm_saved_actions[MSKESM_DEFERRED_COUNT];
static struct sigaction mskesm_saved_xfsz;
static volatile sig_atomic_t mskesm_deferred_signal = 0;
static void mskesm_record_signal(int signo) {
    if (mskesm_deferred_signal == 0) mskesm_deferred_signal = signo;
}
void mskesm_defer_termination_begin(void) {
    pthread_mutex_lock(&mskesm_defer_lock);
    mskesm_deferred_signal = 0;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = mskesm_record_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (size_t i = 0; i < MSKESM_DEFERRED_COUNT; i++)
        sigaction(mskesm_deferred_signals[i], &action, &mskesm_saved_actions[i]);
    // Over RLIMIT_FSIZE, write() then fails with EFBIG (and the temporary file is removed) instead of the
    // process dying with the file half-written.
    struct sigaction ignore;
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGXFSZ, &ignore, &mskesm_saved_xfsz);
}
void mskesm_defer_termination_end(void) {
    sigaction(SIGXFSZ, &mskesm_saved_xfsz, NULL);
    for (size_t i = 0; i < MSKESM_DEFERRED_COUNT; i++)
        sigaction(mskesm_deferred_signals[i], &mskesm_saved_actions[i], NULL);
    int pending = mskesm_deferred_signal;
    mskesm_deferred_signal = 0;
    pthread_mutex_unlock(&mskesm_defer_lock);
    // Delivered now, to the disposition the process had before: default (terminate) or its own handler.
    if (pending != 0) raise(pending);
}
