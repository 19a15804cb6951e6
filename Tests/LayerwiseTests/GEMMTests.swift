import Layerwise
import Testing

/// The matrix product against a straightforward reference: every element is its defining
/// sum Σ_p op(A)[i, p]·op(B)[p, j], accumulated in Double from the same operands.
///
/// Float results must lie within the rigorous error bound of a k-term Float dot product
/// summed in up to three depth blocks (and added to C₀ when accumulating),
/// |ĉ − c| ≤ (k + 4)·u·Σ_p |op(A)[i, p]·op(B)[p, j]| + 2u·|c|, with u = 2⁻²⁴. A wrong
/// index, a dropped or doubled term, or a misplaced edge tile misses it by orders of
/// magnitude. Shapes straddle every tile and block size of every kernel (AVX-512 6×64, AVX2
/// 6×16, portable and NEON 4×16; KC 256/384, MC 64/72/96, NC 1024) and include the
/// matrix-vector cases (m = 1 or n = 1).
@Suite struct GEMMTests {
    /// (m, k, n).
    static let shapes: [(Int, Int, Int)] = [
        (1, 1, 1), (1, 5, 1), (3, 1, 4), (2, 3, 5), (7, 13, 11), (13, 37, 9),
        (4, 16, 16), (5, 17, 63), (6, 16, 64), (7, 17, 65), (12, 8, 128), (1, 784, 256),
        (128, 128, 10), (200, 50, 3), (17, 385, 130), (97, 257, 3), (73, 520, 67),
        (17, 769, 70), (65, 31, 33), (7, 97, 1030), (9, 33, 1), (300, 70, 1), (1, 40, 1030),
        (1, 1030, 100),
    ]

    static let transposes = [(false, false), (true, false), (false, true), (true, true)]

    /// Every (shape, transposeA, transposeB) case.
    static let cases: [GEMMCase] = shapes.flatMap { shape in
        transposes.map { GEMMCase(m: shape.0, k: shape.1, n: shape.2, transposeA: $0.0, transposeB: $0.1) }
    }

    @Test(arguments: cases)
    func floatMatchesReferenceForEveryKernel(_ testCase: GEMMCase) {
        var generator = RandomGenerator(seed: UInt64(testCase.m * 1_000_003 + testCase.k * 1009 + testCase.n))
        let (a, b) = testCase.floatOperands(using: &generator)
        let reference = testCase.reference(a.scalars.map(Double.init), b.scalars.map(Double.init))
        for kernel in _GEMMKernel.available {
            for threads in [1, 2] {
                var result = Tensor<Float>(repeating: .nan, shape: [testCase.m, testCase.n])
                Tensor._matmul(
                    a, transposeA: testCase.transposeA, b, transposeB: testCase.transposeB,
                    into: &result, accumulate: false, kernel: kernel, threads: threads)
                let worst = reference.worstViolation(of: result.scalars, initial: nil, k: testCase.k)
                #expect(worst <= 1, "\(kernel), \(threads) threads, \(testCase): error \(worst) × bound")
            }
        }
        // The public entry point (best kernel, configured threads).
        let product = Tensor.matmul(a, transposeA: testCase.transposeA, b, transposeB: testCase.transposeB)
        #expect(product.shape == [testCase.m, testCase.n])
        #expect(reference.worstViolation(of: product.scalars, initial: nil, k: testCase.k) <= 1)
    }

    @Test(arguments: cases.filter { $0.m * $0.n * $0.k >= 1000 || $0.m == 1 })
    func floatAccumulatesIntoExistingValues(_ testCase: GEMMCase) {
        var generator = RandomGenerator(seed: 11)
        let (a, b) = testCase.floatOperands(using: &generator)
        let initial = Tensor<Float>(randomUniform: [testCase.m, testCase.n], in: -4...4, using: &generator)
        let reference = testCase.reference(a.scalars.map(Double.init), b.scalars.map(Double.init))
        for kernel in _GEMMKernel.available {
            for threads in [1, 2] {
                var result = initial
                Tensor._matmul(
                    a, transposeA: testCase.transposeA, b, transposeB: testCase.transposeB,
                    into: &result, accumulate: true, kernel: kernel, threads: threads)
                let worst = reference.worstViolation(of: result.scalars, initial: initial.scalars, k: testCase.k)
                #expect(worst <= 1, "\(kernel), \(threads) threads, \(testCase): error \(worst) × bound")
            }
        }
    }

    @Test(arguments: cases.filter { $0.m * $0.n * $0.k <= 200_000 })
    func doubleMatchesReference(_ testCase: GEMMCase) {
        var generator = RandomGenerator(seed: 5)
        let a = Tensor<Double>(
            randomUniform: testCase.transposeA ? [testCase.k, testCase.m] : [testCase.m, testCase.k],
            in: -1...1, using: &generator)
        let b = Tensor<Double>(
            randomUniform: testCase.transposeB ? [testCase.n, testCase.k] : [testCase.k, testCase.n],
            in: -1...1, using: &generator)
        let initial = Tensor<Double>(randomUniform: [testCase.m, testCase.n], in: -1...1, using: &generator)
        let reference = testCase.reference(a.scalars, b.scalars)
        let product = Tensor.matmul(a, transposeA: testCase.transposeA, b, transposeB: testCase.transposeB)
        var accumulated = initial
        Tensor.matmul(
            a, transposeA: testCase.transposeA, b, transposeB: testCase.transposeB,
            into: &accumulated, accumulate: true)
        for index in reference.values.indices {
            // Double sums of k terms: within (k + 1)·2⁻⁵³·Σ|terms| of the reference's own sum,
            // which itself has that much error; 4·k·2⁻⁵³ covers both.
            let bound = 4 * Double(testCase.k + 1) * 0x1p-53 * reference.magnitudes[index] + 1e-300
            #expect(abs(product.scalars[index] - reference.values[index]) <= bound)
            #expect(
                abs(accumulated.scalars[index] - (initial.scalars[index] + reference.values[index]))
                    <= bound + 0x1p-52 * abs(initial.scalars[index]))
        }
    }

    /// Shapes large enough to be split across threads (at least 2¹⁹ multiply-adds), along
    /// columns (m ≤ n) and along rows (500×100×128), directly and through Cᵀ = Bᵀ·Aᵀ
    /// (301×257×70, 1000×100×7), and matrix-vector products (m = 1 or n = 1).
    static let splitShapes: [(Int, Int, Int)] = [
        (130, 300, 200), (500, 100, 128), (301, 257, 70), (67, 700, 129), (1000, 100, 7),
        (6, 1000, 1000), (1, 1000, 700), (700, 1000, 1),
    ]

    @Test(arguments: splitShapes.flatMap { shape in
        transposes.map { GEMMCase(m: shape.0, k: shape.1, n: shape.2, transposeA: $0.0, transposeB: $0.1) }
    })
    func resultsAreBitwiseIdenticalForEveryThreadCount(_ testCase: GEMMCase) {
        var generator = RandomGenerator(seed: 23)
        let (a, b) = testCase.floatOperands(using: &generator)
        let initial = Tensor<Float>(randomUniform: [testCase.m, testCase.n], in: -1...1, using: &generator)
        for kernel in _GEMMKernel.available {
            for accumulate in [false, true] {
                var serial = initial
                Tensor._matmul(
                    a, transposeA: testCase.transposeA, b, transposeB: testCase.transposeB,
                    into: &serial, accumulate: accumulate, kernel: kernel, threads: 1)
                for threads in [2, 3, 2] {
                    var split = initial
                    Tensor._matmul(
                        a, transposeA: testCase.transposeA, b, transposeB: testCase.transposeB,
                        into: &split, accumulate: accumulate, kernel: kernel, threads: threads)
                    #expect(
                        split.scalars.map(\.bitPattern) == serial.scalars.map(\.bitPattern),
                        "\(kernel), \(threads) threads, accumulate \(accumulate), \(testCase)")
                }
            }
        }
    }

    @Test func replacingNeverReadsTheOldResult() {
        // beta = 0: NaN in the result's old storage must not leak into the product.
        let a = Tensor<Float>(rows: [[1, 2], [3, 4]])
        let b = Tensor<Float>(rows: [[5, 6], [7, 8]])
        for kernel in _GEMMKernel.available {
            var result = Tensor<Float>(repeating: .nan, shape: [2, 2])
            Tensor._matmul(a, b, into: &result, accumulate: false, kernel: kernel, threads: 1)
            // [[1·5 + 2·7, 1·6 + 2·8], [3·5 + 4·7, 3·6 + 4·8]]
            #expect(result == Tensor(rows: [[19, 22], [43, 50]]), "\(kernel)")
        }
    }

    @Test(arguments: [false, true])
    func emptySumIsZero(accumulate: Bool) {
        // k = 0: the product is a sum of no terms.
        let a = Tensor<Float>(zeros: [3, 0])
        let b = Tensor<Float>(zeros: [0, 4])
        for kernel in _GEMMKernel.available {
            var result = Tensor<Float>(repeating: 2.5, shape: [3, 4])
            Tensor._matmul(a, b, into: &result, accumulate: accumulate, kernel: kernel, threads: 2)
            #expect(result == Tensor(repeating: accumulate ? 2.5 : 0, shape: [3, 4]), "\(kernel)")
        }
        var double = Tensor<Double>(repeating: 2.5, shape: [3, 4])
        Tensor.matmul(Tensor<Double>(zeros: [3, 0]), Tensor<Double>(zeros: [0, 4]), into: &double, accumulate: accumulate)
        #expect(double == Tensor(repeating: accumulate ? 2.5 : 0, shape: [3, 4]))
    }

    @Test func portableKernelIsAlwaysAvailable() {
        #expect(_GEMMKernel.portable.isAvailable)
        #expect(_GEMMKernel.available.contains(_GEMMKernel.best))
    }

    @Test func threadCountIsConfigurable() {
        let original = Parallelism.threadCount
        defer { Parallelism.threadCount = original }
        #expect(original >= 1 && original <= Parallelism.maximumThreadCount)
        Parallelism.threadCount = 1
        #expect(Parallelism.threadCount == 1)
        Parallelism.threadCount = Parallelism.maximumThreadCount + 5
        #expect(Parallelism.threadCount == Parallelism.maximumThreadCount)
    }
}

/// One product shape with its transposes.
struct GEMMCase: CustomTestStringConvertible, Sendable {
    var m: Int
    var k: Int
    var n: Int
    var transposeA: Bool
    var transposeB: Bool

    var testDescription: String {
        "\(m)×\(k)×\(n) \(transposeA ? "T" : "N")\(transposeB ? "T" : "N")"
    }

    /// Random Float operands stored as `[k, m]`/`[n, k]` when transposed.
    func floatOperands(using generator: inout RandomGenerator) -> (Tensor<Float>, Tensor<Float>) {
        let a = Tensor<Float>(randomUniform: transposeA ? [k, m] : [m, k], in: -1...1, using: &generator)
        let b = Tensor<Float>(randomUniform: transposeB ? [n, k] : [k, n], in: -1...1, using: &generator)
        return (a, b)
    }

    /// Each element's defining sum, and the sum of the magnitudes of its terms, in Double.
    func reference(_ a: [Double], _ b: [Double]) -> GEMMReference {
        var values = [Double](repeating: 0, count: m * n)
        var magnitudes = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                var magnitude = 0.0
                for p in 0..<k {
                    let x = transposeA ? a[p * m + i] : a[i * k + p]
                    let y = transposeB ? b[j * k + p] : b[p * n + j]
                    sum += x * y
                    magnitude += abs(x * y)
                }
                values[i * n + j] = sum
                magnitudes[i * n + j] = magnitude
            }
        }
        return GEMMReference(values: values, magnitudes: magnitudes)
    }
}

/// Reference values of a product and the magnitudes that bound its rounding error.
struct GEMMReference {
    var values: [Double]
    var magnitudes: [Double]

    /// The largest error of `result` (plus `initial` when accumulating) relative to the Float
    /// error bound; at most 1 means every element is within the bound.
    func worstViolation(of result: [Float], initial: [Float]?, k: Int) -> Double {
        let unitRoundoff = 0x1p-24
        var worst = 0.0
        for index in values.indices {
            let start = initial.map { Double($0[index]) } ?? 0
            let expected = start + values[index]
            let bound = Double(k + 4) * unitRoundoff * magnitudes[index] + 2 * unitRoundoff * abs(expected) + 1e-30
            let error = abs(Double(result[index]) - expected)
            worst = max(worst, error.isNaN ? .infinity : error / bound)
        }
        return worst
    }
}
