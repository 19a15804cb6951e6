#include "LayerwiseKernels.h"
#include "MicroKernels.h"

// Portable matrix-vector kernels.

void lwk_sgemv_dot_portable(
    ptrdiff_t count, ptrdiff_t depth, const float *b, ptrdiff_t stride,
    const float *x, float *y, float alpha, int accumulate)
{
    for (ptrdiff_t j = 0; j < count; j++) {
        const float *row = b + j * stride;
        float sum = 0.0f;
        for (ptrdiff_t p = 0; p < depth; p++) sum += row[p] * x[p];
        y[j] = accumulate ? y[j] + alpha * sum : alpha * sum;
    }
}

void lwk_sgemv_axpy_portable(
    ptrdiff_t count, ptrdiff_t depth, const float *b, ptrdiff_t stride,
    const float *x, float *y, float alpha, int accumulate)
{
    enum { BLOCK = 64 };
    for (ptrdiff_t j0 = 0; j0 < count; j0 += BLOCK) {
        ptrdiff_t width = count - j0 < BLOCK ? count - j0 : BLOCK;
        float sum[BLOCK];
        for (ptrdiff_t j = 0; j < width; j++) sum[j] = 0.0f;
        for (ptrdiff_t p = 0; p < depth; p++) {
            const float *row = b + p * stride + j0;
            float scale = x[p];
            for (ptrdiff_t j = 0; j < width; j++) sum[j] += scale * row[j];
        }
        for (ptrdiff_t j = 0; j < width; j++)
            y[j0 + j] = accumulate ? y[j0 + j] + alpha * sum[j] : alpha * sum[j];
    }
}

void lwk_sgemv_dot(
    LWKKernel kernel, ptrdiff_t count, ptrdiff_t depth, const float *b, ptrdiff_t stride,
    const float *x, float *y, float alpha, int accumulate)
{
#if defined(LWK_X86)
    if (kernel == LWKKernelAVX512) {
        lwk_sgemv_dot_avx512(count, depth, b, stride, x, y, alpha, accumulate);
        return;
    }
#endif
    (void)kernel;
    lwk_sgemv_dot_portable(count, depth, b, stride, x, y, alpha, accumulate);
}

void lwk_sgemv_axpy(
    LWKKernel kernel, ptrdiff_t count, ptrdiff_t depth, const float *b, ptrdiff_t stride,
    const float *x, float *y, float alpha, int accumulate)
{
#if defined(LWK_X86)
    if (kernel == LWKKernelAVX512) {
        lwk_sgemv_axpy_avx512(count, depth, b, stride, x, y, alpha, accumulate);
        return;
    }
#endif
    (void)kernel;
    lwk_sgemv_axpy_portable(count, depth, b, stride, x, y, alpha, accumulate);
}

#if defined(LWK_X86)
#include <immintrin.h>

#define LWK_AVX512 __attribute__((target("avx512f,fma")))

// Lanes 0..<count set.
LWK_AVX512 static inline __mmask16 firstLanes(ptrdiff_t count)
{
    return (__mmask16)((1u << count) - 1u);
}

// Four rows at a time, each with two accumulators over 32-float steps of p (masked tail),
// reduced in a fixed order.
LWK_AVX512 void lwk_sgemv_dot_avx512(
    ptrdiff_t count, ptrdiff_t depth, const float *b, ptrdiff_t stride,
    const float *x, float *y, float alpha, int accumulate)
{
    ptrdiff_t j = 0;
    for (; j < count; j += 4) {
        int rows = count - j < 4 ? (int)(count - j) : 4;
        const float *row[4];
        for (int r = 0; r < 4; r++) row[r] = b + (j + (r < rows ? r : 0)) * stride;
        __m512 even[4], odd[4];
        for (int r = 0; r < 4; r++) even[r] = odd[r] = _mm512_setzero_ps();
        ptrdiff_t p = 0;
        for (; p + 32 <= depth; p += 32) {
            __m512 x0 = _mm512_loadu_ps(x + p), x1 = _mm512_loadu_ps(x + p + 16);
            for (int r = 0; r < 4; r++) {
                even[r] = _mm512_fmadd_ps(_mm512_loadu_ps(row[r] + p), x0, even[r]);
                odd[r] = _mm512_fmadd_ps(_mm512_loadu_ps(row[r] + p + 16), x1, odd[r]);
            }
        }
        if (p + 16 <= depth) {
            __m512 x0 = _mm512_loadu_ps(x + p);
            for (int r = 0; r < 4; r++) even[r] = _mm512_fmadd_ps(_mm512_loadu_ps(row[r] + p), x0, even[r]);
            p += 16;
        }
        if (p < depth) {
            __mmask16 mask = firstLanes(depth - p);
            __m512 x0 = _mm512_maskz_loadu_ps(mask, x + p);
            for (int r = 0; r < 4; r++)
                odd[r] = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(mask, row[r] + p), x0, odd[r]);
        }
        for (int r = 0; r < rows; r++) {
            float sum = _mm512_reduce_add_ps(_mm512_add_ps(even[r], odd[r]));
            y[j + r] = accumulate ? y[j + r] + alpha * sum : alpha * sum;
        }
    }
}

// Blocks of 64 outputs (four zmm accumulators, masked at the end), streaming over p.
LWK_AVX512 void lwk_sgemv_axpy_avx512(
    ptrdiff_t count, ptrdiff_t depth, const float *b, ptrdiff_t stride,
    const float *x, float *y, float alpha, int accumulate)
{
    __m512 scale = _mm512_set1_ps(alpha);
    for (ptrdiff_t j0 = 0; j0 < count; j0 += 64) {
        __mmask16 mask[4];
        for (int v = 0; v < 4; v++) {
            ptrdiff_t left = count - j0 - 16 * v;
            mask[v] = left >= 16 ? (__mmask16)0xFFFF : left > 0 ? firstLanes(left) : (__mmask16)0;
        }
        __m512 sum[4];
        for (int v = 0; v < 4; v++) sum[v] = _mm512_setzero_ps();
        for (ptrdiff_t p = 0; p < depth; p++) {
            const float *row = b + p * stride + j0;
            __m512 xp = _mm512_set1_ps(x[p]);
            for (int v = 0; v < 4; v++)
                sum[v] = _mm512_fmadd_ps(xp, _mm512_maskz_loadu_ps(mask[v], row + 16 * v), sum[v]);
        }
        for (int v = 0; v < 4; v++) {
            __m512 value = _mm512_mul_ps(scale, sum[v]);
            if (accumulate) value = _mm512_add_ps(_mm512_maskz_loadu_ps(mask[v], y + j0 + 16 * v), value);
            _mm512_mask_storeu_ps(y + j0 + 16 * v, mask[v], value);
        }
    }
}
#endif
