/// A scalar function applied element by element, with its derivative.
///
/// Conform to this to define a new element-wise activation in a few lines; `Activation`
/// turns it into a `Layer`:
///
/// ```swift
/// struct SquareFunction<Scalar: TensorScalar>: ActivationFunction {
///     var description: String { "Square" }
///     func value(_ x: Scalar) -> Scalar { x * x }
///     func derivative(input x: Scalar, output y: Scalar) -> Scalar { 2 * x }
/// }
/// typealias Square<Scalar: TensorScalar> = Activation<SquareFunction<Scalar>>
/// ```
public protocol ActivationFunction<Scalar>: Sendable, CustomStringConvertible {
    /// The scalar type the function computes in.
    associatedtype Scalar: TensorScalar

    /// f(x).
    func value(_ x: Scalar) -> Scalar

    /// f′(x), given both the input `x` and the output `y = f(x)` (whichever is cheaper).
    func derivative(input x: Scalar, output y: Scalar) -> Scalar

    /// Points where f is not differentiable (ReLU's 0, Hardtanh's bounds). Gradient checks
    /// keep their inputs away from them.
    var kinks: [Scalar] { get }
}

extension ActivationFunction {
    /// A smooth function: no kinks.
    public var kinks: [Scalar] { [] }
}
