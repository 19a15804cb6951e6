extension Tensor {
    /// The index of the largest element of every row of a `[N, C]` tensor: the predicted
    /// class of every row of logits (PyTorch's `logits.argmax(dim=1)`).
    ///
    /// On ties the first largest element wins; NaN counts as larger than every number (the
    /// first NaN wins), as in PyTorch.
    ///
    /// - Returns: N indices in `0..<C`.
    /// - Precondition: the tensor is `[N, C]` with C > 0.
    /// - Complexity: O(N·C).
    public func argmaxPerRow() -> [Int] {
        checkPrecondition(
            rank == 2 && shape[1] > 0, "argmaxPerRow expects a [batch, classes] tensor, got shape \(shape)")
        let columns = shape[1]
        var result: [Int] = []
        result.reserveCapacity(shape[0])
        for row in 0..<shape[0] {
            let start = row * columns
            var best = 0
            var bestValue = scalars[start]
            if !bestValue.isNaN {
                for column in 1..<columns {
                    let value = scalars[start + column]
                    if value.isNaN {
                        best = column
                        break
                    }
                    if value > bestValue {
                        best = column
                        bestValue = value
                    }
                }
            }
            result.append(best)
        }
        return result
    }
}
