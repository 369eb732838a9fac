#include "CPOSIXShims.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

int mskesm_bound_malloc_arenas(int count) {
#ifdef __GLIBC__
    return mallopt(M_ARENA_MAX, count);
#else
    (void)count;
    return 0;
#endif
}
