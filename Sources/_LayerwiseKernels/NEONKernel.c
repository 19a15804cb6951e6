#include "MicroKernels.h"

#if defined(__aarch64__)
#include <arm_neon.h>

// 4×16 tile: 16 q-register accumulators; per step 4 loads of B, 16 FMAs by scalar.
void lwk_micro_kernel_neon(
    ptrdiff_t depth, const float *a, ptrdiff_t aRowStride, ptrdiff_t aDepthStride,
    const float *packedB,
    float *c, ptrdiff_t rowStrideC, ptrdiff_t columnStrideC,
    ptrdiff_t rows, ptrdiff_t columns, float alpha, int accumulate)
{
    enum { MR = LWK_NEON_MR, NR = LWK_NEON_NR };
    float32x4_t acc[MR][4];
    for (int i = 0; i < MR; i++)
        for (int v = 0; v < 4; v++) acc[i][v] = vdupq_n_f32(0.0f);
    const float *b = packedB;
    for (ptrdiff_t p = 0; p < depth; p++) {
        const float *column = a + p * aDepthStride;
        float32x4_t b0 = vld1q_f32(b);
        float32x4_t b1 = vld1q_f32(b + 4);
        float32x4_t b2 = vld1q_f32(b + 8);
        float32x4_t b3 = vld1q_f32(b + 12);
        for (int i = 0; i < MR; i++) {
            float ai = column[i * aRowStride];
            acc[i][0] = vfmaq_n_f32(acc[i][0], b0, ai);
            acc[i][1] = vfmaq_n_f32(acc[i][1], b1, ai);
            acc[i][2] = vfmaq_n_f32(acc[i][2], b2, ai);
            acc[i][3] = vfmaq_n_f32(acc[i][3], b3, ai);
        }
        b += NR;
    }
    float tile[MR * NR];
    for (int i = 0; i < MR; i++)
        for (int v = 0; v < 4; v++) vst1q_f32(tile + i * NR + 4 * v, acc[i][v]);
    lwk_store_tile(tile, NR, c, rowStrideC, columnStrideC, rows, columns, alpha, accumulate);
}
#endif
