#include "MicroKernels.h"

#if defined(LWK_X86)
#include <immintrin.h>

#define LWK_AVX2 __attribute__((target("avx2,fma")))

// 6×16 tile: 12 ymm accumulators; per step 2 loads of B, 6 broadcasts of A, 12 FMAs.
LWK_AVX2 void lwk_micro_kernel_avx2(
    ptrdiff_t depth, const float *a, ptrdiff_t aRowStride, ptrdiff_t aDepthStride,
    const float *packedB,
    float *c, ptrdiff_t rowStrideC, ptrdiff_t columnStrideC,
    ptrdiff_t rows, ptrdiff_t columns, float alpha, int accumulate)
{
    enum { MR = LWK_AVX2_MR, NR = LWK_AVX2_NR };
    __m256 acc[MR][2];
    for (int i = 0; i < MR; i++) {
        acc[i][0] = _mm256_setzero_ps();
        acc[i][1] = _mm256_setzero_ps();
    }
    const float *row[MR];
    for (int i = 0; i < MR; i++) row[i] = a + i * aRowStride;
    const float *b = packedB;
    ptrdiff_t offset = 0;
    for (ptrdiff_t p = 0; p < depth; p++) {
        __m256 b0 = _mm256_loadu_ps(b);
        __m256 b1 = _mm256_loadu_ps(b + 8);
        for (int i = 0; i < MR; i++) {
            __m256 ai = _mm256_broadcast_ss(row[i] + offset);
            acc[i][0] = _mm256_fmadd_ps(ai, b0, acc[i][0]);
            acc[i][1] = _mm256_fmadd_ps(ai, b1, acc[i][1]);
        }
        offset += aDepthStride;
        b += NR;
    }
    if (alpha != 1.0f) {
        __m256 scale = _mm256_set1_ps(alpha);
        for (int i = 0; i < MR; i++) {
            acc[i][0] = _mm256_mul_ps(scale, acc[i][0]);
            acc[i][1] = _mm256_mul_ps(scale, acc[i][1]);
        }
    }
    if (rows == MR && columns == NR && columnStrideC == 1) {
        for (int i = 0; i < MR; i++) {
            float *target = c + i * rowStrideC;
            for (int v = 0; v < 2; v++) {
                __m256 value = acc[i][v];
                if (accumulate) value = _mm256_add_ps(_mm256_loadu_ps(target + 8 * v), value);
                _mm256_storeu_ps(target + 8 * v, value);
            }
        }
    } else {
        float tile[MR * NR];
        for (int i = 0; i < MR; i++) {
            _mm256_storeu_ps(tile + i * NR, acc[i][0]);
            _mm256_storeu_ps(tile + i * NR + 8, acc[i][1]);
        }
        lwk_store_tile(tile, NR, c, rowStrideC, columnStrideC, rows, columns, 1.0f, accumulate);
    }
}
#endif
