// Counts heap allocations for the throughput benchmark by interposing the C library's
// allocation functions: an executable that defines `malloc` and friends takes precedence over
// libc for every shared library it loads (the Swift runtime included). Each definition bumps an
// atomic counter and forwards to glibc's internal entry points (`__libc_malloc`, ...), which
// glibc exports for exactly this purpose.
//
// This target is linked into the benchmark only, never into the Layerwise library. On other C
// libraries nothing is interposed and the counter reports itself unavailable.

#include <stddef.h>
#include <stdlib.h>  // defines __GLIBC__ on glibc

#include "AllocationCounter.h"

#if defined(__linux__) && defined(__GLIBC__)

#include <errno.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void __libc_free(void *pointer);
extern void *__libc_memalign(size_t alignment, size_t size);

static uint64_t allocationCount = 0;

static inline void countAllocation(void) {
    __atomic_fetch_add(&allocationCount, 1, __ATOMIC_RELAXED);
}

bool allocation_counter_is_available(void) { return true; }

uint64_t allocation_counter_allocations(void) {
    return __atomic_load_n(&allocationCount, __ATOMIC_RELAXED);
}

void *malloc(size_t size) {
    countAllocation();
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
    countAllocation();
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
    if (pointer == NULL || size != 0) countAllocation();
    return __libc_realloc(pointer, size);
}

void free(void *pointer) {
    __libc_free(pointer);
}

void *memalign(size_t alignment, size_t size) {
    countAllocation();
    return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) {
    countAllocation();
    return __libc_memalign(alignment, size);
}

int posix_memalign(void **result, size_t alignment, size_t size) {
    if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0) return EINVAL;
    countAllocation();
    void *pointer = __libc_memalign(alignment, size);
    if (pointer == NULL && size != 0) return ENOMEM;
    *result = pointer;
    return 0;
}

#else

bool allocation_counter_is_available(void) { return false; }

uint64_t allocation_counter_allocations(void) { return 0; }

#endif
