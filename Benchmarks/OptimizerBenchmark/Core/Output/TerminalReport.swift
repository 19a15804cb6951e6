/// The tables printed at the end of a run.
public enum TerminalReport {
    /// One ranked table per problem, each under a heading line, then where the files are.
    ///
    /// - Parameters:
    ///   - results: The benchmark's results.
    ///   - outputDirectory: Where the files were written, or nil.
    /// - Returns: The text for standard output.
    public static func text(_ results: BenchmarkResults, outputDirectory: String?) -> String {
        var text = ""
        for problem in results.problems {
            text += "\n" + problem.title + " (" + problem.name + ") — "
            text += ReportWriter.problemDescription(problem) + "\n\n"
            text += SummaryTables.ranking(for: problem, summaries: results.summaries(of: problem.name)).terminal
            if let reference = problem.reference {
                text += "Published: \(Formatting.percent(reference.testAccuracy, decimals: 0)) test accuracy (\(reference.source)).\n"
            }
        }
        text += "\nTotal \(Formatting.duration(results.totalSeconds)), \(results.runs.count) runs, "
        text += "\(results.configuration.jobs) at a time."
        if let outputDirectory {
            text += " Report, figures and data in \(outputDirectory)/ (report.md)."
        }
        return text + "\n"
    }
}
