/// Stops the program with `message` when `condition` is false, in every build configuration.
///
/// Programmer errors in Layerwise (shape mismatches between layers, backward before forward)
/// stop with a message that names the layer and the shapes involved. `precondition` drops its
/// message in optimized builds, so this goes through `fatalError`, which keeps it.
@inline(__always)
func layerPrecondition(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
    file: StaticString = #file, line: UInt = #line
) {
    if !condition() {
        fatalError("Layerwise: " + message(), file: file, line: line)
    }
}

/// Stops with a clear message unless `input` is a `[batch, features]` tensor with the given
/// number of features.
func requireFeatures<Scalar>(
    _ input: Tensor<Scalar>, _ features: Int, in layer: some CustomStringConvertible,
    file: StaticString = #file, line: UInt = #line
) {
    layerPrecondition(
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
        fatalError(
            "Layerwise: \(layer).backward called before forward (gradOutput shape \(gradOutput.shape))",
            file: file, line: line)
    }
    let expected = outputShape(cache)
    layerPrecondition(
        gradOutput.shape == expected,
        "\(layer).backward: gradOutput shape \(gradOutput.shape) does not match the forward output shape \(expected)",
        file: file, line: line)
    return cache
}
