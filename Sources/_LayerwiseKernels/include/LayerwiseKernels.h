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

/// Computes the MR×NR product of an MR×depth micro-panel of A and a depth×NR micro-panel of B
/// and stores its top-left `rows`×`columns` part into C:
///   C[i, j] = (accumulate ? C[i, j] : 0) + alpha · Σ_p A[i, p] · B[p, j],
/// where A[i, p] is a[i·aRowStride + p·aDepthStride], B[p, j] is panelB[p·bRowStride + j]
/// (a packed panel has bRowStride = NR; a panel read in place, the row stride of B) and
/// C[i, j] is c[i·rowStrideC + j·columnStrideC]. The sum runs over p = 0..<depth in
/// increasing order, one fused multiply-add per term (plain multiply-add for the portable
/// kernel), starting from zero. All MR rows of A and all NR columns of B may be read (pad
/// them); only `rows`×`columns` of C are touched, and rows of the tile past `rows` may be
/// left uncomputed. With `accumulate == 0`, C is not read.
void lwk_sgemm_micro_kernel(
    LWKKernel kernel, ptrdiff_t depth,
    const float *a, ptrdiff_t aRowStride, ptrdiff_t aDepthStride, const float *panelB, ptrdiff_t bRowStride,
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

/// Whether `lwk_sgemm_narrow` has a kernel for `kernel` on this CPU (AVX-512 only).
int lwk_narrow_is_available(LWKKernel kernel);

/// The product of a matrix with at most 16 columns of C, without packing A:
///   C[i, j] = (accumulate ? C[i, j] : 0) + alpha · Σ_p A[i, p] · B[p, j]
/// for i < rows, j < columns ≤ 16, where A[i, p] is a[i·aRowStride + p·aDepthStride], B[p, j]
/// is b[p·bRowStride + j] (B's rows contiguous; only `columns` of each are read) and C[i, j]
/// is c[i·rowStrideC + j]. Each sum runs over p = 0..<depth in increasing order, one fused
/// multiply-add per term, starting from zero; then it is scaled by alpha (when alpha ≠ 1) and
/// added to C (when accumulating), like the micro-kernel's. Rows are independent: any split
/// of the rows gives the same result. Does nothing when `lwk_narrow_is_available(kernel)` is 0.
void lwk_sgemm_narrow(
    LWKKernel kernel, ptrdiff_t rows, ptrdiff_t columns, ptrdiff_t depth,
    const float *a, ptrdiff_t aRowStride, ptrdiff_t aDepthStride, const float *b, ptrdiff_t bRowStride,
    float *c, ptrdiff_t rowStrideC, float alpha, int accumulate);

/// The step-level constants of one Adam update (see Layerwise's `Adam`).
typedef struct {
    /// γ/(1 − β₁ᵗ).
    float stepSize;
    /// √(1 − β₂ᵗ).
    float biasCorrection2Root;
    float beta1, oneMinusBeta1;
    float beta2, oneMinusBeta2;
    float epsilon;
    /// λ, the coupled L2 penalty (0 for none).
    float l2Penalty;
} LWKAdamConstants;

/// Whether `lwk_adam_update` has a vector kernel for `kernel` on this CPU (AVX-512 or AVX2;
/// elsewhere Layerwise runs its Swift loop).
int lwk_adam_is_available(LWKKernel kernel);

/// One Adam update of `count` elements, in one pass: for each i,
///   g ← gradient[i] + λ·θ[i] (if λ ≠ 0);  m[i] ← β₁·m[i] + (1 − β₁)·g;
///   v[i] ← β₂·v[i] + ((1 − β₂)·g)·g;  s ← v[i], or with `vMax` (AMSGrad)
///   vMax[i] ← (v[i] ≥ vMax[i] ? v[i] : vMax[i]) and s ← vMax[i];
///   θ[i] ← θ[i] + (−stepSize)·(m[i] / (√s / biasCorrection2Root + ε)),
/// each operation rounded separately (no fused multiply-add), so every element's result is
/// the same to the bit whatever the kernel, the split of the buffer, or the vector width.
/// `vMax` is NULL without AMSGrad. Does nothing when `lwk_adam_is_available(kernel)` is 0.
void lwk_adam_update(
    LWKKernel kernel, ptrdiff_t count, float *theta, const float *gradient, float *m, float *v,
    float *vMax, const LWKAdamConstants *constants);

/// The elementary functions of `lwk_map` (VectorMath.h: Cephes polynomials, straight-line
/// code that vectorizes; errors in Docs/Performance.md).
typedef enum {
    LWKFunctionExp = 0,
    LWKFunctionLog = 1,
    LWKFunctionLog1p = 2,
    LWKFunctionExpm1 = 3,
    LWKFunctionTanh = 4,
    LWKFunctionSigmoid = 5,
    LWKFunctionErf = 6,
} LWKFunction;

/// y[i] = function(x[i]) for i < count, with `kernel`'s vector width (any kernel; one that is
/// not available on this CPU must not be passed). x and y must not overlap unless equal.
void lwk_map(LWKKernel kernel, LWKFunction function, ptrdiff_t count, const float *x, float *y);

/// The element-wise activations with a float kernel (Layerwise's `Activation` layers).
typedef enum {
    LWKActivationSigmoid = 0,
    LWKActivationTanh = 1,
    LWKActivationSiLU = 2,
    LWKActivationGELU = 3,
    LWKActivationGELUTanh = 4,
    /// Uses beta and threshold.
    LWKActivationSoftplus = 5,
    LWKActivationMish = 6,
    /// scale·x for x > 0, scale·α·(eˣ − 1) else: ELU (scale 1) and SELU.
    LWKActivationELU = 7,
    /// Uses alpha as the negative slope.
    LWKActivationLeakyReLU = 8,
    /// Uses minimum and maximum.
    LWKActivationHardtanh = 9,
    LWKActivationSoftsign = 10,
} LWKActivation;

/// The hyperparameters an activation uses (the others are ignored).
typedef struct {
    float alpha;
    float scale;
    float beta;
    float threshold;
    float minimum;
    float maximum;
} LWKActivationParameters;

/// y[i] = f(x[i]) for i < count (the formulas of Layerwise's activation of the same name).
void lwk_activation_forward(
    LWKKernel kernel, LWKActivation function, const LWKActivationParameters *parameters, ptrdiff_t count,
    const float *x, float *y);

/// gradInput[i] = gradOutput[i] · f′(x[i]) for i < count, f′ from the input x and the output y
/// of the forward pass (Sigmoid and Tanh use y, the others x).
void lwk_activation_backward(
    LWKKernel kernel, LWKActivation function, const LWKActivationParameters *parameters, ptrdiff_t count,
    const float *x, const float *y, const float *gradOutput, float *gradInput);

/// y[i] = e^(x[i] − shift) for i < count; returns Σ y[i], summed in 16 interleaved partial sums
/// combined in a fixed order (softmax's normalizer).
float lwk_exp_shifted_sum(LWKKernel kernel, ptrdiff_t count, const float *x, float shift, float *y);

/// maxᵢ x[i] for count ≥ 1, comparing with `>` from x[0] (so a NaN is skipped unless it is x[0]).
float lwk_maximum(LWKKernel kernel, ptrdiff_t count, const float *x);

/// The element-wise losses with a float kernel (Layerwise's losses of the same names).
typedef enum {
    /// (x − y)², derivative 2(x − y).
    LWKLossSquaredError = 0,
    /// |x − y|, derivative sign(x − y) (0 at 0 and for NaN, as PyTorch's).
    LWKLossAbsoluteError = 1,
    /// Huber with `delta`.
    LWKLossHuber = 2,
    /// Binary cross-entropy on logits, with optional per-class positive weights.
    LWKLossBinaryCrossEntropyWithLogits = 3,
} LWKLoss;

/// The hyperparameters a loss uses (the others are ignored).
typedef struct {
    float delta;
    /// NULL, or `classCount` weights: element i uses positiveWeights[i % classCount].
    const float *positiveWeights;
    ptrdiff_t classCount;
} LWKLossParameters;

/// Writes gradient[i] = ∂ℓ(prediction[i], target[i])/∂prediction[i] · gradientScale and returns
/// Σᵢ ℓ(prediction[i], target[i]), summed in double in a fixed order for a given count.
double lwk_elementwise_loss(
    LWKKernel kernel, LWKLoss loss, const LWKLossParameters *parameters, ptrdiff_t count,
    const float *prediction, const float *target, float gradientScale, float *gradient);

/// The optimizers with a float update kernel (Adam and AdamW have `lwk_adam_update`).
typedef enum {
    /// c: γ, μ, 1 − τ; state a: momentum buffer (with LWKOptimizerMomentum).
    LWKOptimizerSGD = 0,
    /// c: γ/(1 + (t − 1)·decay), ε; state a: sum of squares.
    LWKOptimizerAdagrad = 1,
    /// c: γ, α, 1 − α, ε, μ; state a: square average, b: momentum buffer, c: gradient average.
    LWKOptimizerRMSprop = 2,
    /// c: γ, ρ, 1 − ρ, ε; state a: square average, b: accumulated delta.
    LWKOptimizerAdadelta = 3,
    /// c: gradient step, momentum step, 1 − β₂ᵗ, β₁, 1 − β₁, β₂, 1 − β₂, ε; state a: m, b: v.
    LWKOptimizerNAdam = 4,
    /// c: γ, 1 − β₁ᵗ, √(1 − β₂ᵗ), r, β₁, 1 − β₁, β₂, 1 − β₂, ε; state a: m, b: v.
    LWKOptimizerRAdam = 5,
    /// c: γ/(1 − β₁ᵗ), β₁, 1 − β₁, β₂, ε; state a: m, b: u.
    LWKOptimizerAdamax = 6,
} LWKOptimizer;

/// Options of an optimizer update (bits of LWKOptimizerConstants.flags).
enum {
    LWKOptimizerDecays = 1,
    LWKOptimizerMomentum = 2,
    LWKOptimizerNesterov = 4,
    LWKOptimizerFirstStep = 8,
    LWKOptimizerCentered = 16,
    LWKOptimizerRectified = 32,
};

/// The step-level constants of an update: `c` as listed for each LWKOptimizer, the coupled
/// weight decay λ (used with LWKOptimizerDecays) and the option bits.
typedef struct {
    float c[12];
    float weightDecay;
    int flags;
} LWKOptimizerConstants;

/// One update of `count` elements of a parameter: the formulas of Layerwise's optimizer of the
/// same name, with the state buffers its entry lists (the others may be NULL). Each element is
/// independent, so any split of the buffer gives the same result.
void lwk_optimizer_update(
    LWKKernel kernel, LWKOptimizer optimizer, const LWKOptimizerConstants *constants, ptrdiff_t count,
    float *value, const float *gradient, float *first, float *second, float *third);

#ifdef __cplusplus
}
#endif

#endif
