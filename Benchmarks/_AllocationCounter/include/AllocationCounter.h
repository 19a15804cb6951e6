#ifndef ALLOCATION_COUNTER_H
#define ALLOCATION_COUNTER_H

#include <stdbool.h>
#include <stdint.h>

/// Whether this build counts heap allocations (glibc only: the C library's allocation
/// functions are interposed and forwarded to glibc's `__libc_*` entry points).
bool allocation_counter_is_available(void);

/// The number of heap allocations made by the process so far: calls to malloc, calloc,
/// realloc (other than a pure free), posix_memalign, aligned_alloc and memalign (the obsolete
/// valloc and pvalloc are not interposed). Always 0 where counting is not available.
uint64_t allocation_counter_allocations(void);

#endif
