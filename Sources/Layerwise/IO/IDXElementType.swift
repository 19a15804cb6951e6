/// The element type of an IDX file: the third byte of its magic number.
///
/// All multi-byte elements are stored big-endian (most significant byte first).
public enum IDXElementType: UInt8, Sendable, CaseIterable {
    /// 0x08: unsigned byte, 0…255 (MNIST images and labels).
    case unsignedByte = 0x08
    /// 0x09: signed byte, −128…127.
    case signedByte = 0x09
    /// 0x0B: 16-bit signed integer.
    case short = 0x0B
    /// 0x0C: 32-bit signed integer.
    case int = 0x0C
    /// 0x0D: 32-bit IEEE 754 float (MNIST-1D features).
    case float = 0x0D
    /// 0x0E: 64-bit IEEE 754 float.
    case double = 0x0E

    /// The size of one element in bytes.
    public var byteCount: Int {
        switch self {
        case .unsignedByte, .signedByte: 1
        case .short: 2
        case .int, .float: 4
        case .double: 8
        }
    }

    /// Whether the elements are integers.
    public var isInteger: Bool { self != .float && self != .double }
}
