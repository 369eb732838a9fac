// One-line typed wrappers for OpenSSL's function-like macros, which Swift does not import.
#ifndef MSKESM_COPENSSLSHIMS_H
#define MSKESM_COPENSSLSHIMS_H

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/ssl.h>

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

#endif
