// libFuzzer target for the CSV reader.
// Compiled with Sources/Layerwise and Tests/Fuzz/main.swift by Tests/Fuzz/run.sh (not part of the package).
//
// Oracle: parsing never crashes; a parsed table holds rows × columns values, all finite, one
// line number per row, increasing; building data sets from it never crashes.

func fuzzCSV(_ bytes: [UInt8]) {
    for separator in [",", ";"] as [Character] {
        guard let table = try? CSVTable(bytes: bytes, source: "fuzz", separator: separator) else { continue }
        precondition(table.values.count == table.rowCount * table.columnNames.count, "values do not fill the table")
        precondition(table.values.allSatisfy(\.isFinite), "a non-finite value was accepted")
        precondition(zip(table.lineNumbers, table.lineNumbers.dropFirst()).allSatisfy { $0 < $1 }, "line numbers out of order")
        if let name = table.columnNames.last, table.rowCount > 0 {
            _ = try? table.classification(labelColumn: name, as: Float.self)
            _ = try? table.regression(targetColumns: [name], as: Double.self)
        }
    }
}
