import Foundation
import Testing
@testable import _OptimizerBenchmarkCore

/// The CSV and JSON writers, the tables, and the files of a whole (tiny) run.
@Suite struct WriterTests {
    /// Parses CSV as RFC 4180 describes it: fields separated by commas, quoted fields may hold
    /// commas, doubled quotes and line breaks.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                row.append(field)
                field = ""
            } else if character == "\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(character)
            }
        }
        return rows
    }

    @Test func csvQuotesOnlyWhatNeedsQuoting() {
        #expect(CSVFile.escape("adam") == "adam")
        #expect(CSVFile.escape("a,b") == "\"a,b\"")
        #expect(CSVFile.escape("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVFile.escape("two\nlines") == "\"two\nlines\"")
    }

    @Test func csvNumbersReadBack() {
        #expect(CSVFile.number(nil) == "")
        #expect(CSVFile.number(.nan) == "nan")
        #expect(CSVFile.number(-.infinity) == "-inf")
        for value in [0.1, 1e-5, 3.0, -2.5e300, 0.0031622776601683794] {
            #expect(Double(CSVFile.number(value)) == value)
        }
        #expect(CSVFile.integer(nil) == "" && CSVFile.integer(42) == "42")
    }

    @Test func csvRoundTrips() {
        var table = CSVFile(header: ["name", "note", "value"])
        table.append(["sgd", "plain", "0.1"])
        table.append(["adam, tuned", "a \"quoted\" word", "nan"])
        table.append(["multi", "line\nbreak", ""])
        let parsed = Self.parseCSV(table.rendered)
        #expect(parsed == [["name", "note", "value"], ["sgd", "plain", "0.1"], ["adam, tuned", "a \"quoted\" word", "nan"], ["multi", "line\nbreak", ""]])
    }

    @Test func jsonParsesBackWithNullForNonFiniteNumbers() throws {
        let value = JSONValue.object([
            ("name", .string("quote \" backslash \\ newline \n tab \t bell \u{7} é")),
            ("numbers", .numbers([1.5, nil, .nan, .infinity, 1e-5])), ("count", .integer(3)), ("flag", .bool(true)),
            ("nested", .array([.object([("a", .null)]), .object([])])),
        ])
        let text = value.rendered
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(parsed["name"] as? String == "quote \" backslash \\ newline \n tab \t bell \u{7} é")
        let numbers = try #require(parsed["numbers"] as? [Any])
        #expect((numbers[0] as? NSNumber)?.doubleValue == 1.5)
        #expect(numbers[1] is NSNull && numbers[2] is NSNull && numbers[3] is NSNull)
        #expect((numbers[4] as? NSNumber)?.doubleValue == 1e-5)
        #expect((parsed["count"] as? NSNumber)?.intValue == 3)
        #expect((parsed["flag"] as? NSNumber)?.boolValue == true)
        // Keys in the order given.
        let positions = ["\"name\"", "\"numbers\"", "\"count\"", "\"flag\"", "\"nested\""].map { text.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
        #expect(JSONValue.quoted("\u{1}") == "\"\\u0001\"")
    }

    @Test func tablesAlignAndEscape() {
        var table = TextTable(headers: ["optimizer", "accuracy"])
        table.append(["Adam", "97.5 %"])
        table.append(["SGD + momentum", "9 %"])
        let lines = table.terminal.split(separator: "\n")
        #expect(lines.count == 4)
        // Columns 14 and 8 wide, two spaces apart; text flush left, numbers flush right.
        #expect(lines[2] == "Adam" + String(repeating: " ", count: 10 + 2 + 2) + "97.5 %")
        #expect(lines[3] == "SGD + momentum" + String(repeating: " ", count: 2 + 5) + "9 %")
        var markdown = TextTable(headers: ["a", "b"])
        markdown.append(["x|y", "1"])
        #expect(markdown.markdown == "| a | b |\n| --- | ---: |\n| x\\|y | 1 |\n")
    }

    @Test func filesOfATinyRunExistAndParse() throws {
        let directory = try TestData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = BenchmarkConfiguration(
            problems: [
                .classification(ProtocolTests.blobProblem(test: TestData.blobs(count: 40, seed: 6))),
                .function(ProblemCatalog.beale(quick: true)),
            ],
            optimizers: [.sgd, .adam], seeds: 2, grid: LearningRateGrid(exponents: [0, 0.5]), jobs: 2)
        let results = try Benchmark.run(configuration, progress: ProgressDisplay(enabled: false))
        let written = try OutputWriter.write(results, arguments: ["--seeds", "2"], to: directory)
        #expect(Set(written) == Set(OutputWriter.dataFiles + ["loss-blobs.svg", "loss-beale.svg", "paths-beale.svg", "test-accuracy.svg"]))

        // results.csv: one row per curve point of every run.
        let rows = Self.parseCSV(try String(contentsOf: directory.appendingPathComponent("results.csv"), encoding: .utf8))
        #expect(rows[0] == ResultsCSV.runColumns)
        #expect(rows.count - 1 == results.runs.reduce(0) { $0 + $1.curve.count })
        #expect(rows.dropFirst().allSatisfy { $0.count == ResultsCSV.runColumns.count })
        let testColumn = ResultsCSV.runColumns.firstIndex(of: "test_accuracy")!
        let phaseColumn = ResultsCSV.runColumns.firstIndex(of: "phase")!
        #expect(rows.dropFirst().filter { $0[phaseColumn] == "tuning" }.allSatisfy { $0[testColumn] == "" })

        let summary = Self.parseCSV(try String(contentsOf: directory.appendingPathComponent("summary.csv"), encoding: .utf8))
        #expect(summary[0] == ResultsCSV.summaryColumns)
        #expect(summary.count == 1 + 2 * 2)

        // results.json parses and holds every run with its curve.
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("results.json"))) as? [String: Any])
        let runs = try #require(json["runs"] as? [[String: Any]])
        #expect(runs.count == results.runs.count)
        // Tuning: 2 problems × 2 optimizers × 2 rates; final: blobs 2 × 2 seeds, beale 2 × 1.
        #expect(runs.filter { $0["phase"] as? String == "tuning" }.count == 8)
        #expect(runs.filter { $0["phase"] as? String == "final" }.count == 6)
        let first = try #require(runs.first { $0["problem"] as? String == "blobs" && $0["phase"] as? String == "final" })
        let curve = try #require(first["curve"] as? [String: Any])
        #expect((curve["train_loss"] as? [Any])?.count == 3)
        #expect((curve["test_accuracy"] as? [Any])?.count == 3)
        let path = try #require(runs.first { $0["problem"] as? String == "beale" && $0["phase"] as? String == "final" }?["path"] as? [String: Any])
        #expect((path["x"] as? [Any])?.count == 301)  // the start and 300 steps

        // The report embeds every figure and has a table per problem.
        let report = try String(contentsOf: directory.appendingPathComponent("report.md"), encoding: .utf8)
        for figure in written where figure.hasSuffix(".svg") {
            #expect(report.contains("](\(figure))"))
        }
        #expect(report.contains("## Blobs (`blobs`)") && report.contains("## Beale (`beale`)"))
        #expect(report.contains("| # | optimizer |"))

        // Every figure is well-formed XML.
        for figure in written where figure.hasSuffix(".svg") {
            let svg = try String(contentsOf: directory.appendingPathComponent(figure), encoding: .utf8)
            #expect(try SVGElements(svg).root == "svg")
        }
    }

    @Test func tuningTableMarksTheChoiceAndRunsThatLeftTheTolerance() {
        let problem = ProblemInfo(
            name: "beale", title: "Beale", details: .function(ProblemCatalog.beale(quick: false), steps: 3000))
        let summary = OptimizerSummary(
            tuningRuns: [
                ProtocolTests.record(.rmsprop, rate: 1e-2, trainingLoss: 9e-5, steps: 1500),
                ProtocolTests.record(.rmsprop, rate: 1e-1, trainingLoss: 0.075, steps: 223),
                ProtocolTests.record(.rmsprop, rate: 1e-3, trainingLoss: 0.5),
            ],
            finalRuns: [ProtocolTests.record(.rmsprop, rate: 1e-2, trainingLoss: 9e-5, steps: 1500)],
            chosenLearningRate: 1e-2)
        let table = SummaryTables.tuning(for: problem, summaries: [summary], grid: LearningRateGrid(exponents: [-1, 0, 1]))
        #expect(table.headers == ["optimizer", "×0.1", "default", "×10"])
        #expect(table.rows == [["RMSprop", "0.5", "1500 steps *", "223 steps, ends 0.075"]])
    }

    @Test func terminalReportRanksEveryProblem() throws {
        let configuration = BenchmarkConfiguration(
            problems: [.function(ProblemCatalog.rosenbrock(quick: true))], optimizers: [.sgdMomentum, .adagrad], seeds: 1,
            grid: LearningRateGrid(exponents: [0]), jobs: 1)
        let results = try Benchmark.run(configuration, progress: ProgressDisplay(enabled: false))
        let text = TerminalReport.text(results, outputDirectory: "out")
        #expect(text.contains("Rosenbrock (rosenbrock)"))
        let sgd = try #require(text.range(of: "SGD + momentum"))
        let adagrad = try #require(text.range(of: "Adagrad"))
        // In 300 steps at the default rates, momentum gets far closer to (1, 1) than Adagrad.
        #expect(sgd.lowerBound < adagrad.lowerBound)
    }
}
