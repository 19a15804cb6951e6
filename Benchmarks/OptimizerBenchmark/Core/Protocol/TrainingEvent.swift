import Layerwise

/// What a classification run reports while it runs, to a progress display or a test.
public enum TrainingEvent: Sendable {
    /// The model's weights before the first step.
    case initialWeights(WeightsSnapshot<Float>)
    /// A mini-batch is about to be used: its epoch (from 1) and the indices of its examples in
    /// the training split.
    case batch(epoch: Int, exampleIndices: ArraySlice<Int>)
    /// An epoch has ended (counted from 1), out of the run's total.
    case epochEnded(epoch: Int, of: Int)
}
