// The element-wise activation loops, written once and compiled once per instruction set:
// ElementwiseKernels.c includes this file with LWK_TARGET (a target attribute) and LWK_NAME (a
// suffix) defined. Each loop applies one function of VectorMath.h and vectorizes at the
// target's width. The formulas are those of the Swift activations (Sources/Layerwise/Layers/
// Activations), NaN included.

LWK_TARGET static void LWK_NAME(activation_forward)(
    LWKActivation function, const LWKActivationParameters *k, ptrdiff_t n, const float *restrict x, float *restrict y)
{
    const float alpha = k->alpha, scale = k->scale, beta = k->beta, threshold = k->threshold;
    const float minimum = k->minimum, maximum = k->maximum;
    switch (function) {
    case LWKActivationSigmoid:
        for (ptrdiff_t i = 0; i < n; i++) y[i] = lwk_sigmoid(x[i]);
        break;
    case LWKActivationTanh:
        for (ptrdiff_t i = 0; i < n; i++) y[i] = lwk_tanh(x[i]);
        break;
    case LWKActivationSiLU:
        for (ptrdiff_t i = 0; i < n; i++) y[i] = x[i] * lwk_sigmoid(x[i]);
        break;
    case LWKActivationGELU:
        for (ptrdiff_t i = 0; i < n; i++) y[i] = x[i] * (0.5f * (1.0f + lwk_erf(x[i] * 0.707106781186547524f)));
        break;
    case LWKActivationGELUTanh:
        for (ptrdiff_t i = 0; i < n; i++) {
            float v = x[i];
            float inner = 0.797884560802865356f * (v + 0.044715f * v * v * v);
            y[i] = 0.5f * v * (1.0f + lwk_tanh(inner));
        }
        break;
    case LWKActivationSoftplus:
        for (ptrdiff_t i = 0; i < n; i++) {
            float z = beta * x[i];
            float soft = ((z > 0.0f ? z : 0.0f) + lwk_log1p(lwk_exp(-lwk_abs(z)))) / beta;
            soft = z != z ? z : soft;
            y[i] = z > threshold ? x[i] : soft;
        }
        break;
    case LWKActivationMish:
        for (ptrdiff_t i = 0; i < n; i++) y[i] = x[i] * lwk_tanh_softplus(x[i]);
        break;
    case LWKActivationELU:
        for (ptrdiff_t i = 0; i < n; i++) {
            float v = x[i];
            y[i] = v > 0.0f ? scale * v : scale * (alpha * lwk_expm1(v));
        }
        break;
    case LWKActivationLeakyReLU:
        for (ptrdiff_t i = 0; i < n; i++) y[i] = x[i] > 0.0f ? x[i] : alpha * x[i];
        break;
    case LWKActivationHardtanh:
        for (ptrdiff_t i = 0; i < n; i++) {
            float v = x[i];
            y[i] = v <= minimum ? minimum : (v >= maximum ? maximum : v);
        }
        break;
    case LWKActivationSoftsign:
        for (ptrdiff_t i = 0; i < n; i++) y[i] = x[i] / (1.0f + lwk_abs(x[i]));
        break;
    }
}

LWK_TARGET static void LWK_NAME(activation_backward)(
    LWKActivation function, const LWKActivationParameters *k, ptrdiff_t n, const float *restrict x,
    const float *restrict y, const float *restrict dy, float *restrict dx)
{
    const float alpha = k->alpha, scale = k->scale, beta = k->beta, threshold = k->threshold;
    const float minimum = k->minimum, maximum = k->maximum;
    switch (function) {
    case LWKActivationSigmoid:
        for (ptrdiff_t i = 0; i < n; i++) dx[i] = dy[i] * (y[i] * (1.0f - y[i]));
        break;
    case LWKActivationTanh:
        for (ptrdiff_t i = 0; i < n; i++) dx[i] = dy[i] * (1.0f - y[i] * y[i]);
        break;
    case LWKActivationSiLU:
        for (ptrdiff_t i = 0; i < n; i++) {
            float s = lwk_sigmoid(x[i]);
            dx[i] = dy[i] * (s * (1.0f + x[i] * (1.0f - s)));
        }
        break;
    case LWKActivationGELU:
        for (ptrdiff_t i = 0; i < n; i++) {
            float v = x[i];
            float cdf = 0.5f * (1.0f + lwk_erf(v * 0.707106781186547524f));
            float density = 0.398942280401432678f * lwk_exp(-0.5f * v * v);
            dx[i] = dy[i] * (cdf + v * density);
        }
        break;
    case LWKActivationGELUTanh:
        for (ptrdiff_t i = 0; i < n; i++) {
            float v = x[i];
            float inner = 0.797884560802865356f * (v + 0.044715f * v * v * v);
            float t = lwk_tanh(inner);
            float innerSlope = 0.797884560802865356f * (1.0f + 3.0f * 0.044715f * v * v);
            float sechSquared = 1.0f - t * t;
            // Where tanh has saturated, the inner slope may be infinite: the term is 0 there.
            float tail = sechSquared == 0.0f ? 0.0f : 0.5f * v * sechSquared * innerSlope;
            dx[i] = dy[i] * (0.5f * (1.0f + t) + tail);
        }
        break;
    case LWKActivationSoftplus:
        for (ptrdiff_t i = 0; i < n; i++) {
            float z = beta * x[i];
            dx[i] = dy[i] * (z > threshold ? 1.0f : lwk_sigmoid(z));
        }
        break;
    case LWKActivationMish:
        for (ptrdiff_t i = 0; i < n; i++) {
            float v = x[i];
            float t = lwk_tanh_softplus(v);
            float slope = t + v * lwk_sigmoid(v) * (1.0f - t * t);
            dx[i] = dy[i] * (v > 20.0f ? 1.0f : slope);
        }
        break;
    case LWKActivationELU:
        for (ptrdiff_t i = 0; i < n; i++) {
            float v = x[i];
            dx[i] = dy[i] * (v <= 0.0f ? scale * (alpha * lwk_exp(v)) : scale);
        }
        break;
    case LWKActivationLeakyReLU:
        for (ptrdiff_t i = 0; i < n; i++) dx[i] = dy[i] * (x[i] > 0.0f ? 1.0f : alpha);
        break;
    case LWKActivationHardtanh:
        for (ptrdiff_t i = 0; i < n; i++) dx[i] = dy[i] * (x[i] <= minimum || x[i] >= maximum ? 0.0f : 1.0f);
        break;
    case LWKActivationSoftsign:
        for (ptrdiff_t i = 0; i < n; i++) {
            float d = 1.0f + lwk_abs(x[i]);
            dx[i] = dy[i] * (1.0f / (d * d));
        }
        break;
    }
}

LWK_TARGET static void LWK_NAME(map)(LWKFunction function, ptrdiff_t n, const float *restrict x, float *restrict y)
{
    switch (function) {
    case LWKFunctionExp: for (ptrdiff_t i = 0; i < n; i++) y[i] = lwk_exp(x[i]); break;
    case LWKFunctionLog: for (ptrdiff_t i = 0; i < n; i++) y[i] = lwk_log(x[i]); break;
    case LWKFunctionLog1p: for (ptrdiff_t i = 0; i < n; i++) y[i] = lwk_log1p(x[i]); break;
    case LWKFunctionExpm1: for (ptrdiff_t i = 0; i < n; i++) y[i] = lwk_expm1(x[i]); break;
    case LWKFunctionTanh: for (ptrdiff_t i = 0; i < n; i++) y[i] = lwk_tanh(x[i]); break;
    case LWKFunctionSigmoid: for (ptrdiff_t i = 0; i < n; i++) y[i] = lwk_sigmoid(x[i]); break;
    case LWKFunctionErf: for (ptrdiff_t i = 0; i < n; i++) y[i] = lwk_erf(x[i]); break;
    }
}

LWK_TARGET static float LWK_NAME(exp_shifted_sum)(ptrdiff_t n, const float *restrict x, float shift, float *restrict y)
{
    float partial[16] = { 0 };
    ptrdiff_t i = 0;
    for (; i + 16 <= n; i += 16) {
        for (int lane = 0; lane < 16; lane++) {
            float e = lwk_exp(x[i + lane] - shift);
            y[i + lane] = e;
            partial[lane] += e;
        }
    }
    float tail = 0;
    for (; i < n; i++) {
        float e = lwk_exp(x[i] - shift);
        y[i] = e;
        tail += e;
    }
    float sum = 0;
    for (int lane = 0; lane < 16; lane++) sum += partial[lane];
    return sum + tail;
}

LWK_TARGET static float LWK_NAME(maximum)(ptrdiff_t n, const float *restrict x)
{
    float lanes[16];
    for (int lane = 0; lane < 16; lane++) lanes[lane] = x[0];
    ptrdiff_t i = 0;
    for (; i + 16 <= n; i += 16) {
        for (int lane = 0; lane < 16; lane++) lanes[lane] = x[i + lane] > lanes[lane] ? x[i + lane] : lanes[lane];
    }
    float m = lanes[0];
    for (int lane = 1; lane < 16; lane++) m = lanes[lane] > m ? lanes[lane] : m;
    for (; i < n; i++) m = x[i] > m ? x[i] : m;
    return m;
}
