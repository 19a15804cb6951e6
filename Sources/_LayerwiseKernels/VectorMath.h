// Single-precision elementary functions written as straight-line code (no branches, no calls,
// no float-to-int conversions), so that a loop applying one of them vectorizes at whatever
// width the enclosing function's target allows. Every function propagates NaN. The
// polynomials are the minimax ones of Cephes (S. L. Moshier, netlib.org/cephes); the maximum
// errors, measured against double precision over a dense sweep of float inputs, are in
// Docs/Performance.md and checked by Tests/LayerwiseTests/VectorMathTests.swift.
#ifndef LWK_VECTOR_MATH_H
#define LWK_VECTOR_MATH_H

#include <stdint.h>

#define LWK_INLINE static inline __attribute__((always_inline))

LWK_INLINE float lwk_bits_to_float(uint32_t bits) { union { uint32_t u; float f; } v = { bits }; return v.f; }
LWK_INLINE uint32_t lwk_float_to_bits(float value) { union { float f; uint32_t u; } v = { value }; return v.u; }

/// |x| with the sign bit cleared (NaN stays NaN).
LWK_INLINE float lwk_abs(float x) { return lwk_bits_to_float(lwk_float_to_bits(x) & 0x7FFFFFFFu); }

/// √x, as the instruction (no errno, so loops applying it vectorize); NaN for x < 0.
LWK_INLINE float lwk_sqrt(float x) { return __builtin_elementwise_sqrt(x); }

/// |magnitude| with the sign of `sign`.
LWK_INLINE float lwk_copysign(float magnitude, float sign)
{
    return lwk_bits_to_float((lwk_float_to_bits(magnitude) & 0x7FFFFFFFu) | (lwk_float_to_bits(sign) & 0x80000000u));
}

/// eˣ. x = k·ln 2 + r with |r| ≤ ln 2 / 2 (k rounded by the 1.5·2²³ trick, ln 2 split in two
/// parts so k·ln 2 is exact), eʳ by Cephes' degree-7 polynomial, then 2ᵏ applied in two halves
/// so that results down to the subnormal range come out right. Overflows to +∞ above
/// 88.72…, underflows to 0 below −103.97…; NaN propagates.
LWK_INLINE float lwk_exp(float x)
{
    // Clamping by comparisons that are false for NaN keeps NaN.
    x = x > 89.0f ? 89.0f : x;
    x = x < -104.0f ? -104.0f : x;
    const float magic = 12582912.0f;  // 1.5·2²³: adding it rounds to an integer in the low bits
    float shifted = x * 1.44269504088896341f + magic;
    float k = shifted - magic;
    float r = x - k * 0.693359375f;
    r = r - k * -2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * (r * r) + r + 1.0f;
    int32_t exponent = (int32_t)(lwk_float_to_bits(shifted) - lwk_float_to_bits(magic));
    int32_t half = exponent >> 1;
    float scale1 = lwk_bits_to_float((uint32_t)(half + 127) << 23);
    float scale2 = lwk_bits_to_float((uint32_t)(exponent - half + 127) << 23);
    return p * scale1 * scale2;
}

/// log x for x > 0 (−∞ at 0, NaN below 0 and for NaN, +∞ at +∞). x = m·2ᵉ with
/// m in [√½, √2), log m by Cephes' polynomial in m − 1. Subnormal inputs are scaled by 2²³ first.
LWK_INLINE float lwk_log(float x)
{
    int subnormal = x < 1.17549435e-38f;
    float scaled = subnormal ? x * 8388608.0f : x;
    uint32_t bits = lwk_float_to_bits(scaled);
    int32_t e = (int32_t)((bits >> 23) & 0xFF) - 126;
    float m = lwk_bits_to_float((bits & 0x007FFFFFu) | 0x3F000000u);  // in [0.5, 1)
    int small = m < 0.707106781186547524f;
    e = small ? e - 1 : e;
    m = small ? m + m : m;
    float fe = (float)e - (subnormal ? 23.0f : 0.0f);
    float t = m - 1.0f;
    float y = t * t;
    float p = 7.0376836292e-2f;
    p = p * t - 1.1514610310e-1f;
    p = p * t + 1.1676998740e-1f;
    p = p * t - 1.2420140846e-1f;
    p = p * t + 1.4249322787e-1f;
    p = p * t - 1.6668057665e-1f;
    p = p * t + 2.0000714765e-1f;
    p = p * t - 2.4999993993e-1f;
    p = p * t + 3.3333331174e-1f;
    float z = t * y * p;
    z = z + fe * -2.12194440e-4f;
    z = z - 0.5f * y;
    float result = t + z + fe * 0.693359375f;
    // The special values: 0 → −∞, negative → NaN, +∞ → +∞ (NaN stays NaN through the arithmetic).
    result = x == 0.0f ? -__builtin_inff() : result;
    result = x < 0.0f ? __builtin_nanf("") : result;
    result = x == __builtin_inff() ? x : result;
    return x != x ? x : result;
}

/// log(1 + x) for x ≥ −1, accurate near 0: with w = 1 + x rounded, log1p x = log w · x/(w − 1)
/// (Goldberg's correction of the rounding in w), and x itself where w = 1.
LWK_INLINE float lwk_log1p(float x)
{
    float w = 1.0f + x;
    float d = w - 1.0f;
    float corrected = lwk_log(w) * (x / (d == 0.0f ? 1.0f : d));
    corrected = w == __builtin_inff() ? w : corrected;
    return d == 0.0f ? x : corrected;
}

/// eˣ − 1, accurate near 0: for |x| < ½ the Taylor expansion x + x²/2 + x³·P(x) to x⁸,
/// elsewhere eˣ − 1.
LWK_INLINE float lwk_expm1(float x)
{
    float p = 2.4801587302e-5f;  // Taylor terms x⁸/8! … x³/3! (the next one is below ½ ulp for |x| < ½)
    p = p * x + 1.9841269841e-4f;
    p = p * x + 1.3888889225e-3f;
    p = p * x + 8.3333337680e-3f;
    p = p * x + 4.1666667908e-2f;
    p = p * x + 1.6666667163e-1f;
    float small = x + x * x * (0.5f + x * p);
    float large = lwk_exp(x) - 1.0f;
    return lwk_abs(x) < 0.5f ? small : large;
}

/// tanh x: for |x| < 0.625 Cephes' odd polynomial, elsewhere 1 − 2/(e^{2|x|} + 1) with x's sign.
LWK_INLINE float lwk_tanh(float x)
{
    float ax = lwk_abs(x);
    float s = x * x;
    float p = -5.70498872745e-3f;
    p = p * s + 2.06390887954e-2f;
    p = p * s - 5.37397155531e-2f;
    p = p * s + 1.33314422036e-1f;
    p = p * s - 3.33332819422e-1f;
    float small = p * s * x + x;
    float large = lwk_copysign(1.0f - 2.0f / (lwk_exp(ax + ax) + 1.0f), x);
    return ax < 0.625f ? small : large;
}

/// The logistic function 1/(1 + e⁻ˣ), computed as e^{−|x|} = u, then 1/(1 + u) for x ≥ 0 and
/// u/(1 + u) for x < 0 (no overflow, full relative accuracy in both tails).
LWK_INLINE float lwk_sigmoid(float x)
{
    float u = lwk_exp(-lwk_abs(x));
    float positive = 1.0f / (1.0f + u);
    return x >= 0.0f ? positive : u * positive;
}

/// tanh(softplus x) = tanh(log(1 + eˣ)) = n(n + 2)/(n(n + 2) + 2) with n = eˣ: one exponential
/// and one division (Mish). 1 for x > 20, where n² would overflow and the value is 1 in float.
LWK_INLINE float lwk_tanh_softplus(float x)
{
    float n = lwk_exp(x > 20.0f ? 20.0f : x);
    float m = n * (n + 2.0f);
    float t = m / (m + 2.0f);
    return x > 20.0f ? 1.0f : t;
}

/// erf x: for |x| < 1 Cephes' odd polynomial x·T(x²); for |x| ≥ 1, 1 − erfc |x| with
/// erfc y = e^{−y²}·R(1/y)/y (Cephes erfcf's two polynomials in 1/y², split at y = 2).
LWK_INLINE float lwk_erf(float x)
{
    float ax = lwk_abs(x);
    float s = x * x;
    float t = 7.853861353153693e-5f;
    t = t * s - 8.010193625184903e-4f;
    t = t * s + 5.188327685732524e-3f;
    t = t * s - 2.685381193529856e-2f;
    t = t * s + 1.128358514861418e-1f;
    t = t * s - 3.761262582423300e-1f;
    t = t * s + 1.128379165726710e0f;
    float small = x * t;

    float y = ax > 10.0f ? 10.0f : (ax < 1.0f ? 1.0f : ax);
    // The rounding of y² changes e^{−y²} by up to y²·2⁻²⁴ relatively, which is below half an
    // ulp of 1 − erfc y for every y (erfc falls faster than y² grows).
    float gaussian = lwk_exp(-(y * y));
    float q = 1.0f / y;
    float w = q * q;
    float p1 = 2.326819970068386e-2f;  // erfc for 1 ≤ y < 2, polynomial in 1/y²
    p1 = p1 * w - 1.387039388740657e-1f;
    p1 = p1 * w + 3.687424674597105e-1f;
    p1 = p1 * w - 5.824733027278666e-1f;
    p1 = p1 * w + 6.210004621745983e-1f;
    p1 = p1 * w - 4.944515323274145e-1f;
    p1 = p1 * w + 3.404879937665872e-1f;
    p1 = p1 * w - 2.741127028184656e-1f;
    p1 = p1 * w + 5.638259427386472e-1f;
    float p2 = -1.047766399936249e1f;  // erfc for y ≥ 2
    p2 = p2 * w + 1.297719955372516e1f;
    p2 = p2 * w - 7.495518717768503e0f;
    p2 = p2 * w + 2.921019019210786e0f;
    p2 = p2 * w - 1.015265279202700e0f;
    p2 = p2 * w + 4.218463358204948e-1f;
    p2 = p2 * w - 2.820767439740514e-1f;
    p2 = p2 * w + 5.641895067754075e-1f;
    float erfc = gaussian * q * (y < 2.0f ? p1 : p2);
    float large = lwk_copysign(1.0f - erfc, x);
    float result = ax < 1.0f ? small : large;
    return x != x ? x : result;
}

#endif
