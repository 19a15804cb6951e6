import Layerwise
import Testing

/// The matrix product against sums written out by hand, for every transpose combination.
@Suite struct MatrixProductTests {
    /// a = [[1, 2, 3], [4, 5, 6]] (2×3), b = [[7, 8], [9, 10], [11, 12]] (3×2).
    let a = Tensor<Double>(rows: [[1, 2, 3], [4, 5, 6]])
    let b = Tensor<Double>(rows: [[7, 8], [9, 10], [11, 12]])
    /// a·b by hand: [[1·7+2·9+3·11, 1·8+2·10+3·12], [4·7+5·9+6·11, 4·8+5·10+6·12]].
    let product = Tensor<Double>(rows: [[58, 64], [139, 154]])

    @Test func plainProduct() {
        #expect(Tensor.matmul(a, b) == product)
    }

    @Test func transposedLeftOperand() {
        #expect(Tensor.matmul(a.transposed(), transposeA: true, b) == product)
    }

    @Test func transposedRightOperand() {
        #expect(Tensor.matmul(a, b.transposed(), transposeB: true) == product)
    }

    @Test func bothTransposed() {
        #expect(Tensor.matmul(a.transposed(), transposeA: true, b.transposed(), transposeB: true) == product)
    }

    @Test func accumulatesIntoExistingResult() {
        var result = Tensor<Double>(repeating: 1, shape: [2, 2])
        Tensor.matmul(a, b, into: &result, accumulate: true)
        #expect(result == Tensor(rows: [[59, 65], [140, 155]]))
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func floatMatchesDoubleOnRandomShapes(transposeA: Bool, transposeB: Bool) {
        var generator = RandomGenerator(seed: 7)
        let (m, k, n) = (13, 37, 9)
        let left = Tensor<Double>(randomNormal: transposeA ? [k, m] : [m, k], using: &generator)
        let right = Tensor<Double>(randomNormal: transposeB ? [n, k] : [k, n], using: &generator)
        let reference = Tensor.matmul(left, transposeA: transposeA, right, transposeB: transposeB)
        // Each element by its defining sum, written independently of the kernel.
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k {
                    let x = transposeA ? left[p, i] : left[i, p]
                    let y = transposeB ? right[j, p] : right[p, j]
                    sum += x * y
                }
                #expect(abs(reference[i, j] - sum) <= 1e-12 * max(1, abs(sum)))
            }
        }
        let single = Tensor.matmul(
            Tensor<Float>(left), transposeA: transposeA, Tensor<Float>(right), transposeB: transposeB)
        for (x, y) in zip(single.scalars, reference.scalars) {
            #expect(abs(Double(x) - y) <= 1e-4 * max(1, abs(y)))
        }
    }
}
