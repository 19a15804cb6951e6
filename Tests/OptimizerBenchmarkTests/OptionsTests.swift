import Foundation
import Testing
@testable import _OptimizerBenchmarkCore

/// The command line: defaults, every option, errors, and the program end to end.
@Suite struct OptionsTests {
    @Test func defaults() throws {
        let options = try BenchmarkOptions.parse([])
        #expect(options.resolvedProblems == ["digits", "mnist1d", "spirals", "rosenbrock", "beale"])
        #expect(options.optimizers == OptimizerKind.allCases)
        #expect(options.resolvedSeeds == 3)
        #expect(options.epochs == nil)
        #expect(options.output == "benchmark-results")
        #expect(options.grid == LearningRateGrid(exponents: [-1, -0.5, 0, 0.5, 1]))
        #expect(!options.quick && !options.showsHelp)
    }

    @Test func everyOption() throws {
        let options = try BenchmarkOptions.parse([
            "--problems", "beale,Digits", "--optimizers=adam, sgd-momentum", "--seeds", "5", "--epochs=7", "--output",
            "out dir", "--jobs", "1", "--data-dir", "/tmp",
        ])
        #expect(options.resolvedProblems == ["beale", "digits"])
        #expect(try BenchmarkOptions.parse(["--problems", "spirals,beale,spirals"]).resolvedProblems == ["spirals", "beale"])
        #expect(options.optimizers == [.adam, .sgdMomentum])
        #expect(options.resolvedSeeds == 5 && options.epochs == 7 && options.resolvedJobs == 1)
        #expect(options.output == "out dir" && options.dataDirectory == "/tmp")
    }

    @Test func quickUsesSmallBudgets() throws {
        let options = try BenchmarkOptions.parse(["--quick"])
        #expect(options.quick && options.resolvedSeeds == 2)
        #expect(options.grid.exponents == [-0.5, 0, 0.5])
        #expect(try BenchmarkOptions.parse(["--quick", "--seeds", "4"]).resolvedSeeds == 4)
    }

    @Test func dataDirectoryAddsTheIDXProblem() throws {
        #expect(try BenchmarkOptions.parse(["--data-dir", "/data"]).resolvedProblems.last == "idx")
        #expect(try BenchmarkOptions.parse(["--data-dir", "/data", "--problems", "idx"]).resolvedProblems == ["idx"])
    }

    @Test(arguments: [
        ["--problems", "cifar"], ["--optimizers", "lion"], ["--seeds", "0"], ["--seeds", "two"], ["--epochs"],
        ["--frobnicate"], ["--problems", "idx"], ["--problems", ","],
    ])
    func invalidCommandLinesAreErrors(arguments: [String]) {
        #expect(throws: BenchmarkOptions.ParseError.self) { try BenchmarkOptions.parse(arguments) }
    }

    @Test func helpListsEveryOptionProblemAndOptimizer() throws {
        #expect(try BenchmarkOptions.parse(["--help"]).showsHelp)
        let help = BenchmarkOptions.helpText
        for option in ["--problems", "--optimizers", "--seeds", "--epochs", "--data-dir", "--output", "--jobs", "--quick", "--help"] {
            #expect(help.contains(option))
        }
        for name in ProblemCatalog.builtInNames + ["idx"] { #expect(help.contains(name)) }
        for kind in OptimizerKind.allCases { #expect(help.contains(kind.rawValue)) }
        #expect(help.contains("default: 3"))
        #expect(help.contains("default: benchmark-results"))
    }

    @Test func theProgramWritesItsFiles() throws {
        let directory = try TestData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let status = BenchmarkCommand.main(
            arguments: ["--quick", "--problems", "spirals,beale", "--optimizers", "sgd,adam", "--epochs", "1", "--output", directory.path],
            dataDirectory: TestData.shippedDataDirectory, progress: ProgressDisplay(enabled: false))
        #expect(status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        for name in OutputWriter.dataFiles + ["loss-spirals.svg", "loss-beale.svg", "paths-beale.svg", "test-accuracy.svg"] {
            #expect(files.contains(name))
        }
    }

    @Test func badCommandLinesExitWithStatusTwo() {
        #expect(
            BenchmarkCommand.main(
                arguments: ["--seeds", "0"], dataDirectory: TestData.shippedDataDirectory, progress: ProgressDisplay(enabled: false))
                == 2)
        #expect(
            BenchmarkCommand.main(
                arguments: ["--data-dir", "/nonexistent/folder"], dataDirectory: TestData.shippedDataDirectory,
                progress: ProgressDisplay(enabled: false)) == 2)
    }
}
