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

    /// `output[i] = f(input[i])` for a whole buffer; `Activation.forward` calls this.
    ///
    /// The default calls `value(_:)` for each element. A function on the training hot path
    /// (ReLU) provides a whole-buffer kernel instead, so that no element goes through a
    /// protocol witness.
    ///
    /// - Precondition: `output.count == input.count`.
    func values(of input: [Scalar], into output: inout [Scalar])

    /// `gradInput[i] = gradOutput[i] · f′(input[i])` for a whole buffer, given the forward
    /// pass's `input` and `output`; `Activation.backward` calls this.
    ///
    /// The default calls `derivative(input:output:)` for each element.
    ///
    /// - Precondition: all four buffers have the same count.
    func inputGradient(
        from gradOutput: [Scalar], input: [Scalar], output: [Scalar], into gradInput: inout [Scalar])
}

extension ActivationFunction {
    /// A smooth function: no kinks.
    public var kinks: [Scalar] { [] }

    /// Calls `value(_:)` for each element. Inlinable, so that a function type defined in
    /// another module gets this loop compiled for it (through `Activation.init`).
    @inlinable @inline(__always)
    public func values(of input: [Scalar], into output: inout [Scalar]) {
        mapElements(input, into: &output) { value($0) }
    }

    /// Calls `derivative(input:output:)` for each element (inlinable, like `values`).
    @inlinable @inline(__always)
    public func inputGradient(
        from gradOutput: [Scalar], input: [Scalar], output: [Scalar], into gradInput: inout [Scalar]
    ) {
        mapGradients(gradOutput, input: input, output: output, into: &gradInput) { derivative(input: $0, output: $1) }
    }
}
