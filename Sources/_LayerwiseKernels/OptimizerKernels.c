#include "LayerwiseKernels.h"
#include "MicroKernels.h"
#include "VectorMath.h"

// The optimizers' float updates, one copy of the loops per instruction set (OptimizerLoops.h).
// Contraction is off, as for Adam: every product and sum is rounded as in the Swift loop that
// Double runs, whatever the kernel or the split of the buffer.
#pragma clang fp contract(off)

#define LWK_TARGET
#define LWK_NAME(name) name##_portable
#include "OptimizerLoops.h"
#undef LWK_TARGET
#undef LWK_NAME

#if defined(LWK_X86)
#define LWK_TARGET __attribute__((target("avx2,fma")))
#define LWK_NAME(name) name##_avx2
#include "OptimizerLoops.h"
#undef LWK_TARGET
#undef LWK_NAME

#define LWK_TARGET __attribute__((target("avx512f,fma")))
#define LWK_NAME(name) name##_avx512
#include "OptimizerLoops.h"
#undef LWK_TARGET
#undef LWK_NAME
#endif

void lwk_optimizer_update(
    LWKKernel kernel, LWKOptimizer optimizer, const LWKOptimizerConstants *constants, ptrdiff_t count,
    float *value, const float *gradient, float *first, float *second, float *third)
{
#if defined(LWK_X86)
    if (kernel == LWKKernelAVX512) { optimizer_update_avx512(optimizer, constants, count, value, gradient, first, second, third); return; }
    if (kernel == LWKKernelAVX2) { optimizer_update_avx2(optimizer, constants, count, value, gradient, first, second, third); return; }
#endif
    (void)kernel;
    optimizer_update_portable(optimizer, constants, count, value, gradient, first, second, third);
}
