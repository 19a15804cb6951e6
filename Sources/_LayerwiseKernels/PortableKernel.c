#include "MicroKernels.h"

// The portable micro-kernel: plain C that any compiler vectorizes for its baseline target.
void lwk_micro_kernel_portable(
    ptrdiff_t depth, const float *a, ptrdiff_t aRowStride, ptrdiff_t aDepthStride,
    const float *packedB,
    float *c, ptrdiff_t rowStrideC, ptrdiff_t columnStrideC,
    ptrdiff_t rows, ptrdiff_t columns, float alpha, int accumulate)
{
    enum { MR = LWK_PORTABLE_MR, NR = LWK_PORTABLE_NR };
    float tile[MR * NR];
    for (int t = 0; t < MR * NR; t++) tile[t] = 0.0f;
    for (ptrdiff_t p = 0; p < depth; p++) {
        const float *column = a + p * aDepthStride;
        const float *b = packedB + p * NR;
        for (int i = 0; i < MR; i++) {
            float ai = column[i * aRowStride];
            for (int j = 0; j < NR; j++) tile[i * NR + j] += ai * b[j];
        }
    }
    lwk_store_tile(tile, NR, c, rowStrideC, columnStrideC, rows, columns, alpha, accumulate);
}
