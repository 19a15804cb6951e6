import Foundation

/// The contents of a safetensors file: named tensors and string metadata.
///
/// The format (<https://github.com/huggingface/safetensors>): an 8-byte little-endian
/// unsigned header length N, N bytes of JSON header, then the tensor data. The header maps each
/// tensor name to `{"dtype": "F32", "shape": [3, 4], "data_offsets": [begin, end]}`, offsets
/// relative to the start of the data; the optional `"__metadata__"` entry maps strings to
/// strings.
///
/// Reading checks everything before anything is used, and throws a `DataFileError` naming the
/// file, the byte offset or the tensor, and the problem:
/// - the file holds the 8-byte length, and the header fits inside the file (at most 100 MB);
/// - the header is valid UTF-8 JSON, an object, with no duplicate names;
/// - every entry has exactly `dtype` (a known type), `shape` (non-negative integers whose
///   product does not overflow) and `data_offsets` (two integers, begin ≤ end); names are
///   non-empty; `__metadata__` maps strings to strings;
/// - each tensor's byte length equals its element count times its element size;
/// - the tensors' byte ranges lie inside the data, do not overlap and cover it with no gap, so
///   a truncated file, trailing bytes and hidden data are all errors.
///
/// Writing lays the tensors out in insertion order, pads the header with spaces so the data
/// starts on an 8-byte boundary (as the reference implementation does), and replaces the file
/// atomically (`AtomicFileWriter`).
///
/// ```swift
/// var file = SafetensorsFile()
/// file["0.weight"] = SafetensorsTensor(linear.weight.value)
/// file.metadata["format"] = "pt"
/// try file.write(to: url)
/// let weight: Tensor<Float> = try SafetensorsFile(contentsOf: url).tensor(named: "0.weight")
/// ```
public struct SafetensorsFile: Sendable, Equatable {
    /// The largest header accepted, as in the reference implementation.
    public static let maximumHeaderSize = 100_000_000

    /// The `__metadata__` entries.
    public var metadata: [String: String] = [:]
    /// The tensor names in file order (the order of their data).
    public private(set) var names: [String] = []
    /// The tensors by name.
    private var tensors: [String: SafetensorsTensor] = [:]
    /// The file's name, for error messages (`"<memory>"` for a file being built).
    public let source: String

    /// An empty file, to be filled and written.
    public init() {
        source = "<memory>"
    }

    /// Equal when the metadata, the tensor names in order and the tensors are equal (the
    /// `source` is not compared).
    public static func == (lhs: SafetensorsFile, rhs: SafetensorsFile) -> Bool {
        lhs.metadata == rhs.metadata && lhs.names == rhs.names && lhs.tensors == rhs.tensors
    }

    /// The tensor with the given name; setting a new name appends it, `nil` removes it.
    ///
    /// - Precondition: a name set is not empty and is not `"__metadata__"`.
    public subscript(name: String) -> SafetensorsTensor? {
        get { tensors[name] }
        set {
            checkPrecondition(!name.isEmpty && name != "__metadata__", "SafetensorsFile: invalid tensor name \"\(name)\"")
            if let newValue {
                if tensors.updateValue(newValue, forKey: name) == nil { names.append(name) }
            } else if tensors.removeValue(forKey: name) != nil {
                names.removeAll { $0 == name }
            }
        }
    }

    /// Reads and checks a safetensors file.
    ///
    /// - Parameter url: The file.
    /// - Throws: `DataFileError` naming the file and the problem.
    public init(contentsOf url: URL) throws(DataFileError) {
        try self.init(bytes: readFileBytes(url), source: url.path)
    }

    /// Parses and checks the bytes of a safetensors file.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - source: The file's name, for error messages.
    /// - Throws: `DataFileError` naming the byte offset or the tensor of the first problem.
    /// - Complexity: O(file size + k log k) for k tensors.
    public init(bytes: [UInt8], source: String = "<memory>") throws(DataFileError) {
        self.source = source
        func failure(_ location: DataFileLocation, _ reason: String) -> DataFileError {
            DataFileError(source: source, location: location, reason: reason)
        }
        guard bytes.count >= 8 else {
            throw failure(.byteOffset(0), "\(bytes.count) bytes are too short for the 8-byte header length")
        }
        let declared = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[$1]) << UInt64(8 * $1) }
        guard declared <= UInt64(Self.maximumHeaderSize) else {
            throw failure(.byteOffset(0), "header length \(declared) is larger than the limit of \(Self.maximumHeaderSize) bytes")
        }
        let headerSize = Int(declared)
        guard headerSize <= bytes.count - 8 else {
            throw failure(.byteOffset(0), "header length \(headerSize) runs past the end of the file (\(bytes.count) bytes): the file is truncated")
        }
        guard headerSize >= 2, bytes[8] == UInt8(ascii: "{") else {
            throw failure(.byteOffset(8), "the header does not start with '{'")
        }
        guard case .object(let entries) = try JSONParser.parse(bytes, range: 8..<8 + headerSize, source: source) else {
            throw failure(.byteOffset(8), "the header is not a JSON object")
        }
        let dataStart = 8 + headerSize
        let dataSize = bytes.count - dataStart

        var layout: [(name: String, begin: Int, end: Int, dtype: SafetensorsDType, shape: [Int])] = []
        for (name, value) in entries {
            if name == "__metadata__" {
                guard case .object(let pairs) = value else {
                    throw failure(.tensor(name), "__metadata__ must be an object of strings, not \(value.kind)")
                }
                for (key, text) in pairs {
                    guard case .string(let string) = text else {
                        throw failure(.tensor(name), "metadata \"\(key)\" must be a string, not \(text.kind)")
                    }
                    metadata[key] = string
                }
                continue
            }
            layout.append(try Self.tensorInfo(name: name, value: value, failure: failure))
        }
        // The byte ranges, in order, must tile the data exactly.
        layout.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        var covered = 0
        for entry in layout {
            guard entry.begin == covered else {
                throw failure(.tensor(entry.name), entry.begin < covered
                    ? "data_offsets [\(entry.begin), \(entry.end)] overlap the previous tensor's data (which ends at \(covered))"
                    : "data_offsets [\(entry.begin), \(entry.end)] leave bytes \(covered)..<\(entry.begin) of the data unused")
            }
            guard entry.end <= dataSize else {
                throw failure(.tensor(entry.name), "data_offsets [\(entry.begin), \(entry.end)] run past the end of the data (\(dataSize) bytes): the file is truncated")
            }
            covered = entry.end
        }
        guard covered == dataSize else {
            throw failure(.byteOffset(dataStart + covered), "\(dataSize - covered) bytes after the last tensor's data")
        }
        for entry in layout {
            tensors[entry.name] = SafetensorsTensor(
                dtype: entry.dtype, shape: entry.shape,
                data: Array(bytes[dataStart + entry.begin..<dataStart + entry.end]))
            names.append(entry.name)
        }
    }

    /// Checks one header entry: dtype, shape and offsets, and that they agree.
    private static func tensorInfo(
        name: String, value: JSONValue, failure: (DataFileLocation, String) -> DataFileError
    ) throws(DataFileError) -> (name: String, begin: Int, end: Int, dtype: SafetensorsDType, shape: [Int]) {
        guard !name.isEmpty else { throw failure(.tensor(name), "empty tensor name") }
        guard case .object(let fields) = value else {
            throw failure(.tensor(name), "the entry must be an object, not \(value.kind)")
        }
        var dtype: SafetensorsDType?
        var shape: [Int]?
        var offsets: (Int, Int)?
        for (key, field) in fields {
            switch key {
            case "dtype":
                guard case .string(let text) = field, let type = SafetensorsDType(rawValue: text) else {
                    throw failure(.tensor(name), "unknown dtype \(field.serialized) (known: \(SafetensorsDType.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                dtype = type
            case "shape":
                guard case .array(let extents) = field else {
                    throw failure(.tensor(name), "shape must be an array of non-negative integers, not \(field.kind)")
                }
                var result: [Int] = []
                for extent in extents {
                    guard let value = extent.nonNegativeInteger else {
                        throw failure(.tensor(name), "shape \(field.serialized) must hold non-negative integers")
                    }
                    result.append(value)
                }
                shape = result
            case "data_offsets":
                guard case .array(let pair) = field, pair.count == 2,
                    let begin = pair[0].nonNegativeInteger, let end = pair[1].nonNegativeInteger
                else {
                    throw failure(.tensor(name), "data_offsets \(field.serialized) must be two non-negative integers")
                }
                guard begin <= end else {
                    throw failure(.tensor(name), "data_offsets [\(begin), \(end)] end before they begin")
                }
                offsets = (begin, end)
            default:
                throw failure(.tensor(name), "unexpected field \"\(key)\" (a tensor has dtype, shape and data_offsets)")
            }
        }
        guard let dtype else { throw failure(.tensor(name), "missing dtype") }
        guard let shape else { throw failure(.tensor(name), "missing shape") }
        guard let offsets else { throw failure(.tensor(name), "missing data_offsets") }
        // The product of the non-zero extents must not overflow either, so that no product of
        // some of the extents does, even when another extent is 0.
        var nonZeroByteCount = dtype.byteCount
        for extent in shape {
            let (product, overflow) = nonZeroByteCount.multipliedReportingOverflow(by: max(extent, 1))
            guard !overflow else { throw failure(.tensor(name), "shape \(shape) of \(dtype.rawValue) is too large") }
            nonZeroByteCount = product
        }
        let byteCount = shape.contains(0) ? 0 : nonZeroByteCount
        guard offsets.1 - offsets.0 == byteCount else {
            throw failure(.tensor(name), "data_offsets [\(offsets.0), \(offsets.1)] hold \(offsets.1 - offsets.0) bytes, but shape \(shape) of \(dtype.rawValue) needs \(byteCount)")
        }
        return (name, offsets.0, offsets.1, dtype, shape)
    }

    /// The file's bytes: length, header (metadata first, then the tensors in order), data.
    public func serialized() -> [UInt8] {
        var members: [(key: String, value: JSONValue)] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { (key: $0, value: JSONValue.string(metadata[$0]!)) }
            members.append(("__metadata__", .object(pairs)))
        }
        var offset = 0
        for name in names {
            let tensor = tensors[name]!
            let entry: JSONValue = .object([
                ("dtype", .string(tensor.dtype.rawValue)),
                ("shape", .array(tensor.shape.map { .number(String($0)) })),
                ("data_offsets", .array([.number(String(offset)), .number(String(offset + tensor.data.count))])),
            ])
            members.append((name, entry))
            offset += tensor.data.count
        }
        var header = Array(JSONValue.object(members).serialized.utf8)
        while (8 + header.count) % 8 != 0 { header.append(UInt8(ascii: " ")) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + header.count + offset)
        for index in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: UInt64(header.count) >> UInt64(8 * index))) }
        bytes += header
        for name in names { bytes += tensors[name]!.data }
        return bytes
    }

    /// Writes the file atomically: a temporary file in the same folder, flushed to disk, then
    /// renamed over `url`. If anything fails (or the process dies), the previous file at `url`
    /// is left as it was.
    ///
    /// - Parameter url: The destination.
    /// - Throws: `DataFileError` naming the file when the folder is not writable or the disk is full.
    public func write(to url: URL) throws(DataFileError) {
        let writer = try AtomicFileWriter(destination: url)
        do {
            try writer.write(serialized())
            try writer.commit()
        } catch {
            writer.abandon()
            throw error
        }
    }

    /// The tensor `name` converted to `Scalar`.
    ///
    /// - Parameters:
    ///   - name: The tensor's name.
    ///   - type: `Float` or `Double`.
    /// - Throws: `DataFileError` when there is no such tensor or its type is not floating-point.
    public func tensor<Scalar: TensorScalar>(named name: String, as type: Scalar.Type = Scalar.self) throws(DataFileError) -> Tensor<Scalar> {
        guard let stored = tensors[name] else {
            throw DataFileError(source: source, location: .tensor(name), reason: "no such tensor in the file")
        }
        guard let tensor = stored.tensor(as: type) else {
            throw DataFileError(source: source, location: .tensor(name), reason: "dtype \(stored.dtype.rawValue) is not a floating-point type (F64, F32, F16, BF16)")
        }
        return tensor
    }
}
