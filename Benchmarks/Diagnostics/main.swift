import Foundation
import Layerwise

// The training diagnostics on the UCI digits (Docs/Diagnostics.md):
//
//   swift run -c release diagnostics --recipe                the sanity checks, on a correct and a broken MLP
//   swift run -c release diagnostics --experiment tanh-init  the 6-layer Tanh network under three initializations
//   swift run -c release diagnostics --lr-finder             the learning-rate range test, SGD and Adam
//
// Options: --data PATH (digits.csv), --figures DIR (write the SVG figures there, e.g.
// Docs/images), --seed N, --epochs N (training runs that check the range test, default 10).

let usage = """
    usage: diagnostics [--recipe] [--experiment tanh-init] [--lr-finder] [--all]
                       [--data PATH] [--figures DIR] [--seed N] [--epochs N]
    """

struct Options {
    var recipe = false
    var tanhExperiment = false
    var learningRateFinder = false
    var dataPath = DigitsData.defaultPath
    var figureDirectory: String?
    var seed: UInt64 = 7
    var epochs = 10

    init(_ arguments: [String]) throws {
        var remaining = arguments[...]
        func value(_ option: String) throws -> String {
            guard let value = remaining.popFirst() else { throw DiagnosticsError("\(option) needs a value\n\(usage)") }
            return value
        }
        while let argument = remaining.popFirst() {
            switch argument {
            case "--recipe": recipe = true
            case "--experiment":
                let name = try value(argument)
                guard name == "tanh-init" else { throw DiagnosticsError("unknown experiment \(name); known: tanh-init") }
                tanhExperiment = true
            case "--lr-finder": learningRateFinder = true
            case "--all": (recipe, tanhExperiment, learningRateFinder) = (true, true, true)
            case "--data": dataPath = try value(argument)
            case "--figures": figureDirectory = try value(argument)
            case "--seed":
                guard let seed = UInt64(try value(argument)) else { throw DiagnosticsError("--seed needs an integer") }
                self.seed = seed
            case "--epochs":
                guard let epochs = Int(try value(argument)), epochs > 0 else { throw DiagnosticsError("--epochs needs a positive integer") }
                self.epochs = epochs
            case "--help", "-h":
                print(usage)
                exit(0)
            default: throw DiagnosticsError("unknown argument \(argument)\n\(usage)")
            }
        }
        if !recipe && !tanhExperiment && !learningRateFinder {
            throw DiagnosticsError("nothing to do\n\(usage)")
        }
    }
}

do {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    let digits = try DigitsData.load(from: options.dataPath)
    if options.recipe {
        print("== The recipe's checks ==\n")
        print(RecipeExperiment.report(data: digits, seed: options.seed))
        print()
    }
    if options.tanhExperiment {
        print("== 6-layer Tanh network, three initializations ==\n")
        let experiment = TanhInitializationExperiment(
            data: DigitsData.standardized(digits), batchSize: 500, seed: options.seed)
        print(experiment.report)
        print()
        if let directory = options.figureDirectory {
            try Figures.writeTanhFigures(experiment, to: directory)
        }
    }
    if options.learningRateFinder {
        print("== Learning-rate range test ==\n")
        let experiment = LearningRateFinderExperiment(data: digits, epochs: options.epochs, seed: options.seed)
        print(experiment.report)
        print()
        if let directory = options.figureDirectory {
            try Figures.writeLearningRateFinderFigure(experiment, to: directory)
        }
    }
} catch {
    FileHandle.standardError.write("diagnostics: \(error)\n".data(using: .utf8)!)
    exit(1)
}
