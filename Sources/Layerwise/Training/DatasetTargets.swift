/// The targets of a data set: one entry per example, along the first axis, from which the
/// entries of a mini-batch can be gathered.
///
/// Two kinds conform: class labels (`[Int]`, one index per example, for
/// `SoftmaxCrossEntropy`'s `.classes`) and tensors (`Tensor`, whose first axis runs over the
/// examples, for regression losses or soft targets).
public protocol DatasetTargets: Sendable {
    /// The number of examples.
    var exampleCount: Int { get }

    /// The entries of the examples at `indices`, in that order.
    ///
    /// - Parameter indices: Example indices, each in `0..<exampleCount`; repeats are allowed.
    /// - Returns: A value holding `indices.count` examples.
    func gathering(_ indices: ArraySlice<Int>) -> Self
}

/// Class labels: example i has the label `self[i]`.
extension Array: DatasetTargets where Element == Int {
    /// The number of labels.
    public var exampleCount: Int { count }

    /// The labels at `indices`, in that order.
    ///
    /// - Parameter indices: Positions in this array.
    /// - Returns: `indices.map { self[$0] }`.
    public func gathering(_ indices: ArraySlice<Int>) -> [Int] {
        indices.map { self[$0] }
    }
}

/// A tensor whose first axis runs over the examples: example i is the sub-tensor `self[i, …]`.
extension Tensor: DatasetTargets {
    /// The extent of the first axis.
    ///
    /// - Precondition: the tensor has rank ≥ 1.
    public var exampleCount: Int {
        checkPrecondition(rank >= 1, "a tensor of examples needs a first axis, got shape \(shape)")
        return shape[0]
    }

    /// The sub-tensors at `indices` along the first axis, stacked in that order: the result has
    /// shape `[indices.count] + shape.dropFirst()`.
    ///
    /// - Parameter indices: Positions along the first axis.
    /// - Complexity: O(indices.count × the size of one example).
    public func gathering(_ indices: ArraySlice<Int>) -> Tensor {
        let examples = exampleCount
        let exampleSize = examples == 0 ? 0 : count / examples
        var gathered: [Scalar] = []
        gathered.reserveCapacity(indices.count * exampleSize)
        for index in indices {
            checkPrecondition(
                index >= 0 && index < examples,
                "gathering example \(index) from a tensor of shape \(shape)")
            gathered.append(contentsOf: scalars[index * exampleSize..<(index + 1) * exampleSize])
        }
        return Tensor(shape: [indices.count] + shape.dropFirst(), scalars: gathered)
    }
}
