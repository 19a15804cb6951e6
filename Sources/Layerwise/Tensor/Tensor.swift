/// A multi-dimensional array of scalars: row-major, contiguous, with value semantics.
///
/// The elements live in one Swift array, so copies are cheap until one of them is mutated
/// (copy-on-write). Shapes follow PyTorch's conventions: a batch of feature vectors is
/// `[batch, features]`, a `Linear` weight is `[outputSize, inputSize]`.
///
/// ```swift
/// var generator = RandomGenerator(seed: 42)
/// let x = Tensor<Float>(randomNormal: [32, 784], using: &generator)
/// let y = Tensor<Float>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
/// print(y[1, 2])  // 6.0
/// ```
public struct Tensor<Scalar: TensorScalar>: Sendable, Equatable, Codable {
    /// The extent of each dimension, outermost first.
    public private(set) var shape: [Int]
    /// The elements in row-major order; `scalars.count == shape.reduce(1, *)`.
    public internal(set) var scalars: [Scalar]

    /// Creates a tensor of the given shape from its elements in row-major order.
    ///
    /// - Precondition: `scalars.count` equals the product of `shape`, and no extent is negative.
    public init(shape: [Int], scalars: [Scalar]) {
        checkPrecondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative extent in shape \(shape)")
        checkPrecondition(
            scalars.count == shape.reduce(1, *),
            "Tensor: \(scalars.count) scalars do not fill shape \(shape) (\(shape.reduce(1, *)) needed)")
        self.shape = shape
        self.scalars = scalars
    }

    /// Creates a one-dimensional tensor holding `scalars`.
    public init(_ scalars: [Scalar]) {
        self.init(shape: [scalars.count], scalars: scalars)
    }

    /// Creates a two-dimensional tensor from its rows.
    ///
    /// - Precondition: every row has the same length.
    public init(rows: [[Scalar]]) {
        let columns = rows.first?.count ?? 0
        checkPrecondition(
            rows.allSatisfy { $0.count == columns }, "Tensor(rows:): rows have different lengths")
        self.init(shape: [rows.count, columns], scalars: rows.flatMap { $0 })
    }

    /// Creates a tensor of the given shape with every element equal to `value`.
    public init(repeating value: Scalar, shape: [Int]) {
        checkPrecondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative extent in shape \(shape)")
        self.shape = shape
        self.scalars = Array(repeating: value, count: shape.reduce(1, *))
    }

    /// Creates a tensor of zeros.
    public init(zeros shape: [Int]) {
        self.init(repeating: 0, shape: shape)
    }

    /// Creates a tensor of numbers drawn uniformly from `range` (half-open at the top).
    public init(
        randomUniform shape: [Int], in range: ClosedRange<Scalar> = 0...1,
        using generator: inout RandomGenerator
    ) {
        self.init(zeros: shape)
        let low = Double(range.lowerBound)
        let width = Double(range.upperBound) - low
        for index in scalars.indices {
            scalars[index] = Scalar(low + width * generator.nextUniform())
        }
    }

    /// Creates a tensor of numbers drawn from the normal distribution N(mean, standardDeviation²).
    public init(
        randomNormal shape: [Int], mean: Scalar = 0, standardDeviation: Scalar = 1,
        using generator: inout RandomGenerator
    ) {
        self.init(zeros: shape)
        let mu = Double(mean)
        let sigma = Double(standardDeviation)
        for index in scalars.indices {
            scalars[index] = Scalar(mu + sigma * generator.nextNormal())
        }
    }

    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// The number of elements.
    public var count: Int { scalars.count }

    /// The element at the given multi-dimensional index.
    ///
    /// - Precondition: one index per dimension, each within its extent.
    public subscript(indices: Int...) -> Scalar {
        get { scalars[flatIndex(indices)] }
        set { scalars[flatIndex(indices)] = newValue }
    }

    /// The row-major position of a multi-dimensional index.
    public func flatIndex(_ indices: [Int]) -> Int {
        checkPrecondition(
            indices.count == shape.count,
            "Tensor: index \(indices) has \(indices.count) components for a tensor of shape \(shape)")
        var position = 0
        for (index, extent) in zip(indices, shape) {
            checkPrecondition(index >= 0 && index < extent, "Tensor: index \(indices) is outside shape \(shape)")
            position = position * extent + index
        }
        return position
    }

    /// The same elements viewed with another shape; one extent may be `-1` and is inferred.
    ///
    /// - Precondition: the new shape holds exactly `count` elements.
    public func reshaped(to newShape: [Int]) -> Tensor {
        var resolved = newShape
        if let inferred = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != inferred }.map(\.element).reduce(1, *)
            checkPrecondition(
                known > 0 && count % known == 0,
                "Tensor.reshaped: cannot infer an extent of \(newShape) for \(count) elements")
            resolved[inferred] = count / known
        }
        checkPrecondition(
            resolved.reduce(1, *) == count,
            "Tensor.reshaped: shape \(shape) (\(count) elements) cannot be viewed as \(newShape)")
        return Tensor(shape: resolved, scalars: scalars)
    }

    /// Sets every element to `value` without reallocating when the storage is not shared.
    public mutating func fill(with value: Scalar) {
        Scalar._fill(&scalars, with: value)
    }

    /// Gives the tensor the shape `[rows, columns]` for a computation that then overwrites every
    /// element: the storage is kept when it is not shared (its capacity too, so a smaller batch
    /// followed by a larger one does not reallocate), and the shape array is updated in place.
    /// The elements are unspecified afterwards.
    mutating func reuseStorage(rows: Int, columns: Int) {
        if shape.count == 2 {
            if shape[0] != rows { shape[0] = rows }
            if shape[1] != columns { shape[1] = columns }
        } else {
            shape = [rows, columns]
        }
        Scalar._resize(&scalars, to: rows * columns)
    }

    /// Gives the tensor the shape of `other` for a computation that then overwrites every
    /// element, keeping its storage when it is not shared. The elements are unspecified.
    mutating func reuseStorage(shapedLike other: Tensor) {
        if shape.count == other.rank {
            // Element by element, so that this tensor's shape array is never shared with
            // another buffer's (a later in-place update would copy it).
            for axis in shape.indices where shape[axis] != other.shape[axis] { shape[axis] = other.shape[axis] }
        } else {
            shape = other.shape
        }
        Scalar._resize(&scalars, to: other.count)
    }

    /// Returns a tensor of the same shape with `transform` applied to every element.
    public func map(_ transform: (Scalar) throws -> Scalar) rethrows -> Tensor {
        Tensor(shape: shape, scalars: try scalars.map(transform))
    }

    /// The sum of all elements.
    public func sum() -> Scalar {
        scalars.reduce(0, +)
    }

    /// The transpose of a two-dimensional tensor.
    public func transposed() -> Tensor {
        checkPrecondition(rank == 2, "Tensor.transposed: needs a rank-2 tensor, got shape \(shape)")
        let rows = shape[0]
        let columns = shape[1]
        var result = Tensor(zeros: [columns, rows])
        for row in 0..<rows {
            for column in 0..<columns {
                result.scalars[column * rows + row] = scalars[row * columns + column]
            }
        }
        return result
    }

    /// Converts the elements to another scalar type.
    public init<Other: TensorScalar>(_ other: Tensor<Other>) {
        self.init(shape: other.shape, scalars: other.scalars.map { Scalar($0) })
    }
}

extension Tensor: CustomStringConvertible {
    /// A short description: the shape and, for small tensors, the elements.
    public var description: String {
        let shown = count <= 16 ? " \(scalars)" : " (\(count) elements)"
        return "Tensor\(shape)\(shown)"
    }
}
