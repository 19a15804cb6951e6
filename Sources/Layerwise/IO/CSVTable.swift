import Foundation

/// A numeric table read from a CSV file: a header line naming the columns, then one row of
/// numbers per line, for example a label column and feature columns.
///
/// The format read: fields separated by `separator` (a comma by default); lines ended by LF or
/// CRLF; a leading UTF-8 byte-order mark, spaces and tabs around fields, and blank lines are
/// ignored; a field may be double-quoted (`"1.5"`, with `""` for a quote inside a header
/// name). Every value is a decimal number (`-12`, `0.5`, `.5`, `3e-4`); NaN, infinities,
/// numbers that overflow and empty fields are errors. Every row must have as many fields as the
/// header, the column names must be distinct, and at least one row must follow the header.
/// Errors name the file, the line and the column (the field's 1-based position).
///
/// ```swift
/// let table = try CSVTable(contentsOf: URL(fileURLWithPath: "digits.csv"))
/// let digits: Dataset<Float, [Int]> = try table.classification(labelColumn: "label")
/// ```
public struct CSVTable: Sendable, Equatable {
    /// The file's name (or `"<memory>"`), for error messages.
    public let source: String
    /// The column names from the header, in order.
    public let columnNames: [String]
    /// The values, row-major: row r, column c is `values[r * columnNames.count + c]`.
    public let values: [Double]
    /// The 1-based line of each row in the file.
    public let lineNumbers: [Int]

    /// The number of rows (not counting the header).
    public var rowCount: Int { lineNumbers.count }

    /// Reads a CSV file.
    ///
    /// - Parameters:
    ///   - url: The file.
    ///   - separator: The field separator, an ASCII character other than a quote or a space.
    /// - Throws: `DataFileError` naming the file, line and column of the first problem.
    public init(contentsOf url: URL, separator: Character = ",") throws(DataFileError) {
        try self.init(bytes: readFileBytes(url), source: url.path, separator: separator)
    }

    /// Parses CSV text.
    ///
    /// - Parameters:
    ///   - text: The table, header first.
    ///   - source: A name for error messages.
    ///   - separator: The field separator.
    /// - Throws: `DataFileError` naming the line and column of the first problem.
    public init(text: String, source: String = "<memory>", separator: Character = ",") throws(DataFileError) {
        try self.init(bytes: Array(text.utf8), source: source, separator: separator)
    }

    /// Parses the bytes of a CSV file (UTF-8).
    ///
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - source: The file's name, for error messages.
    ///   - separator: The field separator.
    /// - Throws: `DataFileError` naming the line and column of the first problem.
    /// - Precondition: `separator` is an ASCII character other than `"`, space, tab, CR, LF.
    public init(bytes: [UInt8], source: String = "<memory>", separator: Character = ",") throws(DataFileError) {
        checkPrecondition(
            separator.isASCII && !"\" \t\r\n".contains(separator),
            "CSVTable: the separator must be an ASCII character other than a quote, space, tab or newline")
        var parser = CSVParser(bytes: bytes, source: source, separator: separator.asciiValue!)
        guard let header = try parser.nextRecord() else {
            throw DataFileError(source: source, location: .line(1, column: 1), reason: "no header line")
        }
        var names: [String] = []
        var firstColumn: [String: Int] = [:]
        for (index, field) in header.fields.enumerated() {
            let name = String(decoding: field, as: UTF8.self)
            guard !name.isEmpty else {
                throw DataFileError(
                    source: source, location: .line(header.line, column: index + 1), reason: "empty column name")
            }
            if let earlier = firstColumn[name] {
                throw DataFileError(
                    source: source, location: .line(header.line, column: index + 1),
                    reason: "column name \"\(name)\" already names column \(earlier + 1)")
            }
            firstColumn[name] = index
            names.append(name)
        }
        var values: [Double] = []
        var lines: [Int] = []
        while let record = try parser.nextRecord() {
            guard record.fields.count == names.count else {
                throw DataFileError(
                    source: source, location: .line(record.line, column: min(record.fields.count, names.count) + 1),
                    reason: "row has \(record.fields.count) fields, the header has \(names.count)")
            }
            for (index, field) in record.fields.enumerated() {
                guard let value = CSVParser.number(field) else {
                    let text = String(decoding: field, as: UTF8.self)
                    throw DataFileError(
                        source: source, location: .line(record.line, column: index + 1),
                        reason: text.isEmpty
                            ? "empty field in column \"\(names[index])\""
                            : "\"\(text)\" in column \"\(names[index])\" is not a finite decimal number")
                }
                values.append(value)
            }
            lines.append(record.line)
        }
        guard !lines.isEmpty else {
            throw DataFileError(
                source: source, location: .line(header.line + 1, column: 1),
                reason: "the header (\(names.count) columns) is followed by no data rows")
        }
        self.source = source
        self.columnNames = names
        self.values = values
        self.lineNumbers = lines
    }

    /// The position of the column called `name`.
    ///
    /// - Throws: `DataFileError` when no column has that name.
    public func columnIndex(named name: String) throws(DataFileError) -> Int {
        guard let index = columnNames.firstIndex(of: name) else {
            throw DataFileError(
                source: source, location: .line(1, column: 1),
                reason: "no column named \"\(name)\" (columns: \(columnNames.joined(separator: ", ")))")
        }
        return index
    }

    /// The values of one column, top to bottom.
    ///
    /// - Throws: `DataFileError` when no column has that name.
    public func column(named name: String) throws(DataFileError) -> [Double] {
        let index = try columnIndex(named: name)
        return (0..<rowCount).map { values[$0 * columnNames.count + index] }
    }

    /// The chosen columns of every row, as a `[rowCount, columns.count]` tensor.
    ///
    /// - Parameter columns: Column positions, in the order wanted.
    public func matrix<Scalar: TensorScalar>(columns: [Int], as type: Scalar.Type = Scalar.self) -> Tensor<Scalar> {
        var scalars: [Scalar] = []
        scalars.reserveCapacity(rowCount * columns.count)
        for row in 0..<rowCount {
            for column in columns { scalars.append(Scalar(values[row * columnNames.count + column])) }
        }
        return Tensor(shape: [rowCount, columns.count], scalars: scalars)
    }

    /// A classification data set: one column holds class indices, every other column is a
    /// feature, in file order.
    ///
    /// - Parameters:
    ///   - labelColumn: The name of the column of class indices.
    ///   - type: The feature scalar type.
    /// - Returns: Features `[rowCount, columnCount − 1]` and one label per row.
    /// - Throws: `DataFileError` when the column does not exist, or naming the line and column
    ///   of a label that is not a non-negative integer.
    public func classification<Scalar: TensorScalar>(
        labelColumn: String = "label", as type: Scalar.Type = Scalar.self
    ) throws(DataFileError) -> Dataset<Scalar, [Int]> {
        let labelIndex = try columnIndex(named: labelColumn)
        var labels: [Int] = []
        labels.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            let value = values[row * columnNames.count + labelIndex]
            guard value >= 0, value < 1e15, value.rounded(.towardZero) == value else {
                throw DataFileError(
                    source: source, location: .line(lineNumbers[row], column: labelIndex + 1),
                    reason: "label \(value) in column \"\(labelColumn)\" is not a non-negative integer")
            }
            labels.append(Int(value))
        }
        let features = matrix(columns: columnNames.indices.filter { $0 != labelIndex }, as: type)
        return Dataset(features: features, labels: labels)
    }

    /// A regression data set: the target columns form the target tensor, every other column is
    /// a feature, in file order.
    ///
    /// - Parameters:
    ///   - targetColumns: The names of the target columns, in the order wanted.
    ///   - type: The scalar type.
    /// - Returns: Features `[rowCount, columnCount − targets]`, targets `[rowCount, targets]`.
    /// - Throws: `DataFileError` when a column does not exist.
    public func regression<Scalar: TensorScalar>(
        targetColumns: [String], as type: Scalar.Type = Scalar.self
    ) throws(DataFileError) -> Dataset<Scalar, Tensor<Scalar>> {
        var targetIndices: [Int] = []
        for name in targetColumns { targetIndices.append(try columnIndex(named: name)) }
        let features = matrix(columns: columnNames.indices.filter { !targetIndices.contains($0) }, as: type)
        return Dataset(features: features, targets: matrix(columns: targetIndices, as: type))
    }
}
