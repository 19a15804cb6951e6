/// The extent of the last axis of `input`, over which softmax-like layers normalize; stops
/// with a message naming `layer` when the input has no axis or an empty last axis.
func lastAxisExtent<Scalar>(
    of input: Tensor<Scalar>, in layer: some CustomStringConvertible,
    file: StaticString = #file, line: UInt = #line
) -> Int {
    checkPrecondition(
        input.rank >= 1 && input.shape[input.rank - 1] > 0,
        "\(layer) normalizes over the last axis and expects a shape like [batch, classes] with classes > 0, got \(input.shape)",
        file: file, line: line)
    return input.shape[input.rank - 1]
}
