import Foundation

extension Layer {
    /// Writes the parameters and state tensors to a safetensors file under PyTorch's
    /// `state_dict` names, atomically (see `SafetensorsFile.write(to:)`).
    ///
    /// The file loads into the equivalent PyTorch module with
    /// `module.load_state_dict(safetensors.torch.load_file(path))`.
    ///
    /// - Parameters:
    ///   - url: The destination; a previous file there is replaced only once the new one is
    ///     complete on the disk.
    ///   - dtype: `.float32` or `.float64`; by default the model's own precision.
    ///   - metadata: Strings to store in the header's `__metadata__`.
    /// - Throws: `DataFileError` when the file cannot be written.
    public func saveWeights(
        to url: URL, dtype: SafetensorsDType? = nil, metadata: [String: String] = [:]
    ) throws(DataFileError) {
        var file = SafetensorsFile(weightsOf: self, dtype: dtype)
        file.metadata.merge(metadata) { _, new in new }
        try file.write(to: url)
    }

    /// Reads the parameters and state tensors from a safetensors file, as written by
    /// `saveWeights(to:)` or by PyTorch's `save_file(module.state_dict(), path)`.
    ///
    /// - Parameter url: The file.
    /// - Throws: `DataFileError` naming the file, the tensor and the problem (see
    ///   `SafetensorsFile.restoreWeights(into:)`); the model is then unchanged.
    public mutating func loadWeights(from url: URL) throws(DataFileError) {
        try SafetensorsFile(contentsOf: url).restoreWeights(into: &self)
    }
}
