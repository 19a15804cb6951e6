#include "LayerwiseKernels.h"
#include "MicroKernels.h"
#include "VectorMath.h"

// Element-wise activations and elementary functions over float buffers, one copy of the loops
// per instruction set (ActivationLoops.h), chosen by the caller's LWKKernel like the GEMM.

#define LWK_TARGET
#define LWK_NAME(name) name##_portable
#include "ActivationLoops.h"
#undef LWK_TARGET
#undef LWK_NAME

#if defined(LWK_X86)
#define LWK_TARGET __attribute__((target("avx2,fma")))
#define LWK_NAME(name) name##_avx2
#include "ActivationLoops.h"
#undef LWK_TARGET
#undef LWK_NAME

#define LWK_TARGET __attribute__((target("avx512f,fma")))
#define LWK_NAME(name) name##_avx512
#include "ActivationLoops.h"
#undef LWK_TARGET
#undef LWK_NAME
#endif

void lwk_activation_forward(
    LWKKernel kernel, LWKActivation function, const LWKActivationParameters *parameters, ptrdiff_t count,
    const float *x, float *y)
{
#if defined(LWK_X86)
    if (kernel == LWKKernelAVX512) { activation_forward_avx512(function, parameters, count, x, y); return; }
    if (kernel == LWKKernelAVX2) { activation_forward_avx2(function, parameters, count, x, y); return; }
#endif
    (void)kernel;
    activation_forward_portable(function, parameters, count, x, y);
}

void lwk_activation_backward(
    LWKKernel kernel, LWKActivation function, const LWKActivationParameters *parameters, ptrdiff_t count,
    const float *x, const float *y, const float *gradOutput, float *gradInput)
{
#if defined(LWK_X86)
    if (kernel == LWKKernelAVX512) { activation_backward_avx512(function, parameters, count, x, y, gradOutput, gradInput); return; }
    if (kernel == LWKKernelAVX2) { activation_backward_avx2(function, parameters, count, x, y, gradOutput, gradInput); return; }
#endif
    (void)kernel;
    activation_backward_portable(function, parameters, count, x, y, gradOutput, gradInput);
}

void lwk_map(LWKKernel kernel, LWKFunction function, ptrdiff_t count, const float *x, float *y)
{
#if defined(LWK_X86)
    if (kernel == LWKKernelAVX512) { map_avx512(function, count, x, y); return; }
    if (kernel == LWKKernelAVX2) { map_avx2(function, count, x, y); return; }
#endif
    (void)kernel;
    map_portable(function, count, x, y);
}

float lwk_exp_shifted_sum(LWKKernel kernel, ptrdiff_t count, const float *x, float shift, float *y)
{
#if defined(LWK_X86)
    if (kernel == LWKKernelAVX512) return exp_shifted_sum_avx512(count, x, shift, y);
    if (kernel == LWKKernelAVX2) return exp_shifted_sum_avx2(count, x, shift, y);
#endif
    (void)kernel;
    return exp_shifted_sum_portable(count, x, shift, y);
}

float lwk_maximum(LWKKernel kernel, ptrdiff_t count, const float *x)
{
#if defined(LWK_X86)
    if (kernel == LWKKernelAVX512) return maximum_avx512(count, x);
    if (kernel == LWKKernelAVX2) return maximum_avx2(count, x);
#endif
    (void)kernel;
    return maximum_portable(count, x);
}
