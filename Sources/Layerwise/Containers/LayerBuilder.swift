/// Builds the layer list of a `Sequential` (or a `Residual` body) from statements.
///
/// Supports plain layers, `if`/`else`, and `for` loops:
///
/// ```swift
/// Sequential<Float> {
///     for _ in 0..<3 {
///         Linear(inputSize: 16, outputSize: 16, generator: &generator)
///         Tanh()
///     }
///     if useDropout { Dropout(probability: 0.1, generator: &generator) }
/// }
/// ```
@resultBuilder
public enum LayerBuilder<Scalar: TensorScalar> {
    /// A single layer statement.
    public static func buildExpression(_ layer: some Layer<Scalar>) -> [any Layer<Scalar>] {
        [layer]
    }

    /// An array of layers, spliced in place.
    public static func buildExpression(_ layers: [any Layer<Scalar>]) -> [any Layer<Scalar>] {
        layers
    }

    /// The statements of a block, in order.
    public static func buildBlock(_ parts: [any Layer<Scalar>]...) -> [any Layer<Scalar>] {
        parts.flatMap { $0 }
    }

    /// An `if` without `else`: its layers, or none.
    public static func buildOptional(_ part: [any Layer<Scalar>]?) -> [any Layer<Scalar>] {
        part ?? []
    }

    /// The `if` branch of an `if`/`else`.
    public static func buildEither(first part: [any Layer<Scalar>]) -> [any Layer<Scalar>] {
        part
    }

    /// The `else` branch of an `if`/`else`.
    public static func buildEither(second part: [any Layer<Scalar>]) -> [any Layer<Scalar>] {
        part
    }

    /// The layers of every iteration of a `for` loop.
    public static func buildArray(_ parts: [[any Layer<Scalar>]]) -> [any Layer<Scalar>] {
        parts.flatMap { $0 }
    }
}
