#include "LayerwiseKernels.h"
#include "MicroKernels.h"

int lwk_kernel_is_available(LWKKernel kernel)
{
    switch (kernel) {
    case LWKKernelPortable:
        return 1;
#if defined(LWK_X86) && (defined(__clang__) || defined(__GNUC__))
    case LWKKernelAVX2:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case LWKKernelAVX512:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma");
#endif
#if defined(__aarch64__)
    case LWKKernelNEON:
        return 1;
#endif
    default:
        return 0;
    }
}

ptrdiff_t lwk_kernel_rows(LWKKernel kernel)
{
    switch (kernel) {
#if defined(LWK_X86)
    case LWKKernelAVX2: return LWK_AVX2_MR;
    case LWKKernelAVX512: return LWK_AVX512_MR;
#endif
#if defined(__aarch64__)
    case LWKKernelNEON: return LWK_NEON_MR;
#endif
    default: return LWK_PORTABLE_MR;
    }
}

ptrdiff_t lwk_kernel_columns(LWKKernel kernel)
{
    switch (kernel) {
#if defined(LWK_X86)
    case LWKKernelAVX2: return LWK_AVX2_NR;
    case LWKKernelAVX512: return LWK_AVX512_NR;
#endif
#if defined(__aarch64__)
    case LWKKernelNEON: return LWK_NEON_NR;
#endif
    default: return LWK_PORTABLE_NR;
    }
}

void lwk_sgemm_micro_kernel(
    LWKKernel kernel, ptrdiff_t depth,
    const float *a, ptrdiff_t aRowStride, ptrdiff_t aDepthStride, const float *packedB,
    float *c, ptrdiff_t rowStrideC, ptrdiff_t columnStrideC,
    ptrdiff_t rows, ptrdiff_t columns, float alpha, int accumulate)
{
    lwk_micro_kernel_fn function = lwk_micro_kernel_portable;
    switch (kernel) {
#if defined(LWK_X86)
    case LWKKernelAVX2: function = lwk_micro_kernel_avx2; break;
    case LWKKernelAVX512: function = lwk_micro_kernel_avx512; break;
#endif
#if defined(__aarch64__)
    case LWKKernelNEON: function = lwk_micro_kernel_neon; break;
#endif
    default: break;
    }
    function(depth, a, aRowStride, aDepthStride, packedB, c, rowStrideC, columnStrideC, rows, columns, alpha, accumulate);
}
