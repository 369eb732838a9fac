// One-line typed wrappers for what Swift cannot call directly: C variadic functions
// (curl_easy_setopt, curl_easy_getinfo, el_set, history) and OpenSSL's function-like macros.
#ifndef MSKESM_CSHIMS_H
#define MSKESM_CSHIMS_H

#include <stddef.h>
#include <sys/types.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/ssl.h>
#include <curl/curl.h>
#include <histedit.h>

// --- OpenSSL ---------------------------------------------------------------------------------
long mskesm_BIO_get_mem_data(BIO *bio, char **data);
int mskesm_sk_X509_num(const STACK_OF(X509) *stack);
X509 *mskesm_sk_X509_value(const STACK_OF(X509) *stack, int index);
STACK_OF(X509) *mskesm_sk_X509_new_null(void);
int mskesm_sk_X509_push(STACK_OF(X509) *stack, X509 *cert);
void mskesm_sk_X509_free(STACK_OF(X509) *stack);
long mskesm_SSL_set_tlsext_host_name(SSL *ssl, const char *name);
long mskesm_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version);
long mskesm_BIO_do_connect(BIO *bio);
long mskesm_BIO_set_conn_hostname(BIO *bio, const char *hostname);
/// XN_FLAG_RFC2253: a macro of casts and ORs that Swift does not import.
unsigned long mskesm_XN_FLAG_RFC2253(void);

// Frees the calling thread's OpenSSL state (its error queue) now rather than in the thread's exit destructor.
void mskesm_openssl_thread_stop(void);

// --- libcurl ---------------------------------------------------------------------------------
// libcurl is opened with dlopen on first use (not linked: its dependencies cost every command ~4 MB).
// mskesm_curl_load returns 1 when libcurl is usable (loaded and curl_global_init done), else 0; the other
// wrappers may only be called after it returned 1 (mskesm_curl_easy_init returns NULL otherwise).
int mskesm_curl_load(void);
// Starts mskesm_curl_load on a background thread (once at a time); mskesm_curl_prepare_join waits for that
// thread to end. A process must join before it exits: see shims.c.
void mskesm_curl_prepare_start(void);
void mskesm_curl_prepare_join(void);
CURL *mskesm_curl_easy_init(void);
void mskesm_curl_easy_cleanup(CURL *curl);
void mskesm_curl_easy_reset(CURL *curl);
CURLcode mskesm_curl_easy_perform(CURL *curl);
const char *mskesm_curl_easy_strerror(CURLcode code);
struct curl_slist *mskesm_curl_slist_append(struct curl_slist *list, const char *text);
void mskesm_curl_slist_free_all(struct curl_slist *list);
CURLcode mskesm_curl_setopt_long(CURL *curl, CURLoption option, long value);
CURLcode mskesm_curl_setopt_string(CURL *curl, CURLoption option, const char *value);
CURLcode mskesm_curl_setopt_pointer(CURL *curl, CURLoption option, void *value);
CURLcode mskesm_curl_setopt_slist(CURL *curl, CURLoption option, struct curl_slist *value);
CURLcode mskesm_curl_setopt_write_function(CURL *curl, size_t (*fn)(char *, size_t, size_t, void *));
CURLcode mskesm_curl_setopt_header_function(CURL *curl, size_t (*fn)(char *, size_t, size_t, void *));
CURLcode mskesm_curl_setopt_read_function(CURL *curl, size_t (*fn)(char *, size_t, size_t, void *));
CURLcode mskesm_curl_setopt_debug_function(CURL *curl, int (*fn)(CURL *, curl_infotype, char *, size_t, void *));
CURLcode mskesm_curl_setopt_xferinfo_function(CURL *curl, int (*fn)(void *, curl_off_t, curl_off_t, curl_off_t, curl_off_t));
CURLcode mskesm_curl_getinfo_long(CURL *curl, CURLINFO info, long *value);
CURLcode mskesm_curl_getinfo_double(CURL *curl, CURLINFO info, double *value);
long mskesm_curl_global_default(void);

// --- libedit ---------------------------------------------------------------------------------
// el_init wants the process's FILE streams, which Swift 6 may not reference (not concurrency-safe).
EditLine *mskesm_el_init(const char *program);
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

// --- child processes (spawn.c) ---------------------------------------------------------------
// A pipe whose two ends are close-on-exec. Returns 0 or an errno value.
int mskesm_pipe_cloexec(int fds[2]);
// posix_spawn of `path` (argv and envp NULL-terminated; envp NULL: this process's environment) in
// `directory` (NULL: the current one), with `input`, `output`, `error` as its descriptors 0, 1, 2 (-1:
// inherited). No other descriptor reaches the child; its signal mask is empty and every signal has its
// default disposition. Returns 0 and sets *pid, or returns an errno value.
int mskesm_spawn(const char *path, char *const argv[], char *const envp[], const char *directory, int input,
                 int output, int error, pid_t *pid);

#endif
