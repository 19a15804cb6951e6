/// How the benchmark chooses each optimizer's learning rate (`--lr-search`).
///
/// - `grid`: one seed-0 run per rate of a small log-spaced grid around the default, judged on
///   the validation split (`LearningRateGrid`, `LearningRateSelection`).
/// - `finder`: one learning-rate range test (`LearningRateRangeTest`, Smith 2017) per problem and
///   optimizer on the training split only, from the seed-0 initial weights; the rate at the
///   minimum of the smoothed loss divided by 10 is used as is (`RangeTestSummary.chosenLearningRate`;
///   the steepest-descent suggestion overshoots for the adaptive optimizers). The test
///   functions use the full-batch variant with f − f* as the loss.
public enum LearningRateSearch: String, Sendable, CaseIterable, Equatable {
    /// The grid search on the validation split (the default).
    case grid
    /// The learning-rate range test on the training split.
    case finder
}
