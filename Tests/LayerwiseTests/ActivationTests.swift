import Foundation
import Layerwise
import Testing

// Hand-math tests for the activation layers. Expected values are closed forms worked out in
// the comments (points like 0, ln 2, ln 3 make eˣ rational); PyTorch agreement is checked
// separately by the parity fixtures.

/// Every element-wise activation, for parameterized tests.
enum ElementwiseActivationUnderTest: String, CaseIterable, Codable, Sendable {
    case relu, leakyReLU, elu, eluAlpha2, selu, gelu, geluTanh, silu, mish, softplus
    case softplusBeta2, softsign, hardtanh, sigmoid, tanh

    /// The layer.
    func make<Scalar: TensorScalar>(_: Scalar.Type) -> any Layer<Scalar> {
        switch self {
        case .relu: ReLU<Scalar>()
        case .leakyReLU: LeakyReLU<Scalar>()
        case .elu: ELU<Scalar>()
        case .eluAlpha2: ELU<Scalar>(alpha: 2)
        case .selu: SELU<Scalar>()
        case .gelu: GELU<Scalar>()
        case .geluTanh: GELU<Scalar>(approximation: .tanh)
        case .silu: SiLU<Scalar>()
        case .mish: Mish<Scalar>()
        case .softplus: Softplus<Scalar>()
        case .softplusBeta2: Softplus<Scalar>(beta: 2, threshold: 20)
        case .softsign: Softsign<Scalar>()
        case .hardtanh: Hardtanh<Scalar>()
        case .sigmoid: Sigmoid<Scalar>()
        case .tanh: Tanh<Scalar>()
        }
    }

    /// (f(10⁴), f(−10⁴), f′(10⁴), f′(−10⁴)), from each function's asymptotes: the terms
    /// dropped (e^(−10⁴), e^(−5·10⁷), …) are far below any floating-point resolution.
    var limits: (valuePlus: Double, valueMinus: Double, slopePlus: Double, slopeMinus: Double) {
        let selu = (alpha: 1.6732632423543772848170429916717, scale: 1.0507009873554804934193349852946)
        switch self {
        case .relu: return (1e4, 0, 1, 0)
        case .leakyReLU: return (1e4, -100, 1, 0.01)  // −10⁴ · 0.01
        case .elu: return (1e4, -1, 1, 0)
        case .eluAlpha2: return (1e4, -2, 1, 0)
        case .selu: return (selu.scale * 1e4, -selu.scale * selu.alpha, selu.scale, 0)
        case .gelu, .geluTanh, .silu, .mish, .softplus, .softplusBeta2: return (1e4, 0, 1, 0)
        case .softsign: return (1e4 / 10_001, -1e4 / 10_001, 1 / (10_001.0 * 10_001), 1 / (10_001.0 * 10_001))
        case .hardtanh: return (1, -1, 0, 0)
        case .sigmoid: return (1, 0, 0, 0)
        case .tanh: return (1, -1, 0, 0)
        }
    }
}

/// f(xᵢ) and f′(xᵢ) of an element-wise layer: forward on the points, backward with ones.
private func valuesAndSlopes<Scalar: TensorScalar>(
    _ layer: any Layer<Scalar>, at points: [Scalar]
) -> (values: [Scalar], slopes: [Scalar]) {
    var layer = layer
    let output = layer.forward(Tensor(shape: [1, points.count], scalars: points), mode: .training)
    let slopes = layer.backward(Tensor(repeating: 1, shape: [1, points.count]))
    return (output.scalars, slopes.scalars)
}

/// |actual − expected| ≤ tolerance·max(1, |expected|) for every element.
private func isClose<Scalar: TensorScalar>(
    _ actual: [Scalar], _ expected: [Double], tolerance: Double = 1e-14
) -> Bool {
    actual.count == expected.count
        && zip(actual, expected).allSatisfy { abs(Double($0) - $1) <= tolerance * max(1, abs($1)) }
}

@Suite struct ActivationTests {
    // MARK: Closed forms at chosen points

    @Test func sigmoidClosedForms() {
        // σ(0) = 1/2, σ′(0) = 1/4; σ(ln 3) = 3/(3 + 1) = 3/4, σ′ = 3/4 · 1/4 = 3/16;
        // σ(−ln 3) = 1/4, σ′ = 3/16.
        let (values, slopes) = valuesAndSlopes(Sigmoid<Double>(), at: [0, log(3), -log(3)])
        #expect(isClose(values, [0.5, 0.75, 0.25]))
        #expect(isClose(slopes, [0.25, 3.0 / 16, 3.0 / 16]))
    }

    @Test func tanhClosedForms() {
        // tanh(0) = 0, tanh′(0) = 1; tanh(ln 2) = (4 − 1)/(4 + 1) = 3/5, tanh′ = 1 − 9/25 = 16/25.
        let (values, slopes) = valuesAndSlopes(Tanh<Double>(), at: [0, log(2), -log(2)])
        #expect(isClose(values, [0, 0.6, -0.6]))
        #expect(isClose(slopes, [1, 0.64, 0.64]))
    }

    @Test func softplusClosedForms() {
        // softplus(0) = ln 2, slope σ(0) = 1/2; softplus(ln 3) = ln 4, slope σ(ln 3) = 3/4;
        // softplus(−ln 3) = ln(4/3), slope 1/4. Past the threshold (x = 25 > 20) it is x, slope 1.
        let (values, slopes) = valuesAndSlopes(Softplus<Double>(), at: [0, log(3), -log(3), 25])
        #expect(isClose(values, [log(2), log(4), log(4.0 / 3), 25]))
        #expect(isClose(slopes, [0.5, 0.75, 0.25, 1]))
    }

    @Test func softplusWithBetaScalesTheSharpness() {
        // β = 2: f(x) = ln(1 + e^(2x))/2, f′ = σ(2x). At x = ln(3)/2: ln 4/2 = ln 2, slope 3/4.
        // At 0: ln(2)/2, slope 1/2. β·x = 21 > 20 at x = 10.5: the identity.
        let (values, slopes) = valuesAndSlopes(
            Softplus<Double>(beta: 2, threshold: 20), at: [log(3) / 2, 0, 10.5])
        #expect(isClose(values, [log(2), log(2) / 2, 10.5]))
        #expect(isClose(slopes, [0.75, 0.5, 1]))
    }

    @Test func softplusThresholdIsADeclaredDiscontinuity() {
        // At x = T/β = 20 the smooth branch still applies: f(20) = 20 + ln(1 + e⁻²⁰) > 20, while
        // just above it f(x) = x < f(20): a downward jump of ln(1 + e⁻²⁰) ≈ 2.06e−9.
        let above = 20.0.nextUp
        let (values, slopes) = valuesAndSlopes(Softplus<Double>(), at: [20, above])
        #expect(values[0] > values[1])
        let jump = log1p(exp(-20.0))
        #expect(abs((values[0] - 20) - jump) < 1e-5 * jump)
        #expect(values[1] == above)
        #expect(slopes[0] < 1 && slopes[1] == 1)
        #expect(Softplus<Double>().kinks == [20])
        #expect(Softplus<Double>(beta: 2, threshold: 20).kinks == [10])
    }

    @Test func geluExactClosedForms() {
        // x·Φ(x) at 0 is 0 with slope Φ(0) + 0 = 1/2. Because Φ(x) + Φ(−x) = 1:
        // f(x) − f(−x) = x·(Φ(x) + Φ(−x)) = x, and f′(x) + f′(−x) = Φ(x) + Φ(−x) = 1.
        let points = [0, 0.3, 1.7, 4]
        let (values, slopes) = valuesAndSlopes(GELU<Double>(), at: points)
        let (mirrored, mirroredSlopes) = valuesAndSlopes(GELU<Double>(), at: points.map { -$0 })
        #expect(values[0] == 0 && slopes[0] == 0.5)
        #expect(isClose(zip(values, mirrored).map { $0 - $1 }, points))
        #expect(isClose(zip(slopes, mirroredSlopes).map { $0 + $1 }, [1, 1, 1, 1]))
        // Φ(x) − Φ(−x) = erf(x/√2), so f(x) + f(−x) = x·erf(x/√2): at x = √2 that is √2·erf(1),
        // with erf(1) = 0.8427007929497148693… (tabulated).
        let rootTwo = Double(2).squareRoot()
        let (atRootTwo, _) = valuesAndSlopes(GELU<Double>(), at: [rootTwo, -rootTwo])
        #expect(isClose([atRootTwo[0] + atRootTwo[1]], [rootTwo * 0.8427007929497149]))
    }

    @Test func geluTanhClosedForms() {
        // ½·x·(1 + tanh(u(x))) with u odd: f(0) = 0, f′(0) = ½; f(x) − f(−x) = x and
        // f′(x) + f′(−x) = ½(1 + t) + ½(1 − t) = 1 (the x·(1 − t²)·u′ terms cancel: u′ is even).
        let points = [0, 0.3, 1.7, 4]
        let layer = GELU<Double>(approximation: .tanh)
        let (values, slopes) = valuesAndSlopes(layer, at: points)
        let (mirrored, mirroredSlopes) = valuesAndSlopes(layer, at: points.map { -$0 })
        #expect(values[0] == 0 && slopes[0] == 0.5)
        #expect(isClose(zip(values, mirrored).map { $0 - $1 }, points))
        #expect(isClose(zip(slopes, mirroredSlopes).map { $0 + $1 }, [1, 1, 1, 1]))
        // At x₀ with u(x₀) = ln 2, t = 3/5: f(x₀) = ½·x₀·8/5 = 4x₀/5 and
        // f′(x₀) = ½·8/5 + ½·x₀·(16/25)·√(2/π)·(1 + 3·0.044715·x₀²).
        // x₀ solves √(2/π)(x + 0.044715x³) = ln 2; Newton's method on that cubic, in the test:
        let c = (2 / Double.pi).squareRoot()
        var x0 = 0.8
        for _ in 0..<50 {
            x0 -= (c * (x0 + 0.044715 * x0 * x0 * x0) - log(2)) / (c * (1 + 3 * 0.044715 * x0 * x0))
        }
        let (atX0, slopeAtX0) = valuesAndSlopes(layer, at: [x0])
        #expect(isClose(atX0, [0.8 * x0]))
        #expect(isClose(slopeAtX0, [0.8 + 0.5 * x0 * 0.64 * c * (1 + 3 * 0.044715 * x0 * x0)]))
    }

    @Test func geluTanhApproximatesTheExactForm() {
        // The tanh form is known to stay within 10⁻³ of x·Φ(x) everywhere.
        let points = stride(from: -6.0, through: 6.0, by: 0.25).map { $0 }
        let (exact, _) = valuesAndSlopes(GELU<Double>(), at: points)
        let (approximate, _) = valuesAndSlopes(GELU<Double>(approximation: .tanh), at: points)
        #expect(zip(exact, approximate).allSatisfy { abs($0 - $1) < 1e-3 })
        #expect(zip(exact, approximate).contains { $0 != $1 })
    }

    @Test func siluClosedForms() {
        // x·σ(x): 0 at 0 with slope σ(0) = 1/2. At ln 3: σ = 3/4, f = (3/4)·ln 3,
        // f′ = σ·(1 + x·(1 − σ)) = (3/4)·(1 + ln(3)/4).
        let (values, slopes) = valuesAndSlopes(SiLU<Double>(), at: [0, log(3)])
        #expect(isClose(values, [0, 0.75 * log(3)]))
        #expect(isClose(slopes, [0.5, 0.75 * (1 + log(3) / 4)]))
    }

    @Test func mishClosedForms() {
        // At 0: softplus = ln 2, t = tanh(ln 2) = 3/5, f = 0, f′ = t + 0 = 3/5.
        // At ln 3: softplus = ln 4, t = (16 − 1)/(16 + 1) = 15/17, σ = 3/4:
        // f = (15/17)·ln 3, f′ = 15/17 + ln 3 · 3/4 · (1 − 225/289) = 15/17 + ln 3 · 48/289.
        let (values, slopes) = valuesAndSlopes(Mish<Double>(), at: [0, log(3)])
        #expect(isClose(values, [0, 15.0 / 17 * log(3)]))
        let expectedSlopes: [Double] = [0.6, 15.0 / 17 + log(3) * 48 / 289]
        #expect(isClose(slopes, expectedSlopes))
    }

    @Test func softsignClosedForms() {
        // x/(1 + |x|) and 1/(1 + |x|)²: at 1, 1/2 and 1/4; at −3, −3/4 and 1/16; at 0, 0 and 1.
        let (values, slopes) = valuesAndSlopes(Softsign<Double>(), at: [1, -3, 0])
        #expect(isClose(values, [0.5, -0.75, 0]))
        #expect(isClose(slopes, [0.25, 1.0 / 16, 1]))
    }

    @Test func leakyReLUClosedForms() {
        // s = 0.01: f(−2) = −0.02 with slope s; f(3) = 3 with slope 1; at 0 the slope is s
        // (PyTorch's x > 0 test).
        let (values, slopes) = valuesAndSlopes(LeakyReLU<Double>(), at: [-2, 3, 0])
        #expect(isClose(values, [-0.02, 3, 0]))
        #expect(isClose(slopes, [0.01, 1, 0.01]))
        let (steep, steepSlopes) = valuesAndSlopes(LeakyReLU<Double>(negativeSlope: 0.2), at: [-5])
        #expect(isClose(steep, [-1]) && isClose(steepSlopes, [0.2]))
        #expect(LeakyReLU<Double>().kinks == [0])
    }

    @Test func eluClosedForms() {
        // α(eˣ − 1) at x = −ln 2 is α(1/2 − 1) = −α/2 with slope α·eˣ = α/2; at 0 the negative
        // branch gives slope α (PyTorch's x ≤ 0 test).
        let (values, slopes) = valuesAndSlopes(ELU<Double>(), at: [-log(2), 1.5, 0])
        #expect(isClose(values, [-0.5, 1.5, 0]))
        #expect(isClose(slopes, [0.5, 1, 1]))
        let (scaled, scaledSlopes) = valuesAndSlopes(ELU<Double>(alpha: 2), at: [-log(2), 0])
        #expect(isClose(scaled, [-1, 0]))
        #expect(isClose(scaledSlopes, [1, 2]))
        #expect(ELU<Double>().kinks.isEmpty && ELU<Double>(alpha: 2).kinks == [0])
    }

    @Test func seluUsesPyTorchConstants() {
        // λ = 1.0507009873554804934193349852946, α = 1.6732632423543772848170429916717:
        // f(1) = λ, f(−ln 2) = −λα/2 with slope λα/2, slope λα at 0.
        let scale = 1.0507009873554804934193349852946
        let alpha = 1.6732632423543772848170429916717
        let (values, slopes) = valuesAndSlopes(SELU<Double>(), at: [1, -log(2), 0])
        #expect(isClose(values, [scale, -scale * alpha / 2, 0]))
        #expect(isClose(slopes, [scale, scale * alpha / 2, scale * alpha]))
        #expect(SELUFunction<Double>.scale == scale && SELUFunction<Double>.alpha == alpha)
    }

    @Test func hardtanhClampsWithZeroSlopeAtTheBounds() {
        // Clamp to [−1, 1]: slope 1 strictly inside, 0 at the bounds and outside (PyTorch).
        let (values, slopes) = valuesAndSlopes(Hardtanh<Double>(), at: [-3, -1, -0.5, 0.25, 1, 2])
        #expect(isClose(values, [-1, -1, -0.5, 0.25, 1, 1]))
        #expect(isClose(slopes, [0, 0, 1, 1, 0, 0]))
        let (wide, wideSlopes) = valuesAndSlopes(Hardtanh<Double>(minimum: -2, maximum: 3), at: [-5, 2.5, 4])
        #expect(isClose(wide, [-2, 2.5, 3]) && isClose(wideSlopes, [0, 1, 0]))
        #expect(Hardtanh<Double>(minimum: -2, maximum: 3).kinks == [-2, 3])
    }

    // MARK: PReLU

    @Test func preluSharedSlope() {
        // a = 0.25 on x = [[−2, 3], [0.5, −4]]: y = [−0.5, 3, 0.5, −1].
        // With g = [[1, 2], [3, 4]]: ∂L/∂x = [0.25·1, 2, 3, 0.25·4] = [0.25, 2, 3, 1];
        // ∂L/∂a = 1·(−2) + 4·(−4) = −18 (only x ≤ 0 contributes).
        var layer = PReLU<Double>()
        #expect(layer.weight.value.scalars == [0.25] && layer.parameterNames == ["weight"])
        let output = layer.forward(Tensor(rows: [[-2, 3], [0.5, -4]]), mode: .training)
        #expect(output.scalars == [-0.5, 3, 0.5, -1])
        let gradInput = layer.backward(Tensor(rows: [[1, 2], [3, 4]]))
        #expect(gradInput.scalars == [0.25, 2, 3, 1])
        #expect(layer.weight.gradient.scalars == [-18])
        // Gradients accumulate: a second backward adds another −18.
        _ = layer.backward(Tensor(rows: [[1, 2], [3, 4]]))
        #expect(layer.weight.gradient.scalars == [-36])
    }

    @Test func preluSlopePerFeature() {
        // a = [0.1, 0.5] on x = [[−2, −3], [1, −4]], g = [[1, 2], [3, 4]]:
        // y = [−0.2, −1.5, 1, −2]; ∂L/∂x = [0.1, 1, 3, 2];
        // ∂L/∂a₀ = 1·(−2) = −2, ∂L/∂a₁ = 2·(−3) + 4·(−4) = −22.
        var layer = PReLU<Double>(parameterCount: 2, initialSlope: 0.25)
        #expect(layer.weight.value.scalars == [0.25, 0.25])
        layer.weight.value = Tensor([0.1, 0.5])
        let output = layer.forward(Tensor(rows: [[-2, -3], [1, -4]]), mode: .training)
        #expect(isClose(output.scalars, [-0.2, -1.5, 1, -2]))
        let gradInput = layer.backward(Tensor(rows: [[1, 2], [3, 4]]))
        #expect(isClose(gradInput.scalars, [0.1, 1, 3, 2]))
        #expect(isClose(layer.weight.gradient.scalars, [-2, -22]))
    }

    @Test func preluAtZeroUsesTheSlope() {
        // PyTorch: ∂L/∂x = g·(x > 0 ? 1 : a), so at x = 0 the input gradient is a·g; the slope
        // gradient gets x·g = 0.
        var layer = PReLU<Double>(initialSlope: 0.3)
        _ = layer.forward(Tensor(rows: [[0]]), mode: .training)
        #expect(isClose(layer.backward(Tensor(rows: [[2]])).scalars, [0.6]))
        #expect(layer.weight.gradient.scalars == [0])
    }

    // MARK: Softmax and LogSoftmax

    @Test func softmaxClosedForms() {
        // softmax([0, ln 2, ln 3]) = [1, 2, 3]/6; equal logits give 1/C. Rows sum to 1.
        var layer = Softmax<Double>()
        let output = layer.forward(Tensor(rows: [[0, log(2), log(3)], [5, 5, 5]]), mode: .training)
        let third = 1.0 / 3
        let expected: [Double] = [1.0 / 6, third, 0.5, third, third, third]
        #expect(isClose(output.scalars, expected))
        // Backward with g = [1, 0, 0] on the first row: ⟨g, y⟩ = 1/6, so
        // ∂L/∂x = y ⊙ (g − 1/6) = [1/6 · 5/6, 1/3 · (−1/6), 1/2 · (−1/6)] = [5/36, −1/18, −1/12].
        // A constant g (second row) has ∂L/∂x = 0: softmax ignores shifts of its input.
        let gradInput = layer.backward(Tensor(rows: [[1, 0, 0], [7, 7, 7]]))
        #expect(isClose(gradInput.scalars, [5.0 / 36, -1.0 / 18, -1.0 / 12, 0, 0, 0]))
    }

    @Test(arguments: [2, 3, 10]) func softmaxRowsSumToOne(classes: Int) {
        var generator = RandomGenerator(seed: UInt64(classes))
        var layer = Softmax<Float>()
        let logits = Tensor<Float>(randomNormal: [4, classes], standardDeviation: 30, using: &generator)
        let output = layer.forward(logits, mode: .inference)
        for row in 0..<4 {
            let total = (0..<classes).reduce(Float(0)) { $0 + output[row, $1] }
            #expect(abs(total - 1) < 1e-5)
        }
        #expect(output.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test(arguments: [1, 2, 5, 1000]) func logSoftmaxOfEqualLogitsIsMinusLogC(classes: Int) {
        // Every class has probability 1/C, so every output is −ln C, whatever the common logit.
        var layer = LogSoftmax<Double>()
        let output = layer.forward(Tensor(repeating: 123.5, shape: [2, classes]), mode: .training)
        #expect(isClose(output.scalars, Array(repeating: -log(Double(classes)), count: 2 * classes)))
    }

    @Test func logSoftmaxClosedForms() {
        // log([1, 2, 3]/6) for logits [0, ln 2, ln 3]; with g = [1, 0, 0]:
        // ∂L/∂x = g − softmax·Σg = [1 − 1/6, −1/3, −1/2].
        var layer = LogSoftmax<Double>()
        let output = layer.forward(Tensor(rows: [[0, log(2), log(3)]]), mode: .training)
        #expect(isClose(output.scalars, [log(1.0 / 6), log(1.0 / 3), log(0.5)]))
        let gradInput = layer.backward(Tensor(rows: [[1, 0, 0]]))
        #expect(isClose(gradInput.scalars, [5.0 / 6, -1.0 / 3, -0.5]))
    }

    @Test func softmaxLayersAcceptAnyLeadingShape() {
        // Normalization runs over the last axis only: a [2, 1, 2] input is two rows of two.
        var layer = Softmax<Double>()
        let output = layer.forward(Tensor(shape: [2, 1, 2], scalars: [0, log(3), log(4), 0]), mode: .training)
        #expect(output.shape == [2, 1, 2])
        #expect(isClose(output.scalars, [0.25, 0.75, 0.8, 0.2]))
    }

    // MARK: Extreme inputs

    @Test(arguments: ElementwiseActivationUnderTest.allCases) func elementwiseLimitsAtPlusMinus1e4(
        _ activation: ElementwiseActivationUnderTest
    ) {
        checkLimits(activation, as: Float.self)
        checkLimits(activation, as: Double.self)
    }

    private func checkLimits<Scalar: TensorScalar>(_ activation: ElementwiseActivationUnderTest, as _: Scalar.Type) {
        let (values, slopes) = valuesAndSlopes(activation.make(Scalar.self), at: [1e4, -1e4])
        let limits = activation.limits
        #expect(values.allSatisfy { $0.isFinite } && slopes.allSatisfy { $0.isFinite }, "\(activation) in \(Scalar.self)")
        #expect(isClose(values, [limits.valuePlus, limits.valueMinus], tolerance: 1e-6), "\(activation) in \(Scalar.self): \(values)")
        #expect(isClose(slopes, [limits.slopePlus, limits.slopeMinus], tolerance: 1e-6), "\(activation) in \(Scalar.self): \(slopes)")
    }

    @Test func softmaxAndLogSoftmaxWithLogitsOf1e4() {
        // Logits [10⁴, −10⁴, 0]: softmax = [1, 0, 0] to all precision; log-softmax =
        // [0, −2·10⁴, −10⁴] (e^(−10⁴) is far below the rounding of 1).
        checkExtremeSoftmax(as: Float.self)
        checkExtremeSoftmax(as: Double.self)
    }

    private func checkExtremeSoftmax<Scalar: TensorScalar>(as _: Scalar.Type) {
        let logits = Tensor<Scalar>(rows: [[10_000, -10_000, 0], [-10_000, -10_000, -10_000]])
        let gradOutput = Tensor<Scalar>(rows: [[1, 2, 3], [1, 0, 0]])
        var softmax = Softmax<Scalar>()
        let probabilities = softmax.forward(logits, mode: .training)
        #expect(isClose(probabilities.scalars, [1, 0, 0, 1.0 / 3, 1.0 / 3, 1.0 / 3], tolerance: 1e-6))
        let softmaxGradient = softmax.backward(gradOutput)
        #expect(softmaxGradient.scalars.allSatisfy { $0.isFinite })
        var logSoftmax = LogSoftmax<Scalar>()
        let logProbabilities = logSoftmax.forward(logits, mode: .training)
        let minusLog3 = -log(3.0)
        #expect(isClose(logProbabilities.scalars, [0, -20_000, -10_000, minusLog3, minusLog3, minusLog3], tolerance: 1e-6))
        // ∂L/∂x = g − softmax·Σg: row 1 is [1 − 6, 2, 3], row 2 is [1 − 1/3, −1/3, −1/3].
        let gradInput = logSoftmax.backward(gradOutput)
        #expect(isClose(gradInput.scalars, [-5, 2, 3, 2.0 / 3, -1.0 / 3, -1.0 / 3], tolerance: 1e-6))
    }

    // MARK: Gradient checks (Double)
    //
    // LayerGradientCheckTests checks every activation at inputs in [−2, 2]. These checks add
    // the regimes that range does not reach, with the public `GradientCheck`.

    /// Inputs over [−25, 25]: the saturated tails, and past the softplus cut-offs at x = 20
    /// (β = 1) and x = 10 (β = 2, threshold 20). The generated inputs keep
    /// `kinkMargin` = 10⁻² away from every declared kink (ReLU's 0, Hardtanh's ±1, the
    /// softplus thresholds).
    @Test(arguments: ElementwiseActivationUnderTest.allCases) func elementwiseGradientOverAWideRange(
        _ activation: ElementwiseActivationUnderTest
    ) {
        var configuration = GradientCheck.Configuration(for: Double.self)
        configuration.inputRange = -25...25
        configuration.seed = 7
        let report = GradientCheck.check(
            layer: activation.make(Double.self), inputShape: [8, 8], configuration: configuration)
        #expect(report.passed, "\(activation): \(report)")
        #expect(report.worstRelativeError <= 1e-6, "\(activation): \(report)")
    }

    /// Logits over [−10, 10]: rows with probabilities down to e⁻²⁰, where softmax saturates.
    @Test(arguments: [false, true]) func softmaxGradientWithWideLogits(logarithmic: Bool) {
        let layer: any Layer<Double> = logarithmic ? LogSoftmax<Double>() : Softmax<Double>()
        var configuration = GradientCheck.Configuration(for: Double.self)
        configuration.inputRange = -10...10
        configuration.seed = 11
        let report = GradientCheck.check(layer: layer, inputShape: [4, 5], configuration: configuration)
        #expect(report.passed, "\(report)")
        #expect(report.worstRelativeError <= 1e-6, "\(report)")
    }

    // MARK: Programmer errors

    @Test(arguments: ElementwiseActivationUnderTest.allCases) func elementwiseBackwardBeforeForwardStops(
        _ activation: ElementwiseActivationUnderTest
    ) async {
        await #expect(processExitsWith: .failure) { [activation] in
            var layer = activation.make(Double.self)
            _ = layer.backward(Tensor(zeros: [2, 3]))
        }
    }

    @Test func nonElementwiseBackwardBeforeForwardStops() async {
        await #expect(processExitsWith: .failure) {
            var layer = PReLU<Double>()
            _ = layer.backward(Tensor(zeros: [2, 3]))
        }
        await #expect(processExitsWith: .failure) {
            var layer = Softmax<Double>()
            _ = layer.backward(Tensor(zeros: [2, 3]))
        }
        await #expect(processExitsWith: .failure) {
            var layer = LogSoftmax<Float>()
            _ = layer.backward(Tensor(zeros: [2, 3]))
        }
    }

    @Test func shapeAndConfigurationErrorsStop() async {
        await #expect(processExitsWith: .failure) {
            var layer = PReLU<Double>(parameterCount: 3)
            _ = layer.forward(Tensor(zeros: [2, 4]), mode: .training)
        }
        await #expect(processExitsWith: .failure) {
            var layer = Softmax<Double>()
            _ = layer.forward(Tensor(zeros: [2, 3]), mode: .training)
            _ = layer.backward(Tensor(zeros: [3, 2]))
        }
        await #expect(processExitsWith: .failure) {
            _ = Hardtanh<Double>(minimum: 1, maximum: -1)
        }
        await #expect(processExitsWith: .failure) {
            _ = Softplus<Double>(beta: 0)
        }
        await #expect(processExitsWith: .failure) {
            _ = PReLU<Float>(parameterCount: 0)
        }
    }

    @Test func descriptionsNameTheFunctionAndOptions() {
        #expect(LeakyReLU<Double>(negativeSlope: 0.2).description == "LeakyReLU(negativeSlope: 0.2)")
        #expect(GELU<Double>().description == "GELU")
        #expect(GELU<Double>(approximation: .tanh).description == "GELU(approximation: tanh)")
        #expect(PReLU<Double>(parameterCount: 5).description == "PReLU(5 slopes)")
        #expect(Softmax<Float>().description == "Softmax")
    }
}
