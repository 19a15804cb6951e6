/// Splits CSV bytes into records of fields, tracking line numbers; used by `CSVTable`.
struct CSVParser {
    /// One line's fields (unquoted and trimmed) and its 1-based line number.
    struct Record {
        var fields: [ArraySlice<UInt8>]
        var line: Int
    }

    private let bytes: [UInt8]
    private let source: String
    private let separator: UInt8
    private var position: Int
    private var line = 0

    private static let quote = UInt8(ascii: "\"")
    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    init(bytes: [UInt8], source: String, separator: UInt8) {
        self.bytes = bytes
        self.source = source
        self.separator = separator
        // Skip a UTF-8 byte-order mark.
        position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    /// The next non-blank line's fields, or nil at the end of the data.
    mutating func nextRecord() throws(DataFileError) -> Record? {
        while position < bytes.count {
            line += 1
            var end = position
            while end < bytes.count && bytes[end] != Self.newline { end += 1 }
            var lineEnd = end
            if lineEnd > position && bytes[lineEnd - 1] == Self.carriageReturn { lineEnd -= 1 }
            let start = position
            position = end + 1
            if bytes[start..<lineEnd].allSatisfy(Self.isBlank) { continue }
            return Record(fields: try fields(start..<lineEnd), line: line)
        }
        return nil
    }

    /// Splits one line into fields.
    private func fields(_ range: Range<Int>) throws(DataFileError) -> [ArraySlice<UInt8>] {
        var fields: [ArraySlice<UInt8>] = []
        var index = range.lowerBound
        while true {
            while index < range.upperBound && Self.isBlank(bytes[index]) { index += 1 }
            var field: ArraySlice<UInt8>
            if index < range.upperBound && bytes[index] == Self.quote {
                var content: [UInt8] = []
                index += 1
                while true {
                    guard index < range.upperBound else {
                        throw DataFileError(
                            source: source, location: .line(line, column: fields.count + 1),
                            reason: "quoted field has no closing quote on this line")
                    }
                    if bytes[index] == Self.quote {
                        if index + 1 < range.upperBound && bytes[index + 1] == Self.quote {
                            content.append(Self.quote)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    content.append(bytes[index])
                    index += 1
                }
                while index < range.upperBound && Self.isBlank(bytes[index]) { index += 1 }
                guard index == range.upperBound || bytes[index] == separator else {
                    throw DataFileError(
                        source: source, location: .line(line, column: fields.count + 1),
                        reason: "text after the closing quote of a field")
                }
                field = content[...]
            } else {
                let start = index
                while index < range.upperBound && bytes[index] != separator { index += 1 }
                var end = index
                while end > start && Self.isBlank(bytes[end - 1]) { end -= 1 }
                field = bytes[start..<end]
            }
            fields.append(field)
            if index >= range.upperBound { return fields }
            index += 1  // the separator
        }
    }

    /// The decimal number spelled by `field` (`[+-]? digits [. digits] [(e|E) [+-] digits]`,
    /// with digits on at least one side of the point), or nil if it is not one or is not finite.
    static func number(_ field: ArraySlice<UInt8>) -> Double? {
        let zero = UInt8(ascii: "0")
        var index = field.startIndex
        let end = field.endIndex
        if index < end && (field[index] == UInt8(ascii: "+") || field[index] == UInt8(ascii: "-")) { index += 1 }
        var integerDigits = 0
        var integerValue: Double = 0
        while index < end && field[index] >= zero && field[index] <= zero + 9 {
            integerValue = integerValue * 10 + Double(field[index] - zero)
            integerDigits += 1
            index += 1
        }
        if index == end {
            // Fast path: a plain integer short enough to be exact.
            guard integerDigits > 0 else { return nil }
            if integerDigits <= 15 { return field.first == UInt8(ascii: "-") ? -integerValue : integerValue }
            return parsed(field)
        }
        var fractionDigits = 0
        if field[index] == UInt8(ascii: ".") {
            index += 1
            while index < end && field[index] >= zero && field[index] <= zero + 9 {
                fractionDigits += 1
                index += 1
            }
        }
        guard integerDigits + fractionDigits > 0 else { return nil }
        if index < end && (field[index] == UInt8(ascii: "e") || field[index] == UInt8(ascii: "E")) {
            index += 1
            if index < end && (field[index] == UInt8(ascii: "+") || field[index] == UInt8(ascii: "-")) { index += 1 }
            var exponentDigits = 0
            while index < end && field[index] >= zero && field[index] <= zero + 9 {
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0 else { return nil }
        }
        guard index == end else { return nil }
        return parsed(field)
    }

    /// `Double`'s own parsing of a field already checked to be decimal, if finite.
    private static func parsed(_ field: ArraySlice<UInt8>) -> Double? {
        guard let value = Double(String(decoding: field, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }
}
