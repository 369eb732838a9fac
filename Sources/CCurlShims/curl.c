#include "CCurlShims.h"
#include <dlfcn.h>
#include <openssl/crypto.h>
#include <pthread.h>

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
