/// A JSON value, written with object keys in the order given, and non-finite numbers as
/// `null` (JSON has no NaN or infinity).
///
/// `rendered` indents objects and arrays of objects two spaces per level, and writes arrays of
/// scalars on one line, so that per-epoch curves stay compact.
public indirect enum JSONValue: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number; non-finite values are written as `null`.
    case number(Double)
    /// An integer.
    case integer(Int)
    /// A string, escaped as JSON requires.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object with its keys in order.
    case object([(String, JSONValue)])

    /// A number, or `null` for nil.
    public static func optional(_ value: Double?) -> JSONValue {
        value.map(JSONValue.number) ?? .null
    }

    /// An integer, or `null` for nil.
    public static func optional(_ value: Int?) -> JSONValue {
        value.map(JSONValue.integer) ?? .null
    }

    /// An array of numbers (nil entries as `null`).
    public static func numbers(_ values: [Double?]) -> JSONValue {
        .array(values.map(optional))
    }

    /// The JSON text, ending with a newline.
    public var rendered: String {
        var text = ""
        write(to: &text, indent: 0)
        return text + "\n"
    }

    /// Whether this value is written on one line inside an array.
    private var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    /// Appends this value, its nested lines indented by `indent` levels.
    private func write(to text: inout String, indent: Int) {
        let padding = String(repeating: "  ", count: indent + 1)
        let closing = String(repeating: "  ", count: indent)
        switch self {
        case .null: text += "null"
        case .bool(let value): text += value ? "true" : "false"
        case .number(let value): text += value.isFinite ? "\(value)" : "null"
        case .integer(let value): text += String(value)
        case .string(let value): text += Self.quoted(value)
        case .array(let values):
            if values.allSatisfy(\.isScalar) {
                text += "["
                for (index, value) in values.enumerated() {
                    if index > 0 { text += ", " }
                    value.write(to: &text, indent: indent)
                }
                text += "]"
            } else {
                text += "[\n"
                for (index, value) in values.enumerated() {
                    text += padding
                    value.write(to: &text, indent: indent + 1)
                    text += index + 1 < values.count ? ",\n" : "\n"
                }
                text += closing + "]"
            }
        case .object(let members):
            if members.isEmpty {
                text += "{}"
                return
            }
            text += "{\n"
            for (index, (key, value)) in members.enumerated() {
                text += padding + Self.quoted(key) + ": "
                value.write(to: &text, indent: indent + 1)
                text += index + 1 < members.count ? ",\n" : "\n"
            }
            text += closing + "}"
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    ///
    /// - Parameter string: Any text.
    /// - Returns: The literal with its quotes.
    public static func quoted(_ string: String) -> String {
        var result = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// Equal values: the same case and contents, objects compared key by key in order.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.number(a), .number(b)): a == b || (a.isNaN && b.isNaN)
        case let (.integer(a), .integer(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }
}
