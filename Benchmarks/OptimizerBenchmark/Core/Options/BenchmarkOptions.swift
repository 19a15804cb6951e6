import Foundation

/// The command line of `optimizer-benchmark`.
///
/// Every option takes its value as the next argument or after "=" (`--seeds 5`, `--seeds=5`).
public struct BenchmarkOptions: Sendable, Equatable {
    /// A command line that cannot be run.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        /// What is wrong.
        public let description: String
    }

    /// The problems given with `--problems`, or nil for the default.
    public var problems: [String]?
    /// The optimizers (default all).
    public var optimizers: [OptimizerKind] = OptimizerKind.allCases
    /// The seeds given with `--seeds`, or nil for the default.
    public var seeds: Int?
    /// The epochs given with `--epochs`, or nil for each problem's own.
    public var epochs: Int?
    /// Whether to run the small smoke test.
    public var quick = false
    /// The output folder.
    public var output = "benchmark-results"
    /// The `--data-dir` folder, or nil.
    public var dataDirectory: String?
    /// The runs at a time given with `--jobs`, or nil for the default.
    public var jobs: Int?
    /// How the learning rate is chosen (`--lr-search`, default grid).
    public var learningRateSearch: LearningRateSearch = .grid
    /// Whether `--help` was given.
    public var showsHelp = false

    /// The default options (no arguments).
    public init() {}

    /// The problems to run: `--problems`, or the built-in ones (plus `idx` with `--data-dir`).
    public var resolvedProblems: [String] {
        problems ?? (ProblemCatalog.builtInNames + (dataDirectory == nil ? [] : [ProblemCatalog.idxName]))
    }

    /// The number of final seeds: `--seeds`, else 3 (2 with `--quick`).
    public var resolvedSeeds: Int { seeds ?? (quick ? 2 : 3) }

    /// The runs at a time: `--jobs`, else the number of active cores (at most 8).
    public var resolvedJobs: Int { jobs ?? max(1, min(8, ProcessInfo.processInfo.activeProcessorCount)) }

    /// The learning-rate grid: ×10^{−1, −½, 0, ½, 1} of the default; ×10^{−½, 0, ½} with
    /// `--quick`.
    public var grid: LearningRateGrid {
        quick ? LearningRateGrid(exponents: [-0.5, 0, 0.5]) : LearningRateGrid()
    }

    /// Parses the arguments (without the program name).
    ///
    /// - Parameter arguments: The command-line arguments.
    /// - Returns: The options.
    /// - Throws: `ParseError` for an unknown option, a missing or invalid value, an unknown
    ///   problem or optimizer, or `idx` without `--data-dir`.
    public static func parse(_ arguments: [String]) throws(ParseError) -> BenchmarkOptions {
        var options = BenchmarkOptions()
        var index = 0
        func value(for option: String, inline: String?) throws(ParseError) -> String {
            if let inline { return inline }
            index += 1
            guard index < arguments.count else { throw ParseError(description: "\(option) needs a value") }
            return arguments[index]
        }
        func positive(_ text: String, for option: String) throws(ParseError) -> Int {
            guard let number = Int(text), number >= 1 else {
                throw ParseError(description: "\(option) needs a whole number ≥ 1, got \"\(text)\"")
            }
            return number
        }
        func list(_ text: String) -> [String] {
            text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        }
        while index < arguments.count {
            let argument = arguments[index]
            let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
            let option = parts[0]
            let inline = parts.count > 1 ? parts[1] : nil
            switch option {
            case "--help", "-h":
                options.showsHelp = true
            case "--quick":
                options.quick = true
            case "--problems":
                let names = list(try value(for: option, inline: inline))
                let known = ProblemCatalog.builtInNames + [ProblemCatalog.idxName]
                if let unknown = names.first(where: { !known.contains($0) }) {
                    throw ParseError(description: "unknown problem \"\(unknown)\"; the problems are \(known.joined(separator: ", "))")
                }
                guard !names.isEmpty else { throw ParseError(description: "--problems needs at least one problem") }
                options.problems = names.enumerated().filter { names.firstIndex(of: $0.element) == $0.offset }.map(\.element)
            case "--optimizers":
                let names = list(try value(for: option, inline: inline))
                var kinds: [OptimizerKind] = []
                for name in names {
                    guard let kind = OptimizerKind(rawValue: name) else {
                        throw ParseError(
                            description: "unknown optimizer \"\(name)\"; the optimizers are "
                                + OptimizerKind.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                    if !kinds.contains(kind) { kinds.append(kind) }
                }
                guard !kinds.isEmpty else { throw ParseError(description: "--optimizers needs at least one optimizer") }
                options.optimizers = kinds
            case "--seeds":
                options.seeds = try positive(try value(for: option, inline: inline), for: option)
            case "--epochs":
                options.epochs = try positive(try value(for: option, inline: inline), for: option)
            case "--jobs":
                options.jobs = try positive(try value(for: option, inline: inline), for: option)
            case "--lr-search":
                let name = try value(for: option, inline: inline).lowercased()
                guard let search = LearningRateSearch(rawValue: name) else {
                    throw ParseError(
                        description: "unknown learning-rate search \"\(name)\"; the searches are "
                            + LearningRateSearch.allCases.map(\.rawValue).joined(separator: ", "))
                }
                options.learningRateSearch = search
            case "--output":
                options.output = try value(for: option, inline: inline)
            case "--data-dir":
                options.dataDirectory = try value(for: option, inline: inline)
            default:
                throw ParseError(description: "unknown option \"\(argument)\"")
            }
            index += 1
        }
        if options.resolvedProblems.contains(ProblemCatalog.idxName) && options.dataDirectory == nil {
            throw ParseError(description: "problem \"idx\" needs --data-dir DIR")
        }
        return options
    }

    /// The text of `--help`, listing every option with its default.
    public static var helpText: String {
        """
        USAGE: optimizer-benchmark [options]

        Compares optimizers fairly on small problems that ship with Layerwise. Each optimizer
        runs at PyTorch's defaults except the learning rate, which is chosen from a small grid
        around its default on a validation split carved from the training data (or, with
        --lr-search finder, by a learning-rate range test on the training split); then it trains
        with several seeds (same initial weights and batch order for every optimizer within a
        seed) and is evaluated on the test set. Prints ranked tables; writes CSV, JSON, SVG
        figures and report.md.

        OPTIONS:
          --problems LIST    Comma-separated problems (default: \(ProblemCatalog.builtInNames.joined(separator: ",")),
                             and idx when --data-dir is given).
                               \(ProblemCatalog.helpLines.joined(separator: "\n" + String(repeating: " ", count: 23)))
          --optimizers LIST  Comma-separated optimizers (default: all):
                             \(OptimizerKind.allCases.map(\.rawValue).joined(separator: ","))
          --seeds N          Final runs per optimizer, seeds 1…N (default: 3; 2 with --quick).
          --epochs N         Epochs of every classification problem (default: each problem's own).
          --lr-search KIND   How each optimizer's learning rate is chosen (default: grid):
                               grid    5 rates (3 with --quick) from ×0.1 to ×10 of the default,
                                       one seed-0 run each, best validation accuracy (test
                                       functions: fewest steps to the tolerance).
                               finder  the learning-rate range test (Smith 2017): γ grows from
                                       1e-6 to 10 over 100 steps (40 with --quick) on the training
                                       split only, from seed 0's weights; the rate at the minimum
                                       of the smoothed loss / 10 is used (the steepest-descent
                                       suggestion is recorded beside it). Rosenbrock and Beale use
                                       its full-batch form, loss f − f*, no smoothing.
          --data-dir DIR     A folder of MNIST-style IDX files: train and test images and labels
                             ("train" / "test" or "t10k" in the names), raw or .gz; with only one
                             split, a seeded 20 % hold-out is the test set. Adds problem idx.
          --output DIR       Where results go (default: benchmark-results).
          --jobs N           Runs at a time (default: the number of cores, at most 8).
          --quick            A smoke run of under a minute: tiny budgets, 3 learning rates, 2 seeds.
          -h, --help         Show this text.

        """
    }
}
