import Layerwise

/// A two-variable test function used as a loss on `PointModel`'s output p = (x, y), for the
/// full-batch learning-rate range test.
///
///     value:    f(p) − f*
///     gradient: ∂f/∂p = ∇f(x, y), shape [1, 2]
///
/// There is no target (it is `Void`): the function value alone is minimized.
public struct TestFunctionLoss: Loss {
    /// The function.
    public var function: TestFunction

    /// The loss of `function`.
    ///
    /// - Parameter function: The test function.
    public init(function: TestFunction) {
        self.function = function
    }

    /// "TestFunctionLoss(<formula>)".
    public var description: String { "TestFunctionLoss(\(function.formula))" }

    /// f(x, y) − f* and ∇f at the point `prediction` holds.
    ///
    /// - Parameters:
    ///   - prediction: The point, shape `[1, 2]`.
    ///   - target: Nothing.
    /// - Returns: The value and the gradient, shape `[1, 2]`.
    /// - Precondition: `prediction` has 2 elements.
    public func callAsFunction(_ prediction: Tensor<Double>, target: Void) -> (value: Double, gradient: Tensor<Double>) {
        precondition(prediction.count == 2, "TestFunctionLoss: prediction of shape \(prediction.shape), expected [1, 2]")
        let (x, y) = (prediction.scalars[0], prediction.scalars[1])
        let gradient = function.gradient(x, y)
        return (function.value(x, y) - function.minimumValue, Tensor(shape: [1, 2], scalars: [gradient.0, gradient.1]))
    }
}
