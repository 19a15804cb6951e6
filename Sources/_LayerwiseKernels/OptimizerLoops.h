// The optimizers' element-wise updates (except Adam's, AdamKernels.c), written once and compiled
// once per instruction set (included by ElementwiseKernels.c with LWK_TARGET and LWK_NAME
// defined). Loop-invariant options are selects (which the vectorizer if-converts) or separate
// loops where they decide which buffers are written. The formulas are those of the Swift
// optimizers (Sources/Layerwise/Optimizers), which Double runs.

LWK_TARGET static void LWK_NAME(optimizer_update)(
    LWKOptimizer optimizer, const LWKOptimizerConstants *k, ptrdiff_t n, float *restrict theta,
    const float *restrict gradient, float *restrict a, float *restrict b, float *restrict c)
{
    // Contraction off, as for Adam: every product and sum is rounded as in the Swift loop
    // that Double runs, whatever the kernel or the split of the buffer.
#pragma clang fp contract(off)
    const int decays = (k->flags & LWKOptimizerDecays) != 0;
    const float lambda = k->weightDecay;
    switch (optimizer) {
    case LWKOptimizerSGD: {
        const float lr = k->c[0], mu = k->c[1], undampened = k->c[2];
        const int nesterov = (k->flags & LWKOptimizerNesterov) != 0;
        if (!(k->flags & LWKOptimizerMomentum)) {
            for (ptrdiff_t i = 0; i < n; i++) {
                float g = decays ? gradient[i] + lambda * theta[i] : gradient[i];
                theta[i] = theta[i] - lr * g;
            }
        } else if (k->flags & LWKOptimizerFirstStep) {
            for (ptrdiff_t i = 0; i < n; i++) {
                float g = decays ? gradient[i] + lambda * theta[i] : gradient[i];
                a[i] = g;
                float step = nesterov ? g + mu * g : g;
                theta[i] = theta[i] - lr * step;
            }
        } else {
            for (ptrdiff_t i = 0; i < n; i++) {
                float g = decays ? gradient[i] + lambda * theta[i] : gradient[i];
                float buffer = mu * a[i] + undampened * g;
                a[i] = buffer;
                float step = nesterov ? g + mu * buffer : buffer;
                theta[i] = theta[i] - lr * step;
            }
        }
        break;
    }
    case LWKOptimizerAdagrad: {
        const float rate = k->c[0], epsilon = k->c[1];
        for (ptrdiff_t i = 0; i < n; i++) {
            float g = decays ? gradient[i] + lambda * theta[i] : gradient[i];
            float sum = a[i] + g * g;
            a[i] = sum;
            theta[i] = theta[i] + -rate * (g / (lwk_sqrt(sum) + epsilon));
        }
        break;
    }
    case LWKOptimizerRMSprop: {
        // a: square average; b: momentum buffer (with LWKOptimizerMomentum); c: gradient average
        // (with LWKOptimizerCentered).
        const float lr = k->c[0], alpha = k->c[1], oneMinusAlpha = k->c[2], epsilon = k->c[3], mu = k->c[4];
        const int momentum = (k->flags & LWKOptimizerMomentum) != 0, centered = (k->flags & LWKOptimizerCentered) != 0;
        // One loop per combination, so that each writes only its own buffers.
#define LWK_RMSPROP_LOOP(CENTERED, MOMENTUM)                                                   \
        for (ptrdiff_t i = 0; i < n; i++) {                                                   \
            float g = decays ? gradient[i] + lambda * theta[i] : gradient[i];                 \
            float v = alpha * a[i] + oneMinusAlpha * g * g;                                   \
            a[i] = v;                                                                         \
            float denominator;                                                                \
            if (CENTERED) {                                                                   \
                float average = alpha * c[i] + oneMinusAlpha * g;                             \
                c[i] = average;                                                               \
                denominator = lwk_sqrt(v - average * average) + epsilon;                      \
            } else {                                                                          \
                denominator = lwk_sqrt(v) + epsilon;                                          \
            }                                                                                 \
            if (MOMENTUM) {                                                                   \
                float buffer = mu * b[i] + g / denominator;                                   \
                b[i] = buffer;                                                                \
                theta[i] = theta[i] - lr * buffer;                                            \
            } else {                                                                          \
                theta[i] = theta[i] + -lr * (g / denominator);                                \
            }                                                                                 \
        }
        if (centered && momentum) { LWK_RMSPROP_LOOP(1, 1) }
        else if (centered) { LWK_RMSPROP_LOOP(1, 0) }
        else if (momentum) { LWK_RMSPROP_LOOP(0, 1) }
        else { LWK_RMSPROP_LOOP(0, 0) }
#undef LWK_RMSPROP_LOOP
        break;
    }
    case LWKOptimizerAdadelta: {
        const float lr = k->c[0], rho = k->c[1], oneMinusRho = k->c[2], epsilon = k->c[3];
        for (ptrdiff_t i = 0; i < n; i++) {
            float g = decays ? gradient[i] + lambda * theta[i] : gradient[i];
            float v = rho * a[i] + oneMinusRho * g * g;
            a[i] = v;
            float delta = lwk_sqrt(b[i] + epsilon) / lwk_sqrt(v + epsilon) * g;
            b[i] = rho * b[i] + oneMinusRho * delta * delta;
            theta[i] = theta[i] + -lr * delta;
        }
        break;
    }
    case LWKOptimizerNAdam: {
        const float gradientStep = k->c[0], momentumStep = k->c[1], biasCorrection2 = k->c[2];
        const float beta1 = k->c[3], oneMinusBeta1 = k->c[4], beta2 = k->c[5], oneMinusBeta2 = k->c[6], epsilon = k->c[7];
        for (ptrdiff_t i = 0; i < n; i++) {
            float g = decays ? gradient[i] + lambda * theta[i] : gradient[i];
            float m = beta1 * a[i] + oneMinusBeta1 * g;
            float v = beta2 * b[i] + oneMinusBeta2 * g * g;
            a[i] = m;
            b[i] = v;
            float denominator = lwk_sqrt(v / biasCorrection2) + epsilon;
            float t = theta[i] + gradientStep * (g / denominator);
            theta[i] = t + momentumStep * (m / denominator);
        }
        break;
    }
    case LWKOptimizerRAdam: {
        const float lr = k->c[0], biasCorrection1 = k->c[1], biasCorrection2Root = k->c[2], rectification = k->c[3];
        const float beta1 = k->c[4], oneMinusBeta1 = k->c[5], beta2 = k->c[6], oneMinusBeta2 = k->c[7], epsilon = k->c[8];
        const int rectified = (k->flags & LWKOptimizerRectified) != 0;
        for (ptrdiff_t i = 0; i < n; i++) {
            float g = decays ? gradient[i] + lambda * theta[i] : gradient[i];
            float m = beta1 * a[i] + oneMinusBeta1 * g;
            float v = beta2 * b[i] + oneMinusBeta2 * g * g;
            a[i] = m;
            b[i] = v;
            float corrected = m / biasCorrection1;
            float adaptive = biasCorrection2Root / (lwk_sqrt(v) + epsilon);
            theta[i] = rectified ? theta[i] - corrected * lr * adaptive * rectification : theta[i] - corrected * lr;
        }
        break;
    }
    case LWKOptimizerAdamax: {
        const float stepSize = k->c[0], beta1 = k->c[1], oneMinusBeta1 = k->c[2], beta2 = k->c[3], epsilon = k->c[4];
        for (ptrdiff_t i = 0; i < n; i++) {
            float g = decays ? gradient[i] + lambda * theta[i] : gradient[i];
            float m = beta1 * a[i] + oneMinusBeta1 * g;
            float decayed = beta2 * b[i], size = lwk_abs(g) + epsilon;
            float u = size > decayed ? size : decayed;
            a[i] = m;
            b[i] = u;
            theta[i] = theta[i] + -stepSize * (m / u);
        }
        break;
    }
    }
}
