// One-line typed wrappers for libcurl's variadic functions (curl_easy_setopt, curl_easy_getinfo), and the
// loader that opens libcurl on first use.
#ifndef MSKESM_CCURLSHIMS_H
#define MSKESM_CCURLSHIMS_H

#include <stddef.h>
#include <curl/curl.h>

// libcurl is opened with dlopen on first use (not linked: its dependencies cost every command ~4 MB).
// mskesm_curl_load returns 1 when libcurl is usable (loaded and curl_global_init done), else 0; the other
// wrappers may only be called after it returned 1 (mskesm_curl_easy_init returns NULL otherwise).
int mskesm_curl_load(void);
// Starts mskesm_curl_load on a background thread (once at a time); mskesm_curl_prepare_join waits for that
// thread to end. A process must join before it exits: see curl.c.
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

#endif
