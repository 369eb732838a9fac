#include "COpenSSLShims.h"

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
