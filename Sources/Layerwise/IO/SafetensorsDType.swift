/// The element type of a tensor in a safetensors file, spelled as in the header.
///
/// Layerwise reads every floating-point type into `Float` or `Double` (`F16` and `BF16` are
/// converted exactly: every half-precision value is a `Float`), and writes `F32`, `F64` and
/// `I64` (optimizer step counts). The other types are recognized, so their sizes are checked,
/// but cannot be read as weights.
public enum SafetensorsDType: String, Sendable, CaseIterable {
    /// 64-bit IEEE 754 float (PyTorch `float64`).
    case float64 = "F64"
    /// 32-bit IEEE 754 float (PyTorch `float32`).
    case float32 = "F32"
    /// 16-bit IEEE 754 half (PyTorch `float16`).
    case float16 = "F16"
    /// bfloat16: the top 16 bits of a `Float` (PyTorch `bfloat16`).
    case bfloat16 = "BF16"
    /// 8-bit floats (recognized, not read).
    case float8E4M3 = "F8_E4M3", float8E5M2 = "F8_E5M2"
    /// 64-bit signed integer (PyTorch `int64`; optimizer step counts).
    case int64 = "I64"
    /// Other integer types (recognized, not read).
    case int32 = "I32", int16 = "I16", int8 = "I8"
    /// Unsigned integer types (recognized, not read).
    case uint64 = "U64", uint32 = "U32", uint16 = "U16", uint8 = "U8"
    /// Booleans, one byte each (recognized, not read).
    case bool = "BOOL"

    /// The size of one element in bytes.
    public var byteCount: Int {
        switch self {
        case .float64, .int64, .uint64: 8
        case .float32, .int32, .uint32: 4
        case .float16, .bfloat16, .int16, .uint16: 2
        case .float8E4M3, .float8E5M2, .int8, .uint8, .bool: 1
        }
    }

    /// Whether Layerwise reads this type as floating-point values.
    public var isReadableAsFloatingPoint: Bool {
        self == .float64 || self == .float32 || self == .float16 || self == .bfloat16
    }
}
