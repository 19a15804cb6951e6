// Single-precision GEMM micro-kernels and their packing routines for Layerwise.
//
// Everything else (cache blocking, transposes, threading) is Swift, in
// Sources/Layerwise/Kernels. Kernels for wide vector units carry
// __attribute__((target(...))) and are chosen at run time, so the package builds with
// default flags and still runs on machines without those units.
#ifndef LAYERWISE_KERNELS_H
#define LAYERWISE_KERNELS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The micro-kernels, in increasing order of preference on x86-64.
typedef enum {
    /// Plain C, any CPU.
    LWKKernelPortable = 0,
    /// x86-64 with AVX2 and FMA.
    LWKKernelAVX2 = 1,
    /// x86-64 with AVX-512F (and FMA).
    LWKKernelAVX512 = 2,
    /// arm64 Advanced SIMD.
    LWKKernelNEON = 3,
} LWKKernel;

/// Whether `kernel` can run on this CPU (and was compiled into this build).
int lwk_kernel_is_available(LWKKernel kernel);

/// Rows of C that one call of `kernel`'s micro-kernel computes (MR).
ptrdiff_t lwk_kernel_rows(LWKKernel kernel);

/// Columns of C that one call of `kernel`'s micro-kernel computes (NR).
ptrdiff_t lwk_kernel_columns(LWKKernel kernel);

/// Computes the MR×NR product of one packed A micro-panel and one packed B micro-panel and
/// stores its top-left `rows`×`columns` part into C:
///   C[i, j] = (accumulate ? C[i, j] : 0) + alpha · Σ_p A[i, p] · B[p, j],
/// where C[i, j] is c[i·rowStrideC + j·columnStrideC]. The sum runs over p = 0..<depth in
/// increasing order, one fused multiply-add per term (plain multiply-add for the portable
/// kernel), starting from zero. With `accumulate == 0`, C is not read.
///
/// `packedA` holds `depth` groups of MR values (column p of the panel: rows 0..<MR);
/// `packedB` holds `depth` groups of NR values (row p of the panel: columns 0..<NR).
void lwk_sgemm_micro_kernel(
    LWKKernel kernel, ptrdiff_t depth, const float *packedA, const float *packedB,
    float *c, ptrdiff_t rowStrideC, ptrdiff_t columnStrideC,
    ptrdiff_t rows, ptrdiff_t columns, float alpha, int accumulate);

/// Packs the `rows`×`depth` block of A (element (i, p) at a[i·rowStride + p·columnStride])
/// into micro-panels of `panelRows` rows: panel r holds, for p = 0..<depth, the values
/// A[r·panelRows + 0..<panelRows, p], with rows past `rows` set to zero.
/// `packed` must hold ceil(rows / panelRows) · panelRows · depth floats.
void lwk_sgemm_pack_a(
    ptrdiff_t panelRows, ptrdiff_t rows, ptrdiff_t depth,
    const float *a, ptrdiff_t rowStride, ptrdiff_t columnStride, float *packed);

/// Packs the `depth`×`columns` block of B (element (p, j) at b[p·rowStride + j·columnStride])
/// into micro-panels of `panelColumns` columns: panel s holds, for p = 0..<depth, the values
/// B[p, s·panelColumns + 0..<panelColumns], with columns past `columns` set to zero.
/// `packed` must hold ceil(columns / panelColumns) · panelColumns · depth floats.
void lwk_sgemm_pack_b(
    ptrdiff_t panelColumns, ptrdiff_t depth, ptrdiff_t columns,
    const float *b, ptrdiff_t rowStride, ptrdiff_t columnStride, float *packed);

#ifdef __cplusplus
}
#endif

#endif
