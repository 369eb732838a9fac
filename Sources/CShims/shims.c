#include "CShims.h"
#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

long mskesm_BIO_get_mem_data(BIO *bio, char **data) { return BIO_get_mem_data(bio, data); }
int mskesm_sk_X509_num(const STACK_OF(X509) *stack) { return sk_X509_num(stack); }
X509 *mskesm_sk_X509_value(const STACK_OF(X509) *stack, int index) { return sk_X509_value(stack, index); }
STACK_OF(X509) *mskesm_sk_X509_new_null(void) { return sk_X509_new_null(); }
int mskesm_sk_X509_push(STACK_OF(X509) *stack, X509 *cert) { return sk_X509_push(stack, cert); }
void mskesm_sk_X509_free(STACK_OF(X509) *stack) { sk_X509_free(stack); }
long mskesm_SSL_set_tlsext_host_name(SSL *ssl, const char *name) { return SSL_set_tlsext_host_name(ssl, name); }
long mskesm_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) { return SSL_CTX_set_min_proto_version(ctx, version); }
long mskesm_BIO_do_connect(BIO *bio) { return BIO_do_connect(bio); }
long mskesm_BIO_set_conn_hostname(BIO *bio, const char *hostname) { return BIO_set_conn_hostname(bio, hostname); }
unsigned long mskesm_XN_FLAG_RFC2253(void) { return XN_FLAG_RFC2253; }
void mskesm_openssl_thread_stop(void) { OPENSSL_thread_stop(); }

// --- libcurl, loaded on first use ----------------------------------------------------------------
// Linking libcurl would load it and its ~25 dependencies (GnuTLS, Kerberos, LDAP, libssh2, ...) into every
// run, about 4 MB of resident memory and start-up time, although only the commands that call AWS use it.
// So it is opened with dlopen the first time a transfer is set up, with lazy binding: resolving every
// function symbol of libcurl and its dependencies up front costs milliseconds that a command never gets back.
typedef struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    void (*easy_reset)(CURL *);
    CURLcode (*easy_perform)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
} mskesm_curl_api;
static mskesm_curl_api mskesm_curl;
static int mskesm_curl_loaded = 0;
static pthread_once_t mskesm_curl_once = PTHREAD_ONCE_INIT;
static void mskesm_curl_open(void) {
    void *library = dlopen("libcurl.so.4", RTLD_LAZY | RTLD_LOCAL);
    if (library == NULL) library = dlopen("libcurl.so", RTLD_LAZY | RTLD_LOCAL);
    if (library == NULL) return;
#define MSKESM_CURL_SYMBOL(field, name) \
    *(void **)(&mskesm_curl.field) = dlsym(library, name); \
    if (mskesm_curl.field == NULL) return;
    MSKESM_CURL_SYMBOL(global_init, "curl_global_init")
    MSKESM_CURL_SYMBOL(easy_init, "curl_easy_init")
    MSKESM_CURL_SYMBOL(easy_cleanup, "curl_easy_cleanup")
    MSKESM_CURL_SYMBOL(easy_reset, "curl_easy_reset")
    MSKESM_CURL_SYMBOL(easy_perform, "curl_easy_perform")
    MSKESM_CURL_SYMBOL(easy_strerror, "curl_easy_strerror")
    MSKESM_CURL_SYMBOL(easy_setopt, "curl_easy_setopt")
    MSKESM_CURL_SYMBOL(easy_getinfo, "curl_easy_getinfo")
    MSKESM_CURL_SYMBOL(slist_append, "curl_slist_append")
    MSKESM_CURL_SYMBOL(slist_free_all, "curl_slist_free_all")
#undef MSKESM_CURL_SYMBOL
    if (mskesm_curl.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return;
    mskesm_curl_loaded = 1;
}
int mskesm_curl_load(void) {
    pthread_once(&mskesm_curl_once, mskesm_curl_open);
    return mskesm_curl_loaded;
}

// The background load is a joinable POSIX thread, not a detached one: a process that ends while the load is
// still running lets exit() run the shared libraries' destructors (GnuTLS, libtasn1, OpenSSL) under a thread
// that is still initialising them, which crashed about one early exit in six of the static release build.
static pthread_mutex_t mskesm_curl_prepare_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_t mskesm_curl_prepare_thread;
static int mskesm_curl_prepare_running = 0;
static void *mskesm_curl_prepare_main(void *unused) {
    (void)unused;
    (void)mskesm_curl_load();
    // curl_global_init may leave OpenSSL state on this thread: freed here, before the thread can be joined,
    // not by the thread's exit destructor.
    OPENSSL_thread_stop();
    return NULL;
}
void mskesm_curl_prepare_start(void) {
    pthread_mutex_lock(&mskesm_curl_prepare_lock);
    if (!mskesm_curl_prepare_running &&
        pthread_create(&mskesm_curl_prepare_thread, NULL, mskesm_curl_prepare_main, NULL) == 0)
        mskesm_curl_prepare_running = 1;
    pthread_mutex_unlock(&mskesm_curl_prepare_lock);
}
void mskesm_curl_prepare_join(void) {
    pthread_mutex_lock(&mskesm_curl_prepare_lock);
    if (mskesm_curl_prepare_running) {
        pthread_join(mskesm_curl_prepare_thread, NULL);
        mskesm_curl_prepare_running = 0;
    }
    pthread_mutex_unlock(&mskesm_curl_prepare_lock);
}
CURL *mskesm_curl_easy_init(void) { return mskesm_curl_load() ? mskesm_curl.easy_init() : NULL; }
void mskesm_curl_easy_cleanup(CURL *curl) { mskesm_curl.easy_cleanup(curl); }
void mskesm_curl_easy_reset(CURL *curl) { mskesm_curl.easy_reset(curl); }
CURLcode mskesm_curl_easy_perform(CURL *curl) { return mskesm_curl.easy_perform(curl); }
const char *mskesm_curl_easy_strerror(CURLcode code) {
    return mskesm_curl_load() ? mskesm_curl.easy_strerror(code) : "libcurl is not available";
}
struct curl_slist *mskesm_curl_slist_append(struct curl_slist *list, const char *text) {
    return mskesm_curl_load() ? mskesm_curl.slist_append(list, text) : list;
}
void mskesm_curl_slist_free_all(struct curl_slist *list) {
    if (list != NULL && mskesm_curl_load()) mskesm_curl.slist_free_all(list);
}

CURLcode mskesm_curl_setopt_long(CURL *curl, CURLoption option, long value) { return mskesm_curl.easy_setopt(curl, option, value); }
CURLcode mskesm_curl_setopt_string(CURL *curl, CURLoption option, const char *value) { return mskesm_curl.easy_setopt(curl, option, value); }
CURLcode mskesm_curl_setopt_pointer(CURL *curl, CURLoption option, void *value) { return mskesm_curl.easy_setopt(curl, option, value); }
CURLcode mskesm_curl_setopt_slist(CURL *curl, CURLoption option, struct curl_slist *value) { return mskesm_curl.easy_setopt(curl, option, value); }
CURLcode mskesm_curl_setopt_write_function(CURL *curl, size_t (*fn)(char *, size_t, size_t, void *)) { return mskesm_curl.easy_setopt(curl, CURLOPT_WRITEFUNCTION, fn); }
CURLcode mskesm_curl_setopt_header_function(CURL *curl, size_t (*fn)(char *, size_t, size_t, void *)) { return mskesm_curl.easy_setopt(curl, CURLOPT_HEADERFUNCTION, fn); }
CURLcode mskesm_curl_setopt_read_function(CURL *curl, size_t (*fn)(char *, size_t, size_t, void *)) { return mskesm_curl.easy_setopt(curl, CURLOPT_READFUNCTION, fn); }
CURLcode mskesm_curl_setopt_debug_function(CURL *curl, int (*fn)(CURL *, curl_infotype, char *, size_t, void *)) { return mskesm_curl.easy_setopt(curl, CURLOPT_DEBUGFUNCTION, fn); }
CURLcode mskesm_curl_setopt_xferinfo_function(CURL *curl, int (*fn)(void *, curl_off_t, curl_off_t, curl_off_t, curl_off_t)) { return mskesm_curl.easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, fn); }
CURLcode mskesm_curl_getinfo_long(CURL *curl, CURLINFO info, long *value) { return mskesm_curl.easy_getinfo(curl, info, value); }
CURLcode mskesm_curl_getinfo_double(CURL *curl, CURLINFO info, double *value) { return mskesm_curl.easy_getinfo(curl, info, value); }
long mskesm_curl_global_default(void) { return CURL_GLOBAL_DEFAULT; }

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

EditLine *mskesm_el_init(const char *program) { return el_init(program, stdin, stdout, stderr); }

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
