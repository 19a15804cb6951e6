import Foundation

/// The SVG figures of the experiments (rendered with the benchmark plotting target).
enum Figures {
    static func writeTanhFigures(_ experiment: TanhInitializationExperiment, to directory: String) throws {
        throw DiagnosticsError("figures: not yet available")
    }

    static func writeLearningRateFinderFigure(_ experiment: LearningRateFinderExperiment, to directory: String) throws {
        throw DiagnosticsError("figures: not yet available")
    }
}
