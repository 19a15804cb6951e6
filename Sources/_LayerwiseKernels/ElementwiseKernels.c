#include "LayerwiseKernels.h"
#include "MicroKernels.h"
#include "VectorMath.h"

// The element-wise kernels over float buffers — activations and elementary functions
// (ActivationLoops.h), losses (LossLoops.h) and optimizer updates (OptimizerLoops.h) — each
// loop written once and compiled here once per instruction set, with that set's target
// attribute, and chosen by the caller's LWKKernel like the GEMM's micro-kernels.

#define LWK_TARGET
#define LWK_NAME(name) name##_portable
#include "ActivationLoops.h"
#include "LossLoops.h"
#include "OptimizerLoops.h"
#undef LWK_TARGET
#undef LWK_NAME

#if defined(LWK_X86)
#define LWK_TARGET __attribute__((target("avx2,fma")))
#define LWK_NAME(name) name##_avx2
#include "ActivationLoops.h"
#include "LossLoops.h"
#include "OptimizerLoops.h"
#undef LWK_TARGET
#undef LWK_NAME

#define LWK_TARGET __attribute__((target("avx512f,fma")))
#define LWK_NAME(name) name##_avx512
#include "ActivationLoops.h"
#include "LossLoops.h"
#include "OptimizerLoops.h"
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
