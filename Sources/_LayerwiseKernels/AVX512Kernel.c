#include "MicroKernels.h"

#if defined(LWK_X86)
#include <immintrin.h>

#define LWK_AVX512 __attribute__((target("avx512f,fma")))

// 6×64 tile: 24 zmm accumulators; per step 4 loads of B, 6 broadcasts of A, 24 FMAs.
LWK_AVX512 void lwk_micro_kernel_avx512(
    ptrdiff_t depth, const float *packedA, const float *packedB,
    float *c, ptrdiff_t rowStrideC, ptrdiff_t columnStrideC,
    ptrdiff_t rows, ptrdiff_t columns, float alpha, int accumulate)
{
    enum { MR = LWK_AVX512_MR, NR = LWK_AVX512_NR };
    __m512 acc[MR][4];
    for (int i = 0; i < MR; i++)
        for (int v = 0; v < 4; v++) acc[i][v] = _mm512_setzero_ps();
    const float *a = packedA;
    const float *b = packedB;
    for (ptrdiff_t p = 0; p < depth; p++) {
        __m512 b0 = _mm512_loadu_ps(b);
        __m512 b1 = _mm512_loadu_ps(b + 16);
        __m512 b2 = _mm512_loadu_ps(b + 32);
        __m512 b3 = _mm512_loadu_ps(b + 48);
        for (int i = 0; i < MR; i++) {
            __m512 ai = _mm512_set1_ps(a[i]);
            acc[i][0] = _mm512_fmadd_ps(ai, b0, acc[i][0]);
            acc[i][1] = _mm512_fmadd_ps(ai, b1, acc[i][1]);
            acc[i][2] = _mm512_fmadd_ps(ai, b2, acc[i][2]);
            acc[i][3] = _mm512_fmadd_ps(ai, b3, acc[i][3]);
        }
        a += MR;
        b += NR;
    }
    __m512 scale = _mm512_set1_ps(alpha);
    if (alpha != 1.0f) {
        for (int i = 0; i < MR; i++)
            for (int v = 0; v < 4; v++) acc[i][v] = _mm512_mul_ps(scale, acc[i][v]);
    }
    if (rows == MR && columns == NR && columnStrideC == 1) {
        for (int i = 0; i < MR; i++) {
            float *row = c + i * rowStrideC;
            for (int v = 0; v < 4; v++) {
                __m512 value = acc[i][v];
                if (accumulate) value = _mm512_add_ps(_mm512_loadu_ps(row + 16 * v), value);
                _mm512_storeu_ps(row + 16 * v, value);
            }
        }
    } else {
        float tile[MR * NR];
        for (int i = 0; i < MR; i++)
            for (int v = 0; v < 4; v++) _mm512_storeu_ps(tile + i * NR + 16 * v, acc[i][v]);
        lwk_store_tile(tile, NR, c, rowStrideC, columnStrideC, rows, columns, 1.0f, accumulate);
    }
}
#endif
