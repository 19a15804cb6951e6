/// A data file that could not be read: which file, where in it, and what was wrong.
///
/// Thrown by the IDX, gzip, CSV and safetensors readers and the checkpoint functions. The description reads like a compiler message:
///
/// ```text
/// train.csv:14:3: "x" is not a number
/// t10k-images-idx3-ubyte.gz: byte 1208: invalid Huffman code
/// model.safetensors: tensor "0.weight": shape [4, 3] in the file, [3, 4] in the model
/// ```
public struct DataFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file (its path) or another name for the bytes, such as `"<memory>"`.
    public var source: String
    /// Where the problem is.
    public var location: DataFileLocation
    /// What is wrong, in words.
    public var reason: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - source: The file's path or a name for the bytes.
    ///   - location: Where the problem is.
    ///   - reason: What is wrong.
    public init(source: String, location: DataFileLocation, reason: String) {
        self.source = source
        self.location = location
        self.reason = reason
    }

    /// `source: location: reason`, the location left out when it is `.wholeFile`.
    public var description: String {
        switch location {
        case .wholeFile: "\(source): \(reason)"
        case .byteOffset(let offset): "\(source): byte \(offset): \(reason)"
        case .line(let line, let column): "\(source):\(line):\(column): \(reason)"
        case .tensor(let name): "\(source): tensor \"\(name)\": \(reason)"
        }
    }
}
