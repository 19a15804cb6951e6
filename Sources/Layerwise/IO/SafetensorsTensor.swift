/// One tensor of a safetensors file: its element type, shape and little-endian bytes.
public struct SafetensorsTensor: Sendable, Equatable {
    /// The element type.
    public let dtype: SafetensorsDType
    /// The extent of each dimension, outermost first (`[]` for a scalar).
    public let shape: [Int]
    /// The elements, row-major, little-endian: `shape.reduce(1, *) × dtype.byteCount` bytes.
    public let data: [UInt8]

    /// The number of elements.
    public var count: Int { shape.reduce(1, *) }

    /// Wraps bytes already checked to fit `shape` and `dtype`.
    init(dtype: SafetensorsDType, shape: [Int], data: [UInt8]) {
        self.dtype = dtype
        self.shape = shape
        self.data = data
    }

    /// Stores a tensor's elements as `F32` or `F64`.
    ///
    /// - Parameters:
    ///   - tensor: The values.
    ///   - dtype: `.float32` or `.float64`; by default the tensor's own precision, which
    ///     stores the values exactly.
    /// - Precondition: `dtype` is `.float32` or `.float64`.
    public init<Scalar: TensorScalar>(_ tensor: Tensor<Scalar>, dtype: SafetensorsDType? = nil) {
        let type = dtype ?? (Scalar.self == Float.self ? .float32 : .float64)
        var data: [UInt8] = []
        data.reserveCapacity(tensor.count * type.byteCount)
        switch type {
        case .float32:
            for value in tensor.scalars { Self.appendLittleEndian(UInt64(Float(Double(value)).bitPattern), bytes: 4, to: &data) }
        case .float64:
            for value in tensor.scalars { Self.appendLittleEndian(Double(value).bitPattern, bytes: 8, to: &data) }
        default:
            programmerError("SafetensorsTensor: Layerwise writes tensors as F32 or F64, not \(type.rawValue)")
        }
        self.init(dtype: type, shape: tensor.shape, data: data)
    }

    /// Stores integers as `I64`.
    ///
    /// - Parameters:
    ///   - integers: The values, row-major.
    ///   - shape: Their shape (`[]` for one number).
    /// - Precondition: `integers.count` is the product of `shape`.
    public init(int64 integers: [Int], shape: [Int]) {
        checkPrecondition(integers.count == shape.reduce(1, *), "SafetensorsTensor: \(integers.count) integers do not fill shape \(shape)")
        var data: [UInt8] = []
        for value in integers { Self.appendLittleEndian(UInt64(bitPattern: Int64(value)), bytes: 8, to: &data) }
        self.init(dtype: .int64, shape: shape, data: data)
    }

    private static func appendLittleEndian(_ bits: UInt64, bytes: Int, to data: inout [UInt8]) {
        for index in 0..<bytes { data.append(UInt8(truncatingIfNeeded: bits >> UInt64(8 * index))) }
    }

    /// The little-endian unsigned integer of `byteCount` bytes at element `index`.
    private func bits(at index: Int) -> UInt64 {
        let size = dtype.byteCount
        var bits: UInt64 = 0
        for byte in (0..<size).reversed() { bits = bits << 8 | UInt64(data[index * size + byte]) }
        return bits
    }

    /// The elements as `Double`s, exactly, for the floating-point types (nil for the others).
    public func doubleValues() -> [Double]? {
        switch dtype {
        case .float64: return (0..<count).map { Double(bitPattern: bits(at: $0)) }
        case .float32: return (0..<count).map { Double(Float(bitPattern: UInt32(bits(at: $0)))) }
        case .float16: return (0..<count).map { Double(Self.floatFromHalf(UInt16(bits(at: $0)))) }
        case .bfloat16: return (0..<count).map { Double(Float(bitPattern: UInt32(bits(at: $0)) << 16)) }
        default: return nil
        }
    }

    /// The elements as integers, for `I64` (nil for the other types).
    public func int64Values() -> [Int]? {
        guard dtype == .int64 else { return nil }
        return (0..<count).map { Int(Int64(bitPattern: bits(at: $0))) }
    }

    /// The elements converted to `Scalar`, for the floating-point types (nil for the others).
    ///
    /// `F32` into `Float` and every floating type into `Double` are exact; `F64` into `Float`
    /// rounds to nearest.
    public func tensor<Scalar: TensorScalar>(as type: Scalar.Type = Scalar.self) -> Tensor<Scalar>? {
        if dtype == .float32 && Scalar.self == Float.self {
            return Tensor(shape: shape, scalars: (0..<count).map { Scalar(Float(bitPattern: UInt32(bits(at: $0)))) })
        }
        guard let values = doubleValues() else { return nil }
        return Tensor(shape: shape, scalars: values.map { Scalar($0) })
    }

    /// The `Float` with the value of an IEEE 754 half (binary16), exactly.
    static func floatFromHalf(_ half: UInt16) -> Float {
        let sign = UInt32(half >> 15) << 31
        let exponent = UInt32(half >> 10) & 0x1F
        let fraction = UInt32(half) & 0x3FF
        switch exponent {
        case 0:
            // Zero or subnormal: fraction × 2⁻²⁴.
            let magnitude = Float(fraction) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        case 31:
            // Infinity or NaN (the payload kept in the top fraction bits).
            return Float(bitPattern: sign | 0x7F80_0000 | fraction << 13)
        default:
            // Rebias the exponent from 15 to 127.
            return Float(bitPattern: sign | (exponent + 112) << 23 | fraction << 13)
        }
    }
}
