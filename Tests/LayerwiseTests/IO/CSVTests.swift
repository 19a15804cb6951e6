import Foundation
import Layerwise
import Testing

/// The CSV reader: the accepted syntax, the data sets it builds, and errors naming line and
/// column.
@Suite struct CSVTests {
    /// Header, CRLF and LF line ends, a byte-order mark, blanks around fields, quotes, blank
    /// lines, and the number forms.
    @Test func acceptedSyntax() throws {
        let text = "\u{FEFF}x, \"y \"\"quoted\"\"\" ,label\r\n"
            + "1, 2.5 ,0\r\n"
            + "\n"
            + "  -3e2,\t.5,  \"2\"\n"
            + "+4.,1E-1,1\n"
            + "   \n"
        let table = try CSVTable(text: text)
        #expect(table.columnNames == ["x", "y \"quoted\"", "label"])
        #expect(table.rowCount == 3)
        #expect(table.values == [1, 2.5, 0, -300, 0.5, 2, 4, 0.1, 1])
        #expect(table.lineNumbers == [2, 4, 5])
        #expect(try table.column(named: "x") == [1, -300, 4])
    }

    /// Another separator.
    @Test func semicolons() throws {
        let table = try CSVTable(text: "a;b\n1;2\n", separator: ";")
        #expect(table.values == [1, 2])
    }

    /// A classification data set: the label column out, the rest features in file order.
    @Test func classificationDataset() throws {
        let table = try CSVTable(text: "a,label,b\n1,2,3\n4,0,6\n")
        let data = try table.classification(labelColumn: "label", as: Double.self)
        #expect(data.features == Tensor(shape: [2, 2], scalars: [1, 3, 4, 6]))
        #expect(data.labels == [2, 0])
        let regression = try table.regression(targetColumns: ["b", "a"], as: Float.self)
        #expect(regression.features == Tensor(shape: [2, 1], scalars: [2, 0]))
        #expect(regression.targets == Tensor(shape: [2, 2], scalars: [3, 1, 6, 4]))
    }

    /// The digits file: 1797 rows of 64 pixels and a label; the first row's values are the
    /// first data line of the file, compared field by field.
    @Test func digitsFile() throws {
        let url = repositoryRoot.appendingPathComponent("Benchmarks/OptimizerBenchmark/Data/digits.csv")
        let table = try CSVTable(contentsOf: url)
        #expect(table.columnNames == (0..<64).map { "p\($0)" } + ["label"])
        let data = try table.classification(as: Float.self)
        #expect(data.features.shape == [1797, 64])
        let secondLine = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")[1]
        let fields = secondLine.split(separator: ",").map { Float(String($0))! }
        #expect(Array(data.features.scalars[0..<64]) == Array(fields[0..<64]))
        #expect(data.labels[0] == Int(fields[64]))
        #expect(Set(data.labels) == Set(0...9))
        #expect(data.features.scalars.allSatisfy { (0...16).contains($0) })
    }

    /// Malformed tables: each error names the line and the column (field position).
    @Test(arguments: [
        ("", 1, 1, "no header line"),
        ("a,,c\n", 1, 2, "empty column name"),
        // A header and nothing else (blank lines do not count as rows).
        ("a,b\n", 2, 1, "the header (2 columns) is followed by no data rows"),
        ("a,b\n\n\r\n", 2, 1, "no data rows"),
        ("a,b", 2, 1, "no data rows"),
        ("a,b,a\n", 1, 3, "already names column 1"),
        ("a,b\n1,2\n3\n", 3, 2, "row has 1 fields, the header has 2"),
        ("a,b\n1,2,3\n", 2, 3, "row has 3 fields, the header has 2"),
        ("a,b\n1,x\n", 2, 2, "\"x\" in column \"b\" is not a finite decimal number"),
        ("a,b\n1,\n", 2, 2, "empty field in column \"b\""),
        ("a,b\n\n\nnan,1\n", 4, 1, "\"nan\""),
        ("a,b\n1,inf\n", 2, 2, "\"inf\""),
        ("a,b\n1e999,1\n", 2, 1, "\"1e999\""),
        ("a,b\n0x10,1\n", 2, 1, "\"0x10\""),
        ("a,b\n1.2.3,1\n", 2, 1, "\"1.2.3\""),
        ("a,b\n1e,1\n", 2, 1, "\"1e\""),
        ("a,b\n.,1\n", 2, 1, "\".\""),
        ("a,b\n1,\"2\n", 2, 2, "no closing quote"),
        ("a,b\n\"1\"x,2\n", 2, 1, "text after the closing quote"),
    ])
    func malformed(text: String, line: Int, column: Int, words: String) throws {
        let error = try #require(dataFileError { _ = try CSVTable(text: text, source: "bad.csv") })
        #expect(error.source == "bad.csv")
        #expect(error.location == .line(line, column: column), "\(error)")
        #expect(error.reason.contains(words), "\(error)")
    }

    /// Labels must be non-negative integers; the error names the row's line and the column.
    @Test(arguments: ["2.5", "-1", "1e20"])
    func badLabels(label: String) throws {
        let table = try CSVTable(text: "x,label\n1,0\n\n2,\(label)\n", source: "t.csv")
        let error = try #require(dataFileError { _ = try table.classification(as: Float.self) })
        #expect(error.location == .line(4, column: 2))
        #expect(error.description.hasPrefix("t.csv:4:2: label"))
    }

    /// A missing column is an error listing the columns.
    @Test func missingColumn() throws {
        let table = try CSVTable(text: "x,y\n1,2\n")
        let error = try #require(dataFileError { _ = try table.classification(labelColumn: "label", as: Float.self) })
        #expect(error.reason == "no column named \"label\" (columns: x, y)")
    }
}
