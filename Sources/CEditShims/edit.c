#include "CEditShims.h"
#include <stdio.h>

EditLine *mskesm_el_init(const char *program) { return el_init(program, stdin, stdout, stderr); }

int mskesm_el_set_prompt(EditLine *el, char *(*fn)(EditLine *)) { return el_set(el, EL_PROMPT, fn); }
int mskesm_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
int mskesm_el_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
int mskesm_el_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }
void *mskesm_el_get_clientdata(EditLine *el) { void *data = NULL; el_get(el, EL_CLIENTDATA, &data); return data; }
int mskesm_el_set_addfn(EditLine *el, const char *name, const char *help, unsigned char (*fn)(EditLine *, int)) { return el_set(el, EL_ADDFN, name, help, fn); }
int mskesm_el_bind(EditLine *el, const char *key, const char *command) { return el_set(el, EL_BIND, key, command, NULL); }
int mskesm_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
int mskesm_el_disable_tty_signals(EditLine *el) { return el_set(el, EL_SETTY, "-d", "-isig", NULL); }
int mskesm_history_setsize(History *h, HistEvent *ev, int size) { return history(h, ev, H_SETSIZE, size); }
int mskesm_history_setunique(History *h, HistEvent *ev, int unique) { return history(h, ev, H_SETUNIQUE, unique); }
int mskesm_history_enter(History *h, HistEvent *ev, const char *line) { return history(h, ev, H_ENTER, line); }
int mskesm_history_load(History *h, HistEvent *ev, const char *path) { return history(h, ev, H_LOAD, path); }
int mskesm_history_save(History *h, HistEvent *ev, const char *path) { return history(h, ev, H_SAVE, path); }
