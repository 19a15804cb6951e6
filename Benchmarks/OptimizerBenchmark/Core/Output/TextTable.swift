/// A table of text for the terminal (aligned columns) and for Markdown.
public struct TextTable: Sendable, Equatable {
    /// How a column's cells are aligned.
    public enum Alignment: Sendable, Equatable {
        /// Flush left.
        case left
        /// Flush right (numbers).
        case right
    }

    /// The column titles.
    public var headers: [String]
    /// The alignment of each column.
    public var alignments: [Alignment]
    /// The rows, one cell per column.
    public private(set) var rows: [[String]] = []

    /// An empty table.
    ///
    /// - Parameters:
    ///   - headers: The column titles.
    ///   - alignments: One per column (default: the first left, the others right).
    public init(headers: [String], alignments: [Alignment]? = nil) {
        self.headers = headers
        self.alignments = alignments ?? headers.indices.map { $0 == 0 ? .left : .right }
        precondition(self.alignments.count == headers.count, "TextTable: one alignment per column")
    }

    /// Appends a row.
    ///
    /// - Parameter cells: One cell per column.
    /// - Precondition: `cells.count == headers.count`.
    public mutating func append(_ cells: [String]) {
        precondition(cells.count == headers.count, "TextTable: \(cells.count) cells for \(headers.count) columns")
        rows.append(cells)
    }

    /// The table with columns padded to a common width, separated by two spaces, and a rule
    /// under the header.
    public var terminal: String {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (column, cell) in cells.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                parts.append(alignments[column] == .left ? cell + padding : padding + cell)
            }
            var text = parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return ([line(headers), rule] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    /// The table in GitHub Markdown, `|` in cells escaped.
    public var markdown: String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { $0.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") }
                .joined(separator: " | ") + " |"
        }
        let rule = "|" + alignments.map { $0 == .left ? " --- |" : " ---: |" }.joined()
        return ([line(headers), rule] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}
