/// Orthogonal initialization (Saxe et al., 2013; PyTorch's `orthogonal_`).
///
/// For a shape `[rows, …]`, the tensor is viewed as a matrix of `rows × cols` with
/// cols = count/rows, and filled as PyTorch does:
/// 1. draw A, a `rows × cols` matrix of N(0, 1) numbers (row-major, one `nextNormal()` per
///    element), and transpose it when rows < cols, so that A is tall (m × n, m ≥ n);
/// 2. factor A = Q·R (Householder reflections, in Double), Q of m × n with orthonormal
///    columns and R upper triangular of n × n;
/// 3. multiply each column j of Q by sign(Rⱼⱼ), which makes the factorization unique (the R
///    of the result has a positive diagonal) and Q uniformly (Haar) distributed;
/// 4. transpose back when rows < cols, and multiply by `gain`.
///
/// The result W satisfies WᵀW = gain²·I when rows ≥ cols (orthonormal columns) and
/// WWᵀ = gain²·I when rows < cols (orthonormal rows).
///
/// PyTorch multiplies by `sign(diag(R))`, which is 0 for an exactly zero Rⱼⱼ; that needs a
/// column of A in the span of the previous ones (probability zero), and here takes sign +1 so
/// that Q stays orthonormal.
public struct Orthogonal: Initializer {
    /// The factor applied to the orthogonal matrix.
    public let gain: Double

    /// Creates the initializer.
    ///
    /// - Parameter gain: The scaling factor (default 1).
    public init(gain: Double = 1) {
        checkPrecondition(gain.isFinite, "Orthogonal: gain must be finite, got \(gain)")
        self.gain = gain
    }

    /// Returns a (semi-)orthogonal matrix of the given shape, scaled by `gain`.
    ///
    /// - Precondition: `shape` has at least two dimensions. A tensor with no elements is
    ///   returned empty, without draws.
    /// - Complexity: O(m·n²) for the m × n tall matrix.
    public func makeTensor<Scalar: TensorScalar>(
        shape: [Int], using generator: inout RandomGenerator
    ) -> Tensor<Scalar> {
        checkPrecondition(
            shape.count >= 2, "Orthogonal: only tensors with 2 or more dimensions are supported, got shape \(shape)")
        let count = shape.reduce(1, *)
        guard count > 0 else { return Tensor(zeros: shape) }
        let rows = shape[0]
        let columns = count / rows

        var matrix = [Double](repeating: 0, count: count)
        for index in matrix.indices { matrix[index] = generator.nextNormal() }
        let isWide = rows < columns
        let (tallRows, tallColumns) = isWide ? (columns, rows) : (rows, columns)
        if isWide { matrix = transpose(matrix, rows: rows, columns: columns) }

        var (q, rDiagonal) = householderQR(matrix, rows: tallRows, columns: tallColumns)
        for column in 0..<tallColumns where rDiagonal[column] < 0 {
            for row in 0..<tallRows { q[row * tallColumns + column] = -q[row * tallColumns + column] }
        }
        if isWide { q = transpose(q, rows: tallRows, columns: tallColumns) }
        return Tensor(shape: shape, scalars: q.map { Scalar(gain * $0) })
    }
}

extension Initializer where Self == Orthogonal {
    /// Orthogonal initialization: a (semi-)orthogonal matrix times `gain`.
    ///
    /// - Parameter gain: The scaling factor (default 1).
    public static func orthogonal(gain: Double = 1) -> Orthogonal {
        Orthogonal(gain: gain)
    }
}

/// The transpose of a row-major `rows × columns` matrix.
private func transpose(_ matrix: [Double], rows: Int, columns: Int) -> [Double] {
    var result = [Double](repeating: 0, count: matrix.count)
    for row in 0..<rows {
        for column in 0..<columns {
            result[column * rows + row] = matrix[row * columns + column]
        }
    }
    return result
}

/// The thin QR factorization A = Q·R of a row-major m × n matrix with m ≥ n, by Householder
/// reflections.
///
/// Step k reflects the column x = A[k..<m, k] onto α·e₁ with α = −sign(x₀)·‖x‖ (the sign that
/// avoids cancellation), using H = I − 2vvᵀ, v = (x − α·e₁)/‖x − α·e₁‖; then Rₖₖ = α.
/// Q = H₀·H₁·…·Hₙ₋₁ restricted to its first n columns is built by applying the reflections
/// in reverse order to the first n columns of the identity.
///
/// - Returns: Q (row-major m × n, orthonormal columns) and the diagonal of R.
private func householderQR(_ a: [Double], rows m: Int, columns n: Int) -> (q: [Double], rDiagonal: [Double]) {
    var r = a
    var reflectors: [[Double]] = []
    var rDiagonal = [Double](repeating: 0, count: n)
    for k in 0..<n {
        var norm = 0.0
        for i in k..<m { norm += r[i * n + k] * r[i * n + k] }
        norm = norm.squareRoot()
        guard norm > 0 else {
            reflectors.append([])  // the column is already zero below the diagonal: H = I
            continue
        }
        let alpha = r[k * n + k] >= 0 ? -norm : norm
        var v = (k..<m).map { r[$0 * n + k] }
        v[0] -= alpha
        let vNorm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        for i in v.indices { v[i] /= vNorm }
        for j in k..<n {
            var dot = 0.0
            for i in k..<m { dot += v[i - k] * r[i * n + j] }
            for i in k..<m { r[i * n + j] -= 2 * v[i - k] * dot }
        }
        rDiagonal[k] = alpha
        reflectors.append(v)
    }

    var q = [Double](repeating: 0, count: m * n)
    for j in 0..<n { q[j * n + j] = 1 }
    for k in stride(from: n - 1, through: 0, by: -1) where !reflectors[k].isEmpty {
        let v = reflectors[k]
        for j in 0..<n {
            var dot = 0.0
            for i in k..<m { dot += v[i - k] * q[i * n + j] }
            for i in k..<m { q[i * n + j] -= 2 * v[i - k] * dot }
        }
    }
    return (q, rDiagonal)
}
