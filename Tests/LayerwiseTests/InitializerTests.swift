import Layerwise
import Testing

/// The sample mean and the sample standard deviation (n − 1 in the denominator).
private func sampleStatistics<Scalar: TensorScalar>(_ tensor: Tensor<Scalar>) -> (mean: Double, standardDeviation: Double) {
    let values = tensor.scalars.map { Double($0) }
    let mean = values.reduce(0, +) / Double(values.count)
    let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (mean, (squares / Double(values.count - 1)).squareRoot())
}

/// The largest magnitude of an element.
private func largestMagnitude<Scalar: TensorScalar>(_ tensor: Tensor<Scalar>) -> Double {
    tensor.scalars.reduce(0) { max($0, abs(Double($1))) }
}

/// Checks a uniform U(−bound, bound) sample: every element within the bound (exactly), the
/// extremes close to it, mean near 0, standard deviation bound/√3 within 2 %.
private func expectUniform<Scalar: TensorScalar>(
    _ tensor: Tensor<Scalar>, bound: Double, sourceLocation: SourceLocation = #_sourceLocation
) {
    let largest = largestMagnitude(tensor)
    #expect(largest <= Double(Scalar(bound)), "an element exceeds the bound \(bound)", sourceLocation: sourceLocation)
    #expect(largest > 0.999 * bound, "the sample never comes near the bound \(bound)", sourceLocation: sourceLocation)
    let (mean, standardDeviation) = sampleStatistics(tensor)
    let expected = bound / 3.0.squareRoot()
    #expect(abs(mean) < 5 * expected / Double(tensor.count).squareRoot(), sourceLocation: sourceLocation)
    #expect(abs(standardDeviation / expected - 1) < 0.02, "std \(standardDeviation), expected \(expected)", sourceLocation: sourceLocation)
}

/// Checks a normal N(0, σ²) sample: mean near 0, standard deviation within 2 % of σ, and
/// about 68.27 % of the elements within one σ (so the normal is not truncated at 2σ either:
/// some elements lie beyond 3σ).
private func expectNormal<Scalar: TensorScalar>(
    _ tensor: Tensor<Scalar>, standardDeviation expected: Double, sourceLocation: SourceLocation = #_sourceLocation
) {
    let (mean, standardDeviation) = sampleStatistics(tensor)
    #expect(abs(mean) < 5 * expected / Double(tensor.count).squareRoot(), sourceLocation: sourceLocation)
    #expect(abs(standardDeviation / expected - 1) < 0.02, "std \(standardDeviation), expected \(expected)", sourceLocation: sourceLocation)
    let withinOne = tensor.scalars.filter { abs(Double($0)) <= expected }.count
    #expect(abs(Double(withinOne) / Double(tensor.count) - 0.6827) < 0.01, sourceLocation: sourceLocation)
    #expect(largestMagnitude(tensor) > 3 * expected, "looks truncated", sourceLocation: sourceLocation)
}

/// The entries of AᵀA (`transposeFirst`) or AAᵀ for a row-major `rows × columns` matrix.
private func gram(_ a: [Double], rows: Int, columns: Int, transposeFirst: Bool) -> [[Double]] {
    let size = transposeFirst ? columns : rows
    var result = [[Double]](repeating: [Double](repeating: 0, count: size), count: size)
    for i in 0..<size {
        for j in 0..<size {
            var sum = 0.0
            if transposeFirst {
                for k in 0..<rows { sum += a[k * columns + i] * a[k * columns + j] }
            } else {
                for k in 0..<columns { sum += a[i * columns + k] * a[j * columns + k] }
            }
            result[i][j] = sum
        }
    }
    return result
}

@Suite struct InitializerTests {
    // MARK: Gains and fans

    @Test func gainsAreCalculateGains() {
        #expect(Nonlinearity.linear.gain == 1)
        #expect(Nonlinearity.identity.gain == 1)
        #expect(Nonlinearity.sigmoid.gain == 1)
        #expect(abs(Nonlinearity.tanh.gain - 1.6666666666666667) < 1e-15)
        #expect(abs(Nonlinearity.relu.gain - 1.4142135623730951) < 1e-15)
        // √(2/(1 + 0.2²)) = √(2/1.04) = √1.923076923… = 1.386750490563…
        #expect(abs(Nonlinearity.leakyReLU(negativeSlope: 0.2).gain - 1.3867504905630728) < 1e-15)
        // PyTorch's calculate_gain("leaky_relu") uses slope 0.01: √(2/1.0001) = 1.414072…
        #expect(abs(Nonlinearity.leakyReLU().gain - 1.4141428569978354) < 1e-15)
        #expect(Nonlinearity.leakyReLU(negativeSlope: 0).gain == Nonlinearity.relu.gain)
        #expect(Nonlinearity.selu.gain == 0.75)
    }

    @Test func fansFollowPyTorch() {
        #expect(fans(of: [3, 5]) == (fanIn: 5, fanOut: 3))
        // [out, in, k₁, k₂]: receptive field 9.
        #expect(fans(of: [16, 8, 3, 3]) == (fanIn: 72, fanOut: 144))
        #expect(fans(of: [4, 6, 5]) == (fanIn: 30, fanOut: 20))
        #expect(FanMode.fanIn.fan(of: [16, 8, 3, 3]) == 72)
        #expect(FanMode.fanOut.fan(of: [16, 8, 3, 3]) == 144)
    }

    @Test func fansOfAVectorStop() async {
        await #expect(processExitsWith: .failure) {
            _ = fans(of: [5])
        }
    }

    // MARK: Xavier

    @Test func xavierUniformBound() {
        var generator = RandomGenerator(seed: 1)
        // [300, 500]: b = 2·√(6/800) = 2·0.0866025403784… = 0.173205080756887…
        let weight: Tensor<Double> = XavierUniform(gain: 2).makeTensor(shape: [300, 500], using: &generator)
        #expect(weight.shape == [300, 500])
        expectUniform(weight, bound: 0.17320508075688773)
        #expect(abs(XavierUniform(gain: 2).bound(for: [300, 500]) - 0.17320508075688773) < 1e-15)
    }

    @Test func xavierUniformFloatRespectsTheBound() {
        var generator = RandomGenerator(seed: 2)
        // [100, 50, 3]: fanIn 150, fanOut 300, b = √(6/450) = 0.115470053837925…
        let weight: Tensor<Float> = XavierUniform().makeTensor(shape: [100, 50, 3], using: &generator)
        expectUniform(weight, bound: 0.11547005383792516)
    }

    @Test func xavierNormalStandardDeviation() {
        var generator = RandomGenerator(seed: 3)
        // [300, 500]: σ = √(2/800) = 0.05.
        let weight: Tensor<Double> = XavierNormal().makeTensor(shape: [300, 500], using: &generator)
        expectNormal(weight, standardDeviation: 0.05)
        // gain 5/3 (tanh): σ = 0.05·5/3.
        let tanhWeight: Tensor<Float> = XavierNormal(gain: Nonlinearity.tanh.gain)
            .makeTensor(shape: [300, 500], using: &generator)
        expectNormal(tanhWeight, standardDeviation: 0.08333333333333333)
    }

    // MARK: Kaiming

    @Test func kaimingUniformDefaultsArePyTorchs() {
        var generator = RandomGenerator(seed: 4)
        // a = 0, fan_in, leaky_relu: gain √2, b = √2·√(3/600) = √(6/600) = 0.1.
        let weight: Tensor<Double> = KaimingUniform().makeTensor(shape: [200, 600], using: &generator)
        expectUniform(weight, bound: 0.1)
    }

    @Test func kaimingUniformFanOut() {
        var generator = RandomGenerator(seed: 5)
        // fan_out = 200, relu: b = √2·√(3/200) = √0.03 = 0.17320508…
        let weight: Tensor<Double> = KaimingUniform(mode: .fanOut, nonlinearity: .relu)
            .makeTensor(shape: [200, 600], using: &generator)
        expectUniform(weight, bound: 0.17320508075688773)
    }

    @Test func kaimingUniformWithSlopeRootFiveIsLinearsDefault() {
        // gain √(2/(1+5)) = √(1/3); b = √(1/3)·√(3/fanIn) = 1/√fanIn = 1/√400 = 0.05.
        let initializer = KaimingUniform(nonlinearity: .leakyReLU(negativeSlope: 5.0.squareRoot()))
        #expect(abs(initializer.bound(for: [100, 400]) - 0.05) < 1e-15)
        var generator = RandomGenerator(seed: 6)
        let weight: Tensor<Double> = initializer.makeTensor(shape: [300, 400], using: &generator)
        expectUniform(weight, bound: 0.05)
    }

    @Test func kaimingNormalStandardDeviation() {
        var generator = RandomGenerator(seed: 7)
        // Defaults: σ = √2/√600 = √(1/300) = 0.0577350269189626.
        let weight: Tensor<Double> = KaimingNormal().makeTensor(shape: [200, 600], using: &generator)
        expectNormal(weight, standardDeviation: 0.05773502691896258)
        // fan_out of [64, 32, 3, 3] = 576, tanh: σ = (5/3)/24 = 0.069444…
        let convolution: Tensor<Double> = KaimingNormal(mode: .fanOut, nonlinearity: .tanh)
            .makeTensor(shape: [64, 32, 3, 3], using: &generator)
        expectNormal(convolution, standardDeviation: 0.06944444444444445)
    }

    // MARK: LeCun

    @Test func lecunNormalStandardDeviation() {
        var generator = RandomGenerator(seed: 8)
        // [300, 400]: σ = 1/√400 = 0.05.
        let weight: Tensor<Double> = LeCunNormal().makeTensor(shape: [300, 400], using: &generator)
        expectNormal(weight, standardDeviation: 0.05)
        // [64, 16, 3, 3]: fan-in 144, σ = 1/12.
        let convolution: Tensor<Float> = LeCunNormal().makeTensor(shape: [64, 16, 3, 3], using: &generator)
        expectNormal(convolution, standardDeviation: 1.0 / 12)
    }

    // MARK: Orthogonal

    @Test(arguments: [([50, 20], 1.0), ([20, 50], 1.0), ([30, 30], 1.0), ([8, 4, 3, 3], 2.0), ([40, 1], 0.5)])
    func orthogonalIsOrthogonal(shape: [Int], gain: Double) {
        var generator = RandomGenerator(seed: 9)
        let weight: Tensor<Double> = Orthogonal(gain: gain).makeTensor(shape: shape, using: &generator)
        #expect(weight.shape == shape)
        let rows = shape[0]
        let columns = weight.count / rows
        // Tall or square: WᵀW = gain²·I (orthonormal columns); wide: WWᵀ = gain²·I.
        let product = gram(weight.scalars, rows: rows, columns: columns, transposeFirst: rows >= columns)
        var worst = 0.0
        for i in product.indices {
            for j in product.indices {
                let expected = i == j ? gain * gain : 0
                worst = max(worst, abs(product[i][j] - expected))
            }
        }
        #expect(worst < 1e-12, "largest deviation from gain²·I: \(worst)")
    }

    @Test func orthogonalInFloat() {
        var generator = RandomGenerator(seed: 10)
        let weight: Tensor<Float> = Orthogonal().makeTensor(shape: [24, 16], using: &generator)
        let product = gram(weight.scalars.map { Double($0) }, rows: 24, columns: 16, transposeFirst: true)
        for i in 0..<16 {
            for j in 0..<16 {
                #expect(abs(product[i][j] - (i == j ? 1 : 0)) < 1e-5)
            }
        }
    }

    /// The sign correction: W = Q·diag(sign(Rⱼⱼ)) is the Q of the QR factorization whose R has
    /// a positive diagonal, so R = WᵀA (tall) is upper triangular with Rⱼⱼ > 0. A is the
    /// documented draw: a rows × cols matrix of `nextNormal()` values, row-major.
    @Test(arguments: [[12, 5], [5, 12]])
    func orthogonalFollowsTheSignOfR(shape: [Int]) {
        var generator = RandomGenerator(seed: 11)
        var replay = generator
        let weight: Tensor<Double> = Orthogonal().makeTensor(shape: shape, using: &generator)
        let (rows, columns) = (shape[0], shape[1])
        let drawn = (0..<(rows * columns)).map { _ in replay.nextNormal() }
        // Tall: R = WᵀA, n = columns. Wide: the tall matrix is Aᵀ and its Q is Wᵀ, so R = W·Aᵀ.
        let n = min(rows, columns)
        let m = max(rows, columns)
        func tallQ(_ i: Int, _ j: Int) -> Double { rows >= columns ? weight[i, j] : weight[j, i] }
        func tallA(_ i: Int, _ j: Int) -> Double { rows >= columns ? drawn[i * columns + j] : drawn[j * columns + i] }
        for i in 0..<n {
            for j in 0..<n {
                var r = 0.0
                for k in 0..<m { r += tallQ(k, i) * tallA(k, j) }
                if i > j { #expect(abs(r) < 1e-12, "R[\(i), \(j)] = \(r) below the diagonal") }
                if i == j { #expect(r > 0, "R[\(i), \(i)] = \(r) is not positive") }
            }
        }
    }

    @Test func orthogonalOfAVectorStops() async {
        await #expect(processExitsWith: .failure) {
            var generator = RandomGenerator(seed: 0)
            let _: Tensor<Double> = Orthogonal().makeTensor(shape: [5], using: &generator)
        }
    }

    // MARK: Constant, sugar, edge cases

    @Test func constantFillsAndDrawsNothing() {
        var generator = RandomGenerator(seed: 12)
        let before = generator
        let weight: Tensor<Float> = Constant(0.25).makeTensor(shape: [3, 4], using: &generator)
        #expect(weight.shape == [3, 4])
        #expect(weight.scalars == [Float](repeating: 0.25, count: 12))
        let vector: Tensor<Double> = Constant(-3).makeTensor(shape: [5], using: &generator)
        #expect(vector.scalars == [-3, -3, -3, -3, -3])
        #expect(generator == before)
    }

    @Test func emptyShapesDrawNothing() {
        var generator = RandomGenerator(seed: 13)
        let before = generator
        let initializers: [any Initializer] = [
            XavierUniform(), XavierNormal(), KaimingUniform(), KaimingNormal(), LeCunNormal(), Orthogonal(),
        ]
        for initializer in initializers {
            let weight: Tensor<Double> = initializer.makeTensor(shape: [0, 5], using: &generator)
            #expect(weight.shape == [0, 5])
            #expect(weight.count == 0)
        }
        #expect(generator == before)
    }

    @Test func staticMemberSugarBuildsTheSameRules() {
        func bound(_ initializer: some Initializer, seed: UInt64) -> Double {
            var generator = RandomGenerator(seed: seed)
            let weight: Tensor<Double> = initializer.makeTensor(shape: [40, 60], using: &generator)
            return largestMagnitude(weight)
        }
        #expect(bound(.xavierUniform(gain: 3), seed: 1) == bound(XavierUniform(gain: 3), seed: 1))
        #expect(bound(.xavierNormal(), seed: 2) == bound(XavierNormal(), seed: 2))
        #expect(bound(.kaimingUniform(mode: .fanOut), seed: 3) == bound(KaimingUniform(mode: .fanOut), seed: 3))
        #expect(bound(.kaimingNormal(nonlinearity: .selu), seed: 4) == bound(KaimingNormal(nonlinearity: .selu), seed: 4))
        #expect(bound(.lecunNormal, seed: 5) == bound(LeCunNormal(), seed: 5))
        #expect(bound(.orthogonal(gain: 2), seed: 6) == bound(Orthogonal(gain: 2), seed: 6))
        #expect(bound(.constant(0.5), seed: 7) == 0.5)
        #expect(bound(.zeros, seed: 7) == 0)
        #expect(bound(.ones, seed: 7) == 1)
    }

    @Test func sameSeedSameTensor() {
        var first = RandomGenerator(seed: 14)
        var second = RandomGenerator(seed: 14)
        let a: Tensor<Double> = KaimingNormal().makeTensor(shape: [10, 10], using: &first)
        let b: Tensor<Double> = KaimingNormal().makeTensor(shape: [10, 10], using: &second)
        #expect(a == b)
        let c: Tensor<Double> = KaimingNormal().makeTensor(shape: [10, 10], using: &first)
        #expect(a != c)
    }

    @Test func linearTakesAnInitializer() {
        var generator = RandomGenerator(seed: 15)
        let layer = Linear<Double>(
            inputSize: 4, outputSize: 3, weightInitializer: .constant(0.5), biasInitializer: Constant(-1),
            generator: &generator)
        #expect(layer.weight.value.scalars == [Double](repeating: 0.5, count: 12))
        #expect(layer.bias?.value.scalars == [-1, -1, -1])
    }
}
