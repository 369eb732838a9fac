// Wrappers for the C library (no third-party library): the GNU posix_spawn extensions Swift's Glibc module
// does not import, and signal handlers, which Swift cannot write (a handler may only touch sig_atomic_t).
#ifndef MSKESM_CPOSIXSHIMS_H
#define MSKESM_CPOSIXSHIMS_H

#include <sys/types.h>

// --- child processes (spawn.c) ---------------------------------------------------------------
// A pipe whose two ends are close-on-exec. Returns 0 or an errno value.
int mskesm_pipe_cloexec(int fds[2]);
// posix_spawn of `path` (argv and envp NULL-terminated; envp NULL: this process's environment) in
// `directory` (NULL: the current one), with `input`, `output`, `error` as its descriptors 0, 1, 2 (-1:
// inherited). No other descriptor reaches the child; its signal mask is empty and every signal has its
// default disposition. Returns 0 and sets *pid, or returns an errno value.
int mskesm_spawn(const char *path, char *const argv[], char *const envp[], const char *directory, int input,
                 int output, int error, pid_t *pid);

// --- signals (signals.c) ---------------------------------------------------------------------
// SIGINT: a handler that only counts, installed without SA_RESTART so that a read at the prompt is
// interrupted (the REPL then clears the line) and a running command can be cancelled.
void mskesm_install_interrupt_counter(void);
void mskesm_restore_default_interrupt(void);
unsigned long mskesm_interrupt_count(void);
// While a file is written (temporary file + rename), SIGINT, SIGTERM, SIGHUP and SIGQUIT are held back
// process-wide and SIGXFSZ is ignored, so that no temporary file holding private material is left behind;
// a held-back signal is raised again, to the previous disposition, by _end. Calls are serialised.
void mskesm_defer_termination_begin(void);
void mskesm_defer_termination_end(void);

// --- memory (memory.c) ------------------------------------------------------------------------
// glibc's mallopt(M_ARENA_MAX, count): at most `count` heap arenas for all threads. Returns 1 when glibc took
// it, 0 otherwise (or on a C library without arenas).
int mskesm_bound_malloc_arenas(int count);

#endif
