/// How `GELU` evaluates the Gaussian cumulative distribution Φ (PyTorch's `approximate`).
public enum GELUApproximation: String, Sendable, CaseIterable {
    /// The exact form x·Φ(x) = ½·x·(1 + erf(x/√2)) (PyTorch's `approximate='none'`, the default).
    case none
    /// The tanh form ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))) (PyTorch's `approximate='tanh'`).
    case tanh
}
