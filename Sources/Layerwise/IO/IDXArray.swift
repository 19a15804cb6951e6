import Foundation

/// An array read from an IDX file, the format of MNIST and MNIST-1D, raw or gzip-compressed.
///
/// An IDX file is a 4-byte magic number — two zero bytes, the element type
/// (`IDXElementType`), the number of dimensions — then each dimension's extent as a 32-bit
/// big-endian integer, then the elements in row-major order, big-endian. Reading checks the
/// magic number, that the extents' product does not overflow, and that the data is exactly as
/// long as the shape says (a truncated file and trailing bytes are both errors). A file that
/// starts with the gzip magic bytes is decompressed first (`Gzip`).
///
/// ```swift
/// let images = try IDXArray(contentsOf: URL(fileURLWithPath: "t10k-images-idx3-ubyte.gz"))
/// let labels = try IDXArray(contentsOf: URL(fileURLWithPath: "t10k-labels-idx1-ubyte.gz"))
/// let pixels: Tensor<Float> = images.examples(as: Float.self) * (1 / 255)   // [10000, 784]
/// let test = Dataset(features: pixels, labels: try labels.labels())
/// ```
public struct IDXArray: Sendable, Equatable {
    /// The type of the stored elements.
    public let elementType: IDXElementType
    /// The extent of each dimension, outermost first.
    public let shape: [Int]
    /// The file's name (or `"<memory>"`), for error messages.
    public let source: String
    /// The elements as stored: `count × elementType.byteCount` big-endian bytes.
    private let payload: [UInt8]

    /// The number of elements, the product of `shape`.
    public var count: Int { payload.count / elementType.byteCount }

    /// Reads an IDX file, gzip-compressed or not.
    ///
    /// - Parameter url: The file.
    /// - Throws: `DataFileError` naming the file and the byte offset of the problem.
    public init(contentsOf url: URL) throws(DataFileError) {
        try self.init(bytes: readFileBytes(url), source: url.path)
    }

    /// Parses the contents of an IDX file, decompressing them first when they are gzip data.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - source: The file's name, for error messages.
    /// - Throws: `DataFileError` naming the byte offset of the problem (in the decompressed
    ///   data for a gzip file).
    public init(bytes: [UInt8], source: String = "<memory>") throws(DataFileError) {
        let data = Gzip.isCompressed(bytes) ? try Gzip.decompress(bytes, source: source) : bytes
        func failure(_ offset: Int, _ reason: String) -> DataFileError {
            let name = Gzip.isCompressed(bytes) ? source + " (decompressed)" : source
            return DataFileError(source: name, location: .byteOffset(offset), reason: reason)
        }
        guard data.count >= 4 else {
            throw failure(0, "\(data.count) bytes are too short for an IDX magic number (4)")
        }
        guard data[0] == 0, data[1] == 0 else {
            throw failure(0, "not an IDX file: the magic number starts with \(hex(data[0], digits: 2)) \(hex(data[1], digits: 2)), not 00 00")
        }
        guard let type = IDXElementType(rawValue: data[2]) else {
            throw failure(2, "unknown IDX element type 0x\(hex(data[2], digits: 2)) (known: 08, 09, 0B, 0C, 0D, 0E)")
        }
        let rank = Int(data[3])
        let headerSize = 4 + 4 * rank
        guard data.count >= headerSize else {
            throw failure(data.count, "file ends inside the \(rank) dimension sizes (header needs \(headerSize) bytes)")
        }
        var extents: [Int] = []
        // The product of the non-zero extents is bounded too, so that no product of some of
        // the extents (as in `examples(as:)`) overflows, even when another extent is 0.
        var nonZeroProduct = 1
        for axis in 0..<rank {
            let offset = 4 + 4 * axis
            let extent = Int(data[offset]) << 24 | Int(data[offset + 1]) << 16
                | Int(data[offset + 2]) << 8 | Int(data[offset + 3])
            extents.append(extent)
            let (product, overflow) = nonZeroProduct.multipliedReportingOverflow(by: max(extent, 1))
            guard !overflow, product <= Int.max / 8 else {
                throw failure(offset, "shape \(extents)… holds too many elements")
            }
            nonZeroProduct = product
        }
        let elementCount = extents.contains(0) ? 0 : nonZeroProduct
        let payloadSize = elementCount * type.byteCount
        let available = data.count - headerSize
        guard available >= payloadSize else {
            throw failure(data.count, "file ends after \(available) data bytes; shape \(extents) of \(type) needs \(payloadSize)")
        }
        guard available == payloadSize else {
            throw failure(headerSize + payloadSize, "\(available - payloadSize) bytes after the data of shape \(extents)")
        }
        elementType = type
        shape = extents
        self.source = source
        payload = Array(data[headerSize...])
    }

    /// The element at row-major position `index`, exactly (every IDX type fits in a `Double`).
    ///
    /// - Precondition: `0 ≤ index < count`.
    public func element(at index: Int) -> Double {
        checkPrecondition(index >= 0 && index < count, "IDXArray: element \(index) is outside 0..<\(count)")
        let start = index * elementType.byteCount
        var bits: UInt64 = 0
        for byte in payload[start..<start + elementType.byteCount] {
            bits = bits << 8 | UInt64(byte)
        }
        switch elementType {
        case .unsignedByte: return Double(bits)
        case .signedByte: return Double(Int8(truncatingIfNeeded: bits))
        case .short: return Double(Int16(truncatingIfNeeded: bits))
        case .int: return Double(Int32(truncatingIfNeeded: bits))
        case .float: return Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
        case .double: return Double(bitPattern: bits)
        }
    }

    /// The elements converted to `Scalar`, with the file's shape.
    ///
    /// - Parameter type: `Float` or `Double`.
    /// - Returns: A tensor of shape `shape`; a `.float` file read as `Float` is exact, as is
    ///   every type read as `Double`.
    /// - Complexity: O(count), one concrete loop per element type.
    public func tensor<Scalar: TensorScalar>(as type: Scalar.Type = Scalar.self) -> Tensor<Scalar> {
        switch Scalar.concrete {
        case .float:
            let scalars = decodeIDXPayload(payload, elementType: elementType, count: count, as: Float.self)
            return Tensor(shape: shape, scalars: scalars.viewed(as: Scalar.self))
        case .double:
            let scalars = decodeIDXPayload(payload, elementType: elementType, count: count, as: Double.self)
            return Tensor(shape: shape, scalars: scalars.viewed(as: Scalar.self))
        }
    }

    /// The elements as a `[N, F]` matrix of examples: the first axis kept, the others
    /// flattened (MNIST's `[10000, 28, 28]` becomes `[10000, 784]`).
    ///
    /// - Parameter type: `Float` or `Double`.
    /// - Precondition: the array has at least one dimension.
    public func examples<Scalar: TensorScalar>(as type: Scalar.Type = Scalar.self) -> Tensor<Scalar> {
        checkPrecondition(!shape.isEmpty, "IDXArray.examples: a rank-0 array has no examples")
        let examples = shape[0]
        let features = shape.dropFirst().reduce(1, *)
        return tensor(as: type).reshaped(to: [examples, features])
    }

    /// The elements as class labels: one integer per element.
    ///
    /// - Returns: The elements in row-major order.
    /// - Throws: `DataFileError` when the element type is not an integer type or an element
    ///   is negative (named by its byte offset in the file).
    public func labels() throws(DataFileError) -> [Int] {
        guard elementType.isInteger else {
            throw DataFileError(
                source: source, location: .wholeFile,
                reason: "labels must be integers, but the elements are \(elementType)")
        }
        var result: [Int] = []
        result.reserveCapacity(count)
        for index in 0..<count {
            let value = Int(element(at: index))
            guard value >= 0 else {
                throw DataFileError(
                    source: source,
                    location: .byteOffset(4 + 4 * shape.count + index * elementType.byteCount),
                    reason: "label \(index) is negative (\(value))")
            }
            result.append(value)
        }
        return result
    }
}
