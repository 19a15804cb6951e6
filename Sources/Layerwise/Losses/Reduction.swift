/// How per-element (or per-example) losses are combined into one number.
///
/// A loss's gradient is the gradient of the reduced number, so with `.mean` it carries the
/// factor 1/n. PyTorch's `reduction="none"` has no counterpart: a loss returns one number.
public enum Reduction: Sendable, Hashable {
    /// The average, PyTorch's default: over every element for element-wise losses, over the
    /// rows for cross-entropy. For weighted cross-entropy with class indices it is the weighted
    /// average (divided by the total weight of the non-ignored targets); with probability
    /// targets it divides by the batch size.
    case mean
    /// The sum.
    case sum
}
