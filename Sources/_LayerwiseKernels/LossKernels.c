#include "LayerwiseKernels.h"
#include "MicroKernels.h"
#include "VectorMath.h"

// The element-wise losses over float buffers, one copy of the loops per instruction set
// (LossLoops.h), chosen by the caller's LWKKernel.

#define LWK_TARGET
#define LWK_NAME(name) name##_portable
#include "LossLoops.h"
#undef LWK_TARGET
#undef LWK_NAME

#if defined(LWK_X86)
#define LWK_TARGET __attribute__((target("avx2,fma")))
#define LWK_NAME(name) name##_avx2
#include "LossLoops.h"
#undef LWK_TARGET
#undef LWK_NAME

#define LWK_TARGET __attribute__((target("avx512f,fma")))
#define LWK_NAME(name) name##_avx512
#include "LossLoops.h"
#undef LWK_TARGET
#undef LWK_NAME
#endif

double lwk_elementwise_loss(
    LWKKernel kernel, LWKLoss loss, const LWKLossParameters *parameters, ptrdiff_t count,
    const float *prediction, const float *target, float gradientScale, float *gradient)
{
#if defined(LWK_X86)
    if (kernel == LWKKernelAVX512) return loss_avx512(loss, parameters, count, prediction, target, gradientScale, gradient);
    if (kernel == LWKKernelAVX2) return loss_avx2(loss, parameters, count, prediction, target, gradientScale, gradient);
#endif
    (void)kernel;
    return loss_portable(loss, parameters, count, prediction, target, gradientScale, gradient);
}
