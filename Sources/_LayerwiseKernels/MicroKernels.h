// Internal declarations shared by the kernel files (not part of the public header).
#ifndef LAYERWISE_MICRO_KERNELS_H
#define LAYERWISE_MICRO_KERNELS_H

#include <stddef.h>

/// The signature every micro-kernel has; see lwk_sgemm_micro_kernel in the public header.
typedef void (*lwk_micro_kernel_fn)(
    ptrdiff_t depth, const float *a, ptrdiff_t aRowStride, ptrdiff_t aDepthStride,
    const float *packedB,
    float *c, ptrdiff_t rowStrideC, ptrdiff_t columnStrideC,
    ptrdiff_t rows, ptrdiff_t columns, float alpha, int accumulate);

#define LWK_PORTABLE_MR 4
#define LWK_PORTABLE_NR 16
void lwk_micro_kernel_portable(
    ptrdiff_t depth, const float *a, ptrdiff_t aRowStride, ptrdiff_t aDepthStride,
    const float *packedB,
    float *c, ptrdiff_t rowStrideC, ptrdiff_t columnStrideC,
    ptrdiff_t rows, ptrdiff_t columns, float alpha, int accumulate);

#if defined(__x86_64__) || defined(_M_X64)
#define LWK_X86 1
#define LWK_AVX2_MR 6
#define LWK_AVX2_NR 16
void lwk_micro_kernel_avx2(
    ptrdiff_t depth, const float *a, ptrdiff_t aRowStride, ptrdiff_t aDepthStride,
    const float *packedB,
    float *c, ptrdiff_t rowStrideC, ptrdiff_t columnStrideC,
    ptrdiff_t rows, ptrdiff_t columns, float alpha, int accumulate);

#define LWK_AVX512_MR 6
#define LWK_AVX512_NR 64
void lwk_micro_kernel_avx512(
    ptrdiff_t depth, const float *a, ptrdiff_t aRowStride, ptrdiff_t aDepthStride,
    const float *packedB,
    float *c, ptrdiff_t rowStrideC, ptrdiff_t columnStrideC,
    ptrdiff_t rows, ptrdiff_t columns, float alpha, int accumulate);
#endif

#if defined(__aarch64__)
#define LWK_NEON_MR 4
#define LWK_NEON_NR 16
void lwk_micro_kernel_neon(
    ptrdiff_t depth, const float *a, ptrdiff_t aRowStride, ptrdiff_t aDepthStride,
    const float *packedB,
    float *c, ptrdiff_t rowStrideC, ptrdiff_t columnStrideC,
    ptrdiff_t rows, ptrdiff_t columns, float alpha, int accumulate);
#endif

#if defined(LWK_X86)
/// Transposing B-packing with AVX-512 (panelColumns a multiple of 16, B's columns contiguous).
void lwk_pack_b_transposed_avx512(
    ptrdiff_t panelColumns, ptrdiff_t depth, ptrdiff_t columns,
    const float *b, ptrdiff_t columnStride, float *packed);
#endif

/// Matrix-vector kernels (see lwk_sgemv_dot and lwk_sgemv_axpy in the public header).
void lwk_sgemv_dot_portable(
    ptrdiff_t count, ptrdiff_t depth, const float *b, ptrdiff_t stride,
    const float *x, float *y, float alpha, int accumulate);
void lwk_sgemv_axpy_portable(
    ptrdiff_t count, ptrdiff_t depth, const float *b, ptrdiff_t stride,
    const float *x, float *y, float alpha, int accumulate);
#if defined(LWK_X86)
void lwk_sgemv_dot_avx512(
    ptrdiff_t count, ptrdiff_t depth, const float *b, ptrdiff_t stride,
    const float *x, float *y, float alpha, int accumulate);
void lwk_sgemv_axpy_avx512(
    ptrdiff_t count, ptrdiff_t depth, const float *b, ptrdiff_t stride,
    const float *x, float *y, float alpha, int accumulate);
#endif

/// Adds (or stores) the top-left rows×columns part of an MR×NR tile held row-major in
/// `tile` into C, scaling by alpha: the edge-tile and strided-C path of every kernel.
/// Walks C along whichever of its axes is contiguous.
static inline void lwk_store_tile(
    const float *tile, ptrdiff_t tileColumns, float *c, ptrdiff_t rowStrideC,
    ptrdiff_t columnStrideC, ptrdiff_t rows, ptrdiff_t columns, float alpha, int accumulate)
{
    if (rowStrideC == 1 && columnStrideC != 1) {
        for (ptrdiff_t j = 0; j < columns; j++) {
            float *target = c + j * columnStrideC;
            if (accumulate) {
                for (ptrdiff_t i = 0; i < rows; i++) target[i] += alpha * tile[i * tileColumns + j];
            } else {
                for (ptrdiff_t i = 0; i < rows; i++) target[i] = alpha * tile[i * tileColumns + j];
            }
        }
    } else {
        for (ptrdiff_t i = 0; i < rows; i++) {
            float *target = c + i * rowStrideC;
            const float *source = tile + i * tileColumns;
            if (accumulate) {
                for (ptrdiff_t j = 0; j < columns; j++) target[j * columnStrideC] += alpha * source[j];
            } else {
                for (ptrdiff_t j = 0; j < columns; j++) target[j * columnStrideC] = alpha * source[j];
            }
        }
    }
}

#endif
