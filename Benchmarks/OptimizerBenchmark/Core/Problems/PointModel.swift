import Layerwise

/// The "model" of a two-variable problem: a single parameter, the point p = (x, y), which the
/// optimizers update like any network parameter.
///
/// Forward ignores its input and returns p as a `[1, 2]` tensor; the test function plays the
/// loss. Backward adds ∂f/∂p (the incoming gradient) to p's gradient and returns zeros shaped
/// like the last input.
///
///     forward:  output = p
///     backward: ∂f/∂p += gradOutput,   ∂f/∂input = 0
public struct PointModel<Scalar: TensorScalar>: Layer {
    /// The point p, shape `[2]`, named "position".
    public var position: Parameter<Scalar>
    /// The shape of the last input.
    private var lastInputShape: [Int]?

    /// A model at (x, y).
    ///
    /// - Parameters:
    ///   - x: The first coordinate.
    ///   - y: The second coordinate.
    public init(x: Scalar, y: Scalar) {
        position = Parameter(Tensor(shape: [2], scalars: [x, y]))
    }

    /// The point's coordinates.
    public var point: (x: Scalar, y: Scalar) { (position.value.scalars[0], position.value.scalars[1]) }

    /// "PointModel".
    public var description: String { "PointModel" }

    /// ["position"].
    public var parameterNames: [String] { ["position"] }

    /// Returns p as `[1, 2]`.
    ///
    /// - Parameters:
    ///   - input: Ignored (its shape is kept for backward).
    ///   - mode: Ignored.
    /// - Returns: The point.
    public mutating func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        lastInputShape = input.shape
        return position.value.reshaped(to: [1, 2])
    }

    /// Adds `gradOutput` (∂f/∂p, `[1, 2]`) to p's gradient.
    ///
    /// - Parameter gradOutput: ∂f/∂output.
    /// - Returns: Zeros shaped like the last input.
    /// - Precondition: a forward pass came first; `gradOutput` has 2 elements.
    public mutating func backward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        guard let lastInputShape else {
            preconditionFailure("PointModel: backward before forward")
        }
        precondition(gradOutput.count == 2, "PointModel: gradOutput of shape \(gradOutput.shape), expected [1, 2]")
        position.gradient = position.gradient + gradOutput.reshaped(to: [2])
        return Tensor(zeros: lastInputShape)
    }

    /// Visits p.
    public mutating func visitParameters(_ visit: (inout Parameter<Scalar>) -> Void) {
        visit(&position)
    }
}
