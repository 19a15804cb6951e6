#include "LayerwiseKernels.h"
#include "MicroKernels.h"

// Products with at most 16 columns (a layer with few outputs: 128×128×10) computed without
// packing A and with C's rows stored directly: each row of C is one vector register (its
// first `columns` lanes), each step of the sum one masked load of a row of B and one
// broadcast of A per row of C.

int lwk_narrow_is_available(LWKKernel kernel)
{
#if defined(LWK_X86)
    return kernel == LWKKernelAVX512 && lwk_kernel_is_available(kernel);
#else
    (void)kernel;
    return 0;
#endif
}

#if defined(LWK_X86)
#include <immintrin.h>

enum { NARROW_ROWS = 12 };

// `R` (a constant after inlining) rows of C: R zmm accumulators.
__attribute__((target("avx512f,fma"), always_inline)) static inline void narrowRows(
    const int R, ptrdiff_t depth, const float *a, ptrdiff_t aRowStride, ptrdiff_t aDepthStride,
    const float *b, ptrdiff_t bRowStride, __mmask16 mask,
    float *c, ptrdiff_t rowStrideC, float alpha, int accumulate)
{
    __m512 acc[NARROW_ROWS];
    for (int i = 0; i < R; i++) acc[i] = _mm512_setzero_ps();
    const float *row[NARROW_ROWS];
    for (int i = 0; i < R; i++) row[i] = a + i * aRowStride;
    ptrdiff_t offset = 0;
    for (ptrdiff_t p = 0; p < depth; p++) {
        __m512 bp = _mm512_maskz_loadu_ps(mask, b);
        for (int i = 0; i < R; i++) acc[i] = _mm512_fmadd_ps(_mm512_set1_ps(row[i][offset]), bp, acc[i]);
        offset += aDepthStride;
        b += bRowStride;
    }
    __m512 scale = _mm512_set1_ps(alpha);
    for (int i = 0; i < R; i++) {
        __m512 value = alpha != 1.0f ? _mm512_mul_ps(scale, acc[i]) : acc[i];
        float *target = c + i * rowStrideC;
        if (accumulate) value = _mm512_add_ps(_mm512_maskz_loadu_ps(mask, target), value);
        _mm512_mask_storeu_ps(target, mask, value);
    }
}

__attribute__((target("avx512f,fma"))) static void narrowAVX512(
    ptrdiff_t rows, ptrdiff_t columns, ptrdiff_t depth,
    const float *a, ptrdiff_t aRowStride, ptrdiff_t aDepthStride, const float *b, ptrdiff_t bRowStride,
    float *c, ptrdiff_t rowStrideC, float alpha, int accumulate)
{
    __mmask16 mask = (__mmask16)(columns >= 16 ? 0xFFFFu : (1u << columns) - 1u);
    ptrdiff_t i = 0;
    for (; i + NARROW_ROWS <= rows; i += NARROW_ROWS)
        narrowRows(NARROW_ROWS, depth, a + i * aRowStride, aRowStride, aDepthStride, b, bRowStride, mask,
            c + i * rowStrideC, rowStrideC, alpha, accumulate);
    const float *restA = a + i * aRowStride;
    float *restC = c + i * rowStrideC;
#define LWK_ROWS(R) narrowRows(R, depth, restA, aRowStride, aDepthStride, b, bRowStride, mask, \
        restC, rowStrideC, alpha, accumulate)
    switch (rows - i) {
    case 1: LWK_ROWS(1); break;
    case 2: LWK_ROWS(2); break;
    case 3: LWK_ROWS(3); break;
    case 4: LWK_ROWS(4); break;
    case 5: LWK_ROWS(5); break;
    case 6: LWK_ROWS(6); break;
    case 7: LWK_ROWS(7); break;
    case 8: LWK_ROWS(8); break;
    case 9: LWK_ROWS(9); break;
    case 10: LWK_ROWS(10); break;
    case 11: LWK_ROWS(11); break;
    default: break;
    }
#undef LWK_ROWS
}
#endif

void lwk_sgemm_narrow(
    LWKKernel kernel, ptrdiff_t rows, ptrdiff_t columns, ptrdiff_t depth,
    const float *a, ptrdiff_t aRowStride, ptrdiff_t aDepthStride, const float *b, ptrdiff_t bRowStride,
    float *c, ptrdiff_t rowStrideC, float alpha, int accumulate)
{
#if defined(LWK_X86)
    if (kernel == LWKKernelAVX512) {
        narrowAVX512(rows, columns, depth, a, aRowStride, aDepthStride, b, bRowStride, c, rowStrideC, alpha, accumulate);
        return;
    }
#endif
    (void)kernel; (void)rows; (void)columns; (void)depth; (void)a; (void)aRowStride; (void)aDepthStride;
    (void)b; (void)bRowStride; (void)c; (void)rowStrideC; (void)alpha; (void)accumulate;
}
