// Internal declarations shared by the kernel files (not part of the public header).
#ifndef LAYERWISE_MICRO_KERNELS_H
#define LAYERWISE_MICRO_KERNELS_H

#include <stddef.h>

/// The signature every micro-kernel has; see lwk_sgemm_micro_kernel in the public header.
typedef void (*lwk_micro_kernel_fn)(
    ptrdiff_t depth, const float *packedA, const float *packedB,
    float *c, ptrdiff_t rowStrideC, ptrdiff_t columnStrideC,
    ptrdiff_t rows, ptrdiff_t columns, float alpha, int accumulate);

#define LWK_PORTABLE_MR 4
#define LWK_PORTABLE_NR 16
void lwk_micro_kernel_portable(
    ptrdiff_t depth, const float *packedA, const float *packedB,
    float *c, ptrdiff_t rowStrideC, ptrdiff_t columnStrideC,
    ptrdiff_t rows, ptrdiff_t columns, float alpha, int accumulate);

#if defined(__x86_64__) || defined(_M_X64)
#define LWK_X86 1
#define LWK_AVX2_MR 6
#define LWK_AVX2_NR 16
void lwk_micro_kernel_avx2(
    ptrdiff_t depth, const float *packedA, const float *packedB,
    float *c, ptrdiff_t rowStrideC, ptrdiff_t columnStrideC,
    ptrdiff_t rows, ptrdiff_t columns, float alpha, int accumulate);

#define LWK_AVX512_MR 6
#define LWK_AVX512_NR 64
void lwk_micro_kernel_avx512(
    ptrdiff_t depth, const float *packedA, const float *packedB,
    float *c, ptrdiff_t rowStrideC, ptrdiff_t columnStrideC,
    ptrdiff_t rows, ptrdiff_t columns, float alpha, int accumulate);
#endif

#if defined(__aarch64__)
#define LWK_NEON_MR 4
#define LWK_NEON_NR 16
void lwk_micro_kernel_neon(
    ptrdiff_t depth, const float *packedA, const float *packedB,
    float *c, ptrdiff_t rowStrideC, ptrdiff_t columnStrideC,
    ptrdiff_t rows, ptrdiff_t columns, float alpha, int accumulate);
#endif

/// Adds (or stores) the top-left rows×columns part of an MR×NR tile held row-major in
/// `tile` into C, scaling by alpha: the edge-tile and strided-C path of every kernel.
static inline void lwk_store_tile(
    const float *tile, ptrdiff_t tileColumns, float *c, ptrdiff_t rowStrideC,
    ptrdiff_t columnStrideC, ptrdiff_t rows, ptrdiff_t columns, float alpha, int accumulate)
{
    for (ptrdiff_t i = 0; i < rows; i++) {
        for (ptrdiff_t j = 0; j < columns; j++) {
            float value = tile[i * tileColumns + j];
            if (alpha != 1.0f) value = alpha * value;
            float *target = c + i * rowStrideC + j * columnStrideC;
            *target = accumulate ? *target + value : value;
        }
    }
}

#endif
