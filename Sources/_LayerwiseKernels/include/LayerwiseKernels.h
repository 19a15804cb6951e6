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

/// Computes the MR×NR product of an MR×depth micro-panel of A and a packed depth×NR
/// micro-panel of B and stores its top-left `rows`×`columns` part into C:
///   C[i, j] = (accumulate ? C[i, j] : 0) + alpha · Σ_p A[i, p] · B[p, j],
/// where A[i, p] is a[i·aRowStride + p·aDepthStride] and C[i, j] is
/// c[i·rowStrideC + j·columnStrideC]. The sum runs over p = 0..<depth in increasing order,
/// one fused multiply-add per term (plain multiply-add for the portable kernel), starting
/// from zero. All MR rows of A are read (pad them), only `rows`×`columns` of C are touched;
/// with `accumulate == 0`, C is not read.
///
/// `packedB` holds `depth` groups of NR values (row p of the panel: columns 0..<NR).
void lwk_sgemm_micro_kernel(
    LWKKernel kernel, ptrdiff_t depth,
    const float *a, ptrdiff_t aRowStride, ptrdiff_t aDepthStride, const float *packedB,
    float *c, ptrdiff_t rowStrideC, ptrdiff_t columnStrideC,
    ptrdiff_t rows, ptrdiff_t columns, float alpha, int accumulate);

/// Packs the `rows`×`depth` block of A (element (i, p) at a[i·rowStride + p·columnStride])
/// into micro-panels of `panelRows` rows, panel r at packed[r·panelRows·depth], rows past
/// `rows` set to zero. With `rowsContiguous` a panel holds its rows one after the other
/// (element (i, p) at i·depth + p: a copy when A's rows are contiguous); otherwise it holds
/// `depth` groups of `panelRows` values (element (i, p) at p·panelRows + i: a copy when A's
/// columns are contiguous). `packed` must hold ceil(rows / panelRows) · panelRows · depth
/// floats.
void lwk_sgemm_pack_a(
    ptrdiff_t panelRows, ptrdiff_t rows, ptrdiff_t depth,
    const float *a, ptrdiff_t rowStride, ptrdiff_t columnStride, int rowsContiguous,
    float *packed);

/// Packs the `depth`×`columns` block of B (element (p, j) at b[p·rowStride + j·columnStride])
/// into micro-panels of `panelColumns` columns: panel s holds, for p = 0..<depth, the values
/// B[p, s·panelColumns + 0..<panelColumns], with columns past `columns` set to zero. A copy
/// when B's rows are contiguous; a transpose (by 16×16 blocks with AVX-512 when the CPU has
/// it) when its columns are.
/// `packed` must hold ceil(columns / panelColumns) · panelColumns · depth floats.
void lwk_sgemm_pack_b(
    ptrdiff_t panelColumns, ptrdiff_t depth, ptrdiff_t columns,
    const float *b, ptrdiff_t rowStride, ptrdiff_t columnStride, float *packed);

/// Matrix-vector micro-kernel, dot form: for j = 0..<count,
///   y[j] = (accumulate ? y[j] : 0) + alpha · Σ_p b[j·stride + p] · x[p]   (p = 0..<depth).
/// Each y[j] sums its terms in an order that depends only on `depth` and the kernel.
void lwk_sgemv_dot(
    LWKKernel kernel, ptrdiff_t count, ptrdiff_t depth, const float *b, ptrdiff_t stride,
    const float *x, float *y, float alpha, int accumulate);

/// Matrix-vector micro-kernel, axpy form: for j = 0..<count,
///   y[j] = (accumulate ? y[j] : 0) + alpha · Σ_p x[p] · b[p·stride + j]   (p = 0..<depth),
/// the sum running over p in increasing order, one fused multiply-add per term (plain
/// multiply-add for the portable kernel), starting from zero.
void lwk_sgemv_axpy(
    LWKKernel kernel, ptrdiff_t count, ptrdiff_t depth, const float *b, ptrdiff_t stride,
    const float *x, float *y, float alpha, int accumulate);

#ifdef __cplusplus
}
#endif

#endif
