#include "MicroKernels.h"

#if defined(LWK_X86)
#include <immintrin.h>

#define LWK_AVX512 __attribute__((target("avx512f,fma")))

// 6×64 tile: 24 zmm accumulators; per step 4 loads of B, 6 broadcasts of A, 24 FMAs.
LWK_AVX512 void lwk_micro_kernel_avx512(
    ptrdiff_t depth, const float *a, ptrdiff_t aRowStride, ptrdiff_t aDepthStride,
    const float *packedB,
    float *c, ptrdiff_t rowStrideC, ptrdiff_t columnStrideC,
    ptrdiff_t rows, ptrdiff_t columns, float alpha, int accumulate)
{
    enum { MR = LWK_AVX512_MR, NR = LWK_AVX512_NR };
    __m512 acc[MR][4];
    for (int i = 0; i < MR; i++)
        for (int v = 0; v < 4; v++) acc[i][v] = _mm512_setzero_ps();
    const float *row[MR];
    for (int i = 0; i < MR; i++) row[i] = a + i * aRowStride;
    const float *b = packedB;
    ptrdiff_t offset = 0;
    for (ptrdiff_t p = 0; p < depth; p++) {
        __m512 b0 = _mm512_loadu_ps(b);
        __m512 b1 = _mm512_loadu_ps(b + 16);
        __m512 b2 = _mm512_loadu_ps(b + 32);
        __m512 b3 = _mm512_loadu_ps(b + 48);
        for (int i = 0; i < MR; i++) {
            __m512 ai = _mm512_set1_ps(row[i][offset]);
            acc[i][0] = _mm512_fmadd_ps(ai, b0, acc[i][0]);
            acc[i][1] = _mm512_fmadd_ps(ai, b1, acc[i][1]);
            acc[i][2] = _mm512_fmadd_ps(ai, b2, acc[i][2]);
            acc[i][3] = _mm512_fmadd_ps(ai, b3, acc[i][3]);
        }
        offset += aDepthStride;
        b += NR;
    }
    if (alpha != 1.0f) {
        __m512 scale = _mm512_set1_ps(alpha);
        for (int i = 0; i < MR; i++)
            for (int v = 0; v < 4; v++) acc[i][v] = _mm512_mul_ps(scale, acc[i][v]);
    }
    if (rows == MR && columns == NR && columnStrideC == 1) {
        for (int i = 0; i < MR; i++) {
            float *target = c + i * rowStrideC;
            for (int v = 0; v < 4; v++) {
                __m512 value = acc[i][v];
                if (accumulate) value = _mm512_add_ps(_mm512_loadu_ps(target + 16 * v), value);
                _mm512_storeu_ps(target + 16 * v, value);
            }
        }
    } else {
        float tile[MR * NR];
        for (int i = 0; i < MR; i++)
            for (int v = 0; v < 4; v++) _mm512_storeu_ps(tile + i * NR + 16 * v, acc[i][v]);
        lwk_store_tile(tile, NR, c, rowStrideC, columnStrideC, rows, columns, 1.0f, accumulate);
    }
}

// Transposes 16 vectors in place: afterwards r[s] holds element s of every input vector.
LWK_AVX512 static inline void transpose16(__m512 r[16])
{
    __m512 t[16];
    for (int i = 0; i < 16; i += 2) {
        t[i] = _mm512_unpacklo_ps(r[i], r[i + 1]);
        t[i + 1] = _mm512_unpackhi_ps(r[i], r[i + 1]);
    }
    for (int i = 0; i < 16; i += 4) {
        r[i] = _mm512_castpd_ps(_mm512_unpacklo_pd(_mm512_castps_pd(t[i]), _mm512_castps_pd(t[i + 2])));
        r[i + 1] = _mm512_castpd_ps(_mm512_unpackhi_pd(_mm512_castps_pd(t[i]), _mm512_castps_pd(t[i + 2])));
        r[i + 2] = _mm512_castpd_ps(_mm512_unpacklo_pd(_mm512_castps_pd(t[i + 1]), _mm512_castps_pd(t[i + 3])));
        r[i + 3] = _mm512_castpd_ps(_mm512_unpackhi_pd(_mm512_castps_pd(t[i + 1]), _mm512_castps_pd(t[i + 3])));
    }
    // r[4q + e] now holds, in each 128-bit lane L, elements e of inputs 4q..4q+3 from lane L.
    for (int q = 0; q < 2; q++) {
        for (int e = 0; e < 4; e++) {
            __m512 x = r[8 * q + e], y = r[8 * q + 4 + e];
            t[8 * q + e] = _mm512_shuffle_f32x4(x, y, 0x88);      // lanes 0, 2 of x; 0, 2 of y
            t[8 * q + 4 + e] = _mm512_shuffle_f32x4(x, y, 0xDD);  // lanes 1, 3 of x; 1, 3 of y
        }
    }
    for (int e = 0; e < 8; e++) {
        r[e] = _mm512_shuffle_f32x4(t[e], t[8 + e], 0x88);
        r[8 + e] = _mm512_shuffle_f32x4(t[e], t[8 + e], 0xDD);
    }
}

LWK_AVX512 void lwk_pack_b_transposed_avx512(
    ptrdiff_t panelColumns, ptrdiff_t depth, ptrdiff_t columns,
    const float *b, ptrdiff_t columnStride, float *packed)
{
    for (ptrdiff_t j0 = 0; j0 < columns; j0 += panelColumns) {
        ptrdiff_t valid = columns - j0 < panelColumns ? columns - j0 : panelColumns;
        ptrdiff_t fullGroups = valid / 16;
        ptrdiff_t p0 = 0;
        for (; p0 + 16 <= depth; p0 += 16) {
            for (ptrdiff_t g = 0; g < fullGroups; g++) {
                __m512 r[16];
                const float *source = b + (j0 + 16 * g) * columnStride + p0;
                for (int s = 0; s < 16; s++) r[s] = _mm512_loadu_ps(source + s * columnStride);
                transpose16(r);
                float *target = packed + p0 * panelColumns + 16 * g;
                for (int s = 0; s < 16; s++) _mm512_storeu_ps(target + s * panelColumns, r[s]);
            }
        }
        // Leftover columns of the panel (all steps), then leftover steps (all columns).
        for (ptrdiff_t j = 16 * fullGroups; j < panelColumns; j++) {
            const float *source = b + (j0 + j) * columnStride;
            for (ptrdiff_t p = 0; p < p0; p++)
                packed[p * panelColumns + j] = j < valid ? source[p] : 0.0f;
        }
        for (ptrdiff_t p = p0; p < depth; p++) {
            for (ptrdiff_t j = 0; j < panelColumns; j++)
                packed[p * panelColumns + j] = j < valid ? b[(j0 + j) * columnStride + p] : 0.0f;
        }
        packed += panelColumns * depth;
    }
}
#endif
