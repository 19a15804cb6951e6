import Foundation

/// Writes a run's files into the output folder: results.csv, summary.csv, results.json,
/// report.md and the SVG figures.
public enum OutputWriter {
    /// The names of the files always written (the figures come on top).
    public static let dataFiles = ["results.csv", "summary.csv", "results.json", "report.md"]

    /// Writes every file, creating the folder if needed.
    ///
    /// - Parameters:
    ///   - results: The benchmark's results.
    ///   - arguments: The command-line arguments (recorded in the report and the JSON).
    ///   - directory: The output folder.
    /// - Returns: The names of the files written.
    /// - Throws: A file-system error.
    @discardableResult
    public static func write(_ results: BenchmarkResults, arguments: [String], to directory: URL) throws -> [String] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var files: [(String, String)] = [
            ("results.csv", ResultsCSV.runs(results.runs).rendered),
            ("summary.csv", ResultsCSV.summaries(results).rendered),
            ("results.json", ResultsJSON.document(results, arguments: arguments).rendered),
            ("report.md", ReportWriter.markdown(results, arguments: arguments)),
        ]
        files += BenchmarkFigures.all(results).map { ($0.fileName, $0.svg) }
        for (name, contents) in files {
            try Data(contents.utf8).write(to: directory.appendingPathComponent(name))
        }
        return files.map(\.0)
    }
}
