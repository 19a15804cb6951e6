/// A table written as CSV (RFC 4180): a header line, then one line per row, fields separated by
/// commas; a field holding a comma, a quote or a line break is quoted, with quotes doubled.
///
/// Numbers are written by `CSVFile.number`: the shortest text that reads back as the same
/// Double, "nan", "inf" or "-inf" for non-finite values (Python's `float` and pandas read
/// them), and an empty field for a missing value.
public struct CSVFile: Sendable, Equatable {
    /// The column names.
    public var header: [String]
    /// The rows, each with one field per column.
    public private(set) var rows: [[String]] = []

    /// An empty table with the given columns.
    ///
    /// - Parameter header: The column names.
    public init(header: [String]) {
        self.header = header
    }

    /// Appends a row.
    ///
    /// - Parameter fields: One field per column.
    /// - Precondition: `fields.count == header.count`.
    public mutating func append(_ fields: [String]) {
        precondition(fields.count == header.count, "CSVFile: \(fields.count) fields for \(header.count) columns")
        rows.append(fields)
    }

    /// The CSV text, lines ended by "\n".
    public var rendered: String {
        ([header] + rows).map { $0.map(Self.escape).joined(separator: ",") + "\n" }.joined()
    }

    /// A field as CSV: quoted (with quotes doubled) if it holds a comma, quote, CR or LF.
    ///
    /// - Parameter field: The field's text.
    /// - Returns: The text to write.
    public static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        var quoted = "\""
        for character in field {
            quoted += character == "\"" ? "\"\"" : String(character)
        }
        return quoted + "\""
    }

    /// A number as a field: Swift's shortest round-trip text ("0.1", "1e-05"), "nan", "inf",
    /// "-inf", or "" for nil.
    ///
    /// - Parameter value: The number, or nil for a missing value.
    public static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return "\(value)"
    }

    /// An integer as a field, "" for nil.
    ///
    /// - Parameter value: The integer, or nil.
    public static func integer(_ value: Int?) -> String {
        value.map(String.init) ?? ""
    }
}
