/// How per-element (or per-example) losses are combined into one number.
public enum Reduction: Sendable, Hashable {
    /// The average, PyTorch's default. For weighted cross-entropy, the weighted average.
    case mean
    /// The sum.
    case sum
}
