/// Whether a forward pass trains or infers.
///
/// Passed explicitly to every `forward(_:mode:)`: there is no hidden global phase. Layers that
/// behave differently in the two modes are `BatchNorm` (batch statistics and running-statistic
/// updates in training, running statistics in inference) and `Dropout` (a random mask in
/// training, the identity in inference).
public enum Mode: Sendable, Hashable {
    /// Training: batch statistics, dropout masks, running-statistic updates.
    case training
    /// Inference (PyTorch's `eval()`): deterministic, no state changes.
    case inference
}
