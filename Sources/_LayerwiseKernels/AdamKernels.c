#include "LayerwiseKernels.h"
#include "MicroKernels.h"

// The Adam update as a vector micro-kernel. Every lane performs the scalar update's IEEE
// operations in the same order (no fused multiply-add: products and sums are separate
// instructions, and contraction is off), so the result is bitwise the result of the Swift
// loop in Sources/Layerwise/Kernels/ElementwiseKernels.swift, for any split of the buffer.
#pragma clang fp contract(off)

int lwk_adam_is_available(LWKKernel kernel)
{
#if defined(LWK_X86)
    return (kernel == LWKKernelAVX512 || kernel == LWKKernelAVX2) && lwk_kernel_is_available(kernel);
#else
    (void)kernel;
    return 0;
#endif
}

#if defined(LWK_X86)
#include <immintrin.h>

#define LWK_AVX512 __attribute__((target("avx512f")))
#define LWK_AVX2 __attribute__((target("avx2")))

// One element, exactly as the Swift loop computes it: the tail of both vector loops.
static inline void adamElement(
    ptrdiff_t i, float *theta, const float *gradient, float *m, float *v, float *vMax,
    const LWKAdamConstants *k)
{
    float g = gradient[i];
    if (k->l2Penalty != 0.0f) g = g + k->l2Penalty * theta[i];
    float mi = k->beta1 * m[i] + k->oneMinusBeta1 * g;
    float vi = k->beta2 * v[i] + (k->oneMinusBeta2 * g) * g;
    m[i] = mi;
    v[i] = vi;
    float second = vi;
    if (vMax) {
        second = vi >= vMax[i] ? vi : vMax[i];
        vMax[i] = second;
    }
    float denominator = __builtin_sqrtf(second) / k->biasCorrection2Root + k->epsilon;
    theta[i] = theta[i] + -k->stepSize * (mi / denominator);
}

LWK_AVX512 static void adamAVX512(
    ptrdiff_t count, float *theta, const float *gradient, float *m, float *v, float *vMax,
    const LWKAdamConstants *k)
{
    const __m512 l2 = _mm512_set1_ps(k->l2Penalty);
    const __m512 beta1 = _mm512_set1_ps(k->beta1), oneMinusBeta1 = _mm512_set1_ps(k->oneMinusBeta1);
    const __m512 beta2 = _mm512_set1_ps(k->beta2), oneMinusBeta2 = _mm512_set1_ps(k->oneMinusBeta2);
    const __m512 root = _mm512_set1_ps(k->biasCorrection2Root), epsilon = _mm512_set1_ps(k->epsilon);
    const __m512 negativeStep = _mm512_set1_ps(-k->stepSize);
    const int penalized = k->l2Penalty != 0.0f;
    ptrdiff_t i = 0;
    for (; i + 16 <= count; i += 16) {
        __m512 t = _mm512_loadu_ps(theta + i);
        __m512 g = _mm512_loadu_ps(gradient + i);
        if (penalized) g = _mm512_add_ps(g, _mm512_mul_ps(l2, t));
        __m512 mi = _mm512_add_ps(_mm512_mul_ps(beta1, _mm512_loadu_ps(m + i)), _mm512_mul_ps(oneMinusBeta1, g));
        __m512 vi = _mm512_add_ps(
            _mm512_mul_ps(beta2, _mm512_loadu_ps(v + i)), _mm512_mul_ps(_mm512_mul_ps(oneMinusBeta2, g), g));
        _mm512_storeu_ps(m + i, mi);
        _mm512_storeu_ps(v + i, vi);
        __m512 second = vi;
        if (vMax) {
            __m512 previous = _mm512_loadu_ps(vMax + i);
            __mmask16 larger = _mm512_cmp_ps_mask(vi, previous, _CMP_GE_OQ);
            second = _mm512_mask_blend_ps(larger, previous, vi);
            _mm512_storeu_ps(vMax + i, second);
        }
        __m512 denominator = _mm512_add_ps(_mm512_div_ps(_mm512_sqrt_ps(second), root), epsilon);
        _mm512_storeu_ps(theta + i, _mm512_add_ps(t, _mm512_mul_ps(negativeStep, _mm512_div_ps(mi, denominator))));
    }
    for (; i < count; i++) adamElement(i, theta, gradient, m, v, vMax, k);
}

LWK_AVX2 static void adamAVX2(
    ptrdiff_t count, float *theta, const float *gradient, float *m, float *v, float *vMax,
    const LWKAdamConstants *k)
{
    const __m256 l2 = _mm256_set1_ps(k->l2Penalty);
    const __m256 beta1 = _mm256_set1_ps(k->beta1), oneMinusBeta1 = _mm256_set1_ps(k->oneMinusBeta1);
    const __m256 beta2 = _mm256_set1_ps(k->beta2), oneMinusBeta2 = _mm256_set1_ps(k->oneMinusBeta2);
    const __m256 root = _mm256_set1_ps(k->biasCorrection2Root), epsilon = _mm256_set1_ps(k->epsilon);
    const __m256 negativeStep = _mm256_set1_ps(-k->stepSize);
    const int penalized = k->l2Penalty != 0.0f;
    ptrdiff_t i = 0;
    for (; i + 8 <= count; i += 8) {
        __m256 t = _mm256_loadu_ps(theta + i);
        __m256 g = _mm256_loadu_ps(gradient + i);
        if (penalized) g = _mm256_add_ps(g, _mm256_mul_ps(l2, t));
        __m256 mi = _mm256_add_ps(_mm256_mul_ps(beta1, _mm256_loadu_ps(m + i)), _mm256_mul_ps(oneMinusBeta1, g));
        __m256 vi = _mm256_add_ps(
            _mm256_mul_ps(beta2, _mm256_loadu_ps(v + i)), _mm256_mul_ps(_mm256_mul_ps(oneMinusBeta2, g), g));
        _mm256_storeu_ps(m + i, mi);
        _mm256_storeu_ps(v + i, vi);
        __m256 second = vi;
        if (vMax) {
            __m256 previous = _mm256_loadu_ps(vMax + i);
            __m256 larger = _mm256_cmp_ps(vi, previous, _CMP_GE_OQ);
            second = _mm256_blendv_ps(previous, vi, larger);
            _mm256_storeu_ps(vMax + i, second);
        }
        __m256 denominator = _mm256_add_ps(_mm256_div_ps(_mm256_sqrt_ps(second), root), epsilon);
        _mm256_storeu_ps(theta + i, _mm256_add_ps(t, _mm256_mul_ps(negativeStep, _mm256_div_ps(mi, denominator))));
    }
    for (; i < count; i++) adamElement(i, theta, gradient, m, v, vMax, k);
}
#endif

void lwk_adam_update(
    LWKKernel kernel, ptrdiff_t count, float *theta, const float *gradient, float *m, float *v,
    float *vMax, const LWKAdamConstants *constants)
{
#if defined(LWK_X86)
    if (kernel == LWKKernelAVX512) {
        adamAVX512(count, theta, gradient, m, v, vMax, constants);
        return;
    }
    if (kernel == LWKKernelAVX2) {
        adamAVX2(count, theta, gradient, m, v, vMax, constants);
        return;
    }
#endif
    (void)kernel; (void)count; (void)theta; (void)gradient; (void)m; (void)v; (void)vMax; (void)constants;
}
