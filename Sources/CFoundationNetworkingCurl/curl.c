// The libcurl functions that FoundationNetworking's URLSession calls, defined in the binary with hidden visibility
// and forwarded to libcurl opened with dlopen on first use.
//
// The MCP SDK (MSKESMMCP) imports FoundationNetworking for its HTTP transports, which msk-esm never uses; linked
// statically, FoundationNetworking makes libcurl a load-time dependency of the whole binary, and with it its ~25
// libraries (GnuTLS, Kerberos, LDAP, libssh2, ...): about 8 ms and 6 MiB at every start (BENCHMARKS.md). With these
// definitions the linker resolves FoundationNetworking's references inside the binary, and the release link's
// --as-needed (Package.swift, scripts/lld-as-needed) then leaves libcurl out of the load-time dependencies, as
// CCurlShims does for msk-esm's own transport. Hidden, so that the libcurl that dlopen loads binds to its own
// functions, not to these.
//
// No <curl/curl.h>: its default-visibility declarations of the same names would clash; the types are the ABI's
// (handles are pointers, codes are ints, options are longs or pointers passed as one machine word).
#include "CFoundationNetworkingCurl.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>

#define MSKESM_HIDDEN __attribute__((visibility("hidden")))

static void *mskesm_fn_curl;
static pthread_once_t mskesm_fn_curl_once = PTHREAD_ONCE_INIT;
static void mskesm_fn_curl_open(void) {
    mskesm_fn_curl = dlopen("libcurl.so.4", RTLD_LAZY | RTLD_LOCAL);
    if (mskesm_fn_curl == NULL) mskesm_fn_curl = dlopen("libcurl.so", RTLD_LAZY | RTLD_LOCAL);
}
static void *mskesm_fn_curl_symbol(const char *name) {
    pthread_once(&mskesm_fn_curl_once, mskesm_fn_curl_open);
    return mskesm_fn_curl == NULL ? NULL : dlsym(mskesm_fn_curl, name);
}

// CURLE_FAILED_INIT and CURLM_INTERNAL_ERROR: what the calls answer when libcurl cannot be opened.
enum { MSKESM_CURLE_FAILED_INIT = 2, MSKESM_CURLM_INTERNAL_ERROR = 4 };

#define MSKESM_FORWARD(ret, name, fallback, params, args) \
    MSKESM_HIDDEN ret name params { \
        static ret(*real) params; \
        if (real == NULL) *(void **)(&real) = mskesm_fn_curl_symbol(#name); \
        if (real == NULL) return fallback; \
        return real args; \
    }
#define MSKESM_FORWARD_VOID(name, params, args) \
    MSKESM_HIDDEN void name params { \
        static void(*real) params; \
        if (real == NULL) *(void **)(&real) = mskesm_fn_curl_symbol(#name); \
        if (real != NULL) real args; \
    }
// The variadic ones take exactly one argument after the option: a long, a pointer or a curl_off_t, each one
// machine word on the LP64 platforms msk-esm builds for.
#define MSKESM_FORWARD_VARIADIC(name, fallback) \
    MSKESM_HIDDEN int name(void *handle, int option, ...) { \
        static int (*real)(void *, int, ...); \
        if (real == NULL) *(void **)(&real) = mskesm_fn_curl_symbol(#name); \
        if (real == NULL) return fallback; \
        va_list list; \
        va_start(list, option); \
        void *argument = va_arg(list, void *); \
        va_end(list); \
        return real(handle, option, argument); \
    }

MSKESM_FORWARD(int, curl_global_init, MSKESM_CURLE_FAILED_INIT, (long flags), (flags))
MSKESM_FORWARD(void *, curl_easy_init, NULL, (void), ())
MSKESM_FORWARD_VOID(curl_easy_cleanup, (void *handle), (handle))
MSKESM_FORWARD(int, curl_easy_pause, MSKESM_CURLE_FAILED_INIT, (void *handle, int bitmask), (handle, bitmask))
MSKESM_FORWARD(const char *, curl_easy_strerror, "libcurl could not be loaded", (int code), (code))
MSKESM_FORWARD_VARIADIC(curl_easy_setopt, MSKESM_CURLE_FAILED_INIT)
MSKESM_FORWARD_VARIADIC(curl_easy_getinfo, MSKESM_CURLE_FAILED_INIT)
MSKESM_FORWARD_VOID(curl_free, (void *pointer), (pointer))
MSKESM_FORWARD(void *, curl_multi_init, NULL, (void), ())
MSKESM_FORWARD(int, curl_multi_cleanup, MSKESM_CURLM_INTERNAL_ERROR, (void *multi), (multi))
MSKESM_FORWARD(int, curl_multi_add_handle, MSKESM_CURLM_INTERNAL_ERROR, (void *multi, void *easy), (multi, easy))
MSKESM_FORWARD(int, curl_multi_remove_handle, MSKESM_CURLM_INTERNAL_ERROR, (void *multi, void *easy), (multi, easy))
MSKESM_FORWARD(
    int, curl_multi_assign, MSKESM_CURLM_INTERNAL_ERROR, (void *multi, int socket, void *pointer),
    (multi, socket, pointer))
MSKESM_FORWARD(void *, curl_multi_info_read, NULL, (void *multi, int *queued), (multi, queued))
MSKESM_FORWARD_VARIADIC(curl_multi_setopt, MSKESM_CURLM_INTERNAL_ERROR)
MSKESM_FORWARD(
    int, curl_multi_socket_action, MSKESM_CURLM_INTERNAL_ERROR, (void *multi, int socket, int mask, int *running),
    (multi, socket, mask, running))
MSKESM_FORWARD(void *, curl_slist_append, NULL, (void *list, const char *string), (list, string))
MSKESM_FORWARD_VOID(curl_slist_free_all, (void *list), (list))
MSKESM_FORWARD(void *, curl_url, NULL, (void), ())
MSKESM_FORWARD(
    int, curl_url_get, MSKESM_CURLE_FAILED_INIT, (void *url, int part, char **value, unsigned flags),
    (url, part, value, flags))
MSKESM_FORWARD(
    int, curl_url_set, MSKESM_CURLE_FAILED_INIT, (void *url, int part, const char *value, unsigned flags),
    (url, part, value, flags))
MSKESM_FORWARD(char *, curl_version, "libcurl (not loaded)", (void), ())
MSKESM_FORWARD(void *, curl_version_info, NULL, (int age), (age))
