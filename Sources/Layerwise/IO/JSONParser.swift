/// A strict JSON parser (RFC 8259) for safetensors headers: duplicate object keys, nesting
/// deeper than `maximumDepth`, invalid UTF-8, unpaired surrogates, control characters in
/// strings and trailing text are errors naming the byte offset.
struct JSONParser {
    private let bytes: [UInt8]
    private var position: Int
    private let end: Int
    private let source: String
    /// The deepest nesting of arrays and objects accepted.
    static let maximumDepth = 64

    /// Parses `bytes[range]` as one JSON value, optionally surrounded by whitespace.
    ///
    /// - Parameters:
    ///   - bytes: The data holding the JSON text.
    ///   - range: Where the text is.
    ///   - source: The file's name, for error messages.
    /// - Returns: The value.
    static func parse(_ bytes: [UInt8], range: Range<Int>, source: String) throws(DataFileError) -> JSONValue {
        var parser = JSONParser(bytes: bytes, position: range.lowerBound, end: range.upperBound, source: source)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.position == parser.end else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    private func error(_ reason: String, at offset: Int? = nil) -> DataFileError {
        DataFileError(source: source, location: .byteOffset(offset ?? position), reason: "JSON header: " + reason)
    }

    private mutating func skipWhitespace() {
        while position < end, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    private mutating func parseValue(depth: Int) throws(DataFileError) -> JSONValue {
        guard position < end else { throw error("unexpected end of the header") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("unexpected character '\(String(decoding: [bytes[position]], as: UTF8.self))'")
        }
    }

    private mutating func expectWord(_ word: String) throws(DataFileError) {
        let letters = Array(word.utf8)
        guard end - position >= letters.count, Array(bytes[position..<position + letters.count]) == letters else {
            throw error("invalid literal (expected \(word))")
        }
        position += letters.count
    }

    private mutating func parseObject(depth: Int) throws(DataFileError) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        position += 1
        var members: [(key: String, value: JSONValue)] = []
        var keys = Set<String>()
        skipWhitespace()
        if position < end && bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard position < end, bytes[position] == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let keyOffset = position
            let key = try parseString()
            guard keys.insert(key).inserted else { throw error("duplicate key \"\(key)\"", at: keyOffset) }
            skipWhitespace()
            guard position < end, bytes[position] == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
            position += 1
            skipWhitespace()
            members.append((key, try parseValue(depth: depth)))
            skipWhitespace()
            guard position < end else { throw error("unexpected end of the header inside an object") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "}") else { throw error("expected ',' or '}' in an object") }
            position += 1
            return .object(members)
        }
    }

    private mutating func parseArray(depth: Int) throws(DataFileError) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < end && bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            guard position < end else { throw error("unexpected end of the header inside an array") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "]") else { throw error("expected ',' or ']' in an array") }
            position += 1
            return .array(elements)
        }
    }

    private mutating func parseNumber() throws(DataFileError) -> JSONValue {
        let start = position
        func digits(_ parser: inout JSONParser) -> Int {
            var count = 0
            while parser.position < parser.end, parser.bytes[parser.position] >= 48, parser.bytes[parser.position] <= 57 {
                parser.position += 1
                count += 1
            }
            return count
        }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        let integerStart = position
        let integerDigits = digits(&self)
        guard integerDigits > 0 else { throw error("a number needs digits", at: start) }
        guard integerDigits == 1 || bytes[integerStart] != 48 else { throw error("a number has a leading zero", at: start) }
        if position < end && bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits(&self) > 0 else { throw error("a number needs digits after '.'", at: start) }
        }
        if position < end && (bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E")) {
            position += 1
            if position < end && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")) { position += 1 }
            guard digits(&self) > 0 else { throw error("a number needs digits in its exponent", at: start) }
        }
        return .number(String(decoding: bytes[start..<position], as: UTF8.self))
    }

    private mutating func parseString() throws(DataFileError) -> String {
        let start = position
        position += 1
        var scalars = String.UnicodeScalarView()
        while true {
            guard position < end else { throw error("unterminated string", at: start) }
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                position += 1
                guard position < end else { throw error("unterminated string", at: start) }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hexQuad()
                    if (0xD800..<0xDC00).contains(code) {
                        guard end - position >= 6, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                            throw error("unpaired surrogate in a \\u escape")
                        }
                        position += 2
                        let low = try hexQuad()
                        guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate in a \\u escape") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw error("unpaired surrogate in a \\u escape") }
                    scalars.append(scalar)
                default:
                    throw error("invalid escape '\\\(String(decoding: [escape], as: UTF8.self))'", at: position - 2)
                }
            case 0..<0x20:
                throw error("control character \(byte) inside a string")
            case 0..<0x80:
                scalars.append(Unicode.Scalar(byte))
                position += 1
            default:
                scalars.append(try utf8Scalar())
            }
        }
    }

    /// Four hexadecimal digits of a `\u` escape.
    private mutating func hexQuad() throws(DataFileError) -> UInt32 {
        guard end - position >= 4 else { throw error("a \\u escape needs four hexadecimal digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case 48...57: digit = byte - 48
            case 65...70: digit = byte - 55
            case 97...102: digit = byte - 87
            default: throw error("a \\u escape needs four hexadecimal digits")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    /// One multi-byte UTF-8 sequence, checked (no overlong forms, no surrogates, ≤ U+10FFFF).
    private mutating func utf8Scalar() throws(DataFileError) -> Unicode.Scalar {
        let first = bytes[position]
        let length: Int
        var value: UInt32
        switch first {
        case 0xC2...0xDF: length = 2; value = UInt32(first & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(first & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(first & 0x07)
        default: throw error("invalid UTF-8 byte \(hex(first, digits: 2))")
        }
        guard end - position >= length else { throw error("truncated UTF-8 sequence") }
        for index in 1..<length {
            let byte = bytes[position + index]
            guard byte & 0xC0 == 0x80 else { throw error("invalid UTF-8 sequence") }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : (length == 3 ? 0x800 : 0x10000)
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { throw error("invalid UTF-8 sequence") }
        position += length
        return scalar
    }
}
