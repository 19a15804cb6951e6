// The element-wise losses, written once and compiled once per instruction set (included by
// ElementwiseKernels.c with LWK_TARGET and LWK_NAME defined). Each loop writes the gradient and
// returns the sum of the element losses, accumulated in double in 16 interleaved partial sums
// combined in a fixed order: the same result for a given count.
// The formulas are those of the Swift losses (Sources/Layerwise/Losses), NaN included.

// Blocks of 64: a plain loop (which vectorizes) writes the gradient and the element losses to
// a block buffer; the block's four quarters are added lane by lane in float and the 16 lane
// sums into 16 double partial sums. BODY sets `value` and `derivative` from x and t.
#define LWK_LOSS_LOOP(BODY)                                                                   \
    do {                                                                                      \
        float block[64];                                                                      \
        ptrdiff_t start = 0;                                                                  \
        for (; start < n; start += 64) {                                                      \
            const ptrdiff_t length = n - start < 64 ? n - start : 64;                         \
            for (ptrdiff_t j = 0; j < length; j++) {                                          \
                const ptrdiff_t element = start + j;                                          \
                const float x = prediction[element], t = target[element];                     \
                float value, derivative;                                                      \
                BODY                                                                          \
                block[j] = value;                                                             \
                gradient[element] = derivative * scale;                                       \
            }                                                                                 \
            if (length == 64) {                                                               \
                float lanes[16];                                                              \
                for (int j = 0; j < 16; j++)                                                  \
                    lanes[j] = (block[j] + block[j + 16]) + (block[j + 32] + block[j + 48]);  \
                for (int j = 0; j < 16; j++) partial[j] += (double)lanes[j];                  \
            } else {                                                                          \
                for (ptrdiff_t j = 0; j < length; j++) tail += (double)block[j];              \
            }                                                                                 \
        }                                                                                     \
    } while (0)

LWK_TARGET static double LWK_NAME(loss)(
    LWKLoss loss, const LWKLossParameters *k, ptrdiff_t n, const float *restrict prediction,
    const float *restrict target, float scale, float *restrict gradient)
{
    double partial[16] = { 0 };
    double tail = 0;
    const float delta = k->delta;
    const float *weights = k->positiveWeights;
    const ptrdiff_t classes = k->classCount;
    switch (loss) {
    case LWKLossSquaredError:
        LWK_LOSS_LOOP(const float d = x - t; value = d * d; derivative = 2.0f * d;);
        break;
    case LWKLossAbsoluteError:
        LWK_LOSS_LOOP(const float d = x - t; value = lwk_abs(d); derivative = d > 0.0f ? 1.0f : (d < 0.0f ? -1.0f : 0.0f););
        break;
    case LWKLossHuber:
        LWK_LOSS_LOOP(
            const float d = x - t;
            const float size = lwk_abs(d);
            value = size < delta ? d * d / 2.0f : delta * (size - delta / 2.0f);
            derivative = d > delta ? delta : (d < -delta ? -delta : d););
        break;
    case LWKLossBinaryCrossEntropyWithLogits: {
        // p·y·softplus(−x) + (1 − y)·softplus(x) and −p·y·σ(−x) + (1 − y)·σ(x), with p the
        // positive weight of the element's class (its column; 1 without weights), from one
        // exponential e = e^{−|x|}: softplus(±x) = max(±x, 0) + log1p(e), σ(x) = 1/(1 + e) for
        // x ≥ 0 and e/(1 + e) below, σ(−x) = 1 − σ(x) computed the same way from −x.
#define LWK_BCE_TERMS                                                                          \
        const float e = lwk_exp(-lwk_abs(x));                                                 \
        const float u = lwk_log1p(e);                                                         \
        const float inverse = 1.0f / (1.0f + e);                                              \
        const float sigmoidPositive = x >= 0.0f ? inverse : e * inverse;                      \
        const float sigmoidNegative = x >= 0.0f ? e * inverse : inverse;                      \
        const float softplusPositive = (x > 0.0f ? x : 0.0f) + u;                             \
        const float softplusNegative = (x < 0.0f ? -x : 0.0f) + u;
        if (weights) {
            for (ptrdiff_t i = 0; i < n; i++) {
                const float x = prediction[i], t = target[i], p = weights[i % classes];
                LWK_BCE_TERMS
                tail += (double)(p * t * softplusNegative + (1.0f - t) * softplusPositive);
                gradient[i] = (-p * t * sigmoidNegative + (1.0f - t) * sigmoidPositive) * scale;
            }
        } else {
            LWK_LOSS_LOOP(
                LWK_BCE_TERMS
                value = t * softplusNegative + (1.0f - t) * softplusPositive;
                derivative = -t * sigmoidNegative + (1.0f - t) * sigmoidPositive;);
        }
#undef LWK_BCE_TERMS
        break;
    }
    }
    double sum = 0;
    for (int lane = 0; lane < 16; lane++) sum += partial[lane];
    return sum + tail;
}

#undef LWK_LOSS_LOOP
