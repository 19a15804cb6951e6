/// Stops with a clear message unless `input` is a `[batch, features]` tensor with the given
/// number of features.
func requireFeatures<Scalar>(
    _ input: Tensor<Scalar>, _ features: Int, in layer: some CustomStringConvertible,
    file: StaticString = #file, line: UInt = #line
) {
    checkPrecondition(
        input.rank == 2 && input.shape[1] == features,
        "\(layer) expects input of shape [batch, \(features)], got \(input.shape)",
        file: file, line: line)
}

/// Stops with a clear message unless a forward pass came before this backward pass and the
/// incoming gradient has the shape of that pass's output. Returns what forward remembered.
func requireForward<Cache>(
    _ cache: Cache?, gradOutput: Tensor<some TensorScalar>, outputShape: (Cache) -> [Int],
    in layer: some CustomStringConvertible, file: StaticString = #file, line: UInt = #line
) -> Cache {
    guard let cache else {
        programmerError(
            "\(layer).backward called before forward (gradOutput shape \(gradOutput.shape))",
            file: file, line: line)
    }
    let expected = outputShape(cache)
    checkPrecondition(
        gradOutput.shape == expected,
        "\(layer).backward: gradOutput shape \(gradOutput.shape) does not match the forward output shape \(expected)",
        file: file, line: line)
    return cache
}
