// One-line typed wrappers for libedit's variadic functions (el_set, history).
#ifndef MSKESM_CEDITSHIMS_H
#define MSKESM_CEDITSHIMS_H

#include <histedit.h>

// el_init wants the process's FILE streams, which Swift 6 may not reference (not concurrency-safe).
EditLine *mskesm_el_init(const char *program);
int mskesm_el_set_prompt(EditLine *el, char *(*fn)(EditLine *));
int mskesm_el_set_editor(EditLine *el, const char *mode);
int mskesm_el_set_history(EditLine *el, History *h);
int mskesm_el_set_clientdata(EditLine *el, void *data);
void *mskesm_el_get_clientdata(EditLine *el);
int mskesm_el_set_addfn(EditLine *el, const char *name, const char *help, unsigned char (*fn)(EditLine *, int));
int mskesm_el_bind(EditLine *el, const char *key, const char *command);
int mskesm_el_set_signal(EditLine *el, int on);
// While editing, ^C reaches libedit as a character (bound to "cancel the line") instead of raising SIGINT.
int mskesm_el_disable_tty_signals(EditLine *el);
int mskesm_history_setsize(History *h, HistEvent *ev, int size);
int mskesm_history_setunique(History *h, HistEvent *ev, int unique);
int mskesm_history_enter(History *h, HistEvent *ev, const char *line);
int mskesm_history_load(History *h, HistEvent *ev, const char *path);
int mskesm_history_save(History *h, HistEvent *ev, const char *path);

#endif
