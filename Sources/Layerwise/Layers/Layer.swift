/// A differentiable building block with a hand-written forward and backward pass.
///
/// A layer is a value. `forward(_:mode:)` computes the output and remembers what `backward(_:)`
/// needs; `backward(_:)` receives ∂L/∂output, returns ∂L/∂input and *adds* ∂L/∂parameter to
/// each parameter's `gradient`. Backward differentiates the function the most recent forward
/// computed, in whichever mode it ran (so input gradients of a network in inference mode, as
/// for saliency maps, are available too).
///
/// Parameters are visited in a stable order that matches `parameterNames`; non-trainable state
/// (BatchNorm's running statistics) is listed apart in `stateNames` and `visitState(_:)`.
/// Names follow PyTorch's `state_dict` (`"weight"`, `"bias"`, `"running_mean"`; inside a
/// `Sequential`, `"0.weight"`, `"1.running_var"`).
///
/// Conforming a new layer takes `forward`, `backward`, a `description` for error messages and,
/// if it has parameters or state, the names and visitors. Check it with `GradientCheck`.
public protocol Layer<Scalar>: CustomStringConvertible {
    /// The scalar type the layer computes in.
    associatedtype Scalar: TensorScalar

    /// The names of the trainable parameters, in the order `visitParameters(_:)` visits them.
    var parameterNames: [String] { get }

    /// The names of the non-trainable state tensors, in the order `visitState(_:)` visits them.
    var stateNames: [String] { get }

    /// Computes the layer's output and keeps what `backward(_:)` needs.
    ///
    /// - Parameters:
    ///   - input: The input batch, usually `[batch, features]`.
    ///   - mode: Training or inference.
    /// - Returns: The output batch.
    mutating func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar>

    /// Propagates a gradient back through the most recent forward pass.
    ///
    /// - Parameter gradOutput: ∂L/∂output, with the shape of the last output.
    /// - Returns: ∂L/∂input, with the shape of the last input. Parameter gradients are added
    ///   to each parameter's `gradient`.
    /// - Precondition: a forward pass came first. Calling backward before any forward stops
    ///   the program with a message naming the layer.
    mutating func backward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar>

    /// Propagates a gradient back to the parameters only: adds ∂L/∂parameter to each
    /// parameter's `gradient` exactly as `backward(_:)` does, without computing ∂L/∂input.
    ///
    /// Training loops call it on the whole model, whose input needs no gradient (PyTorch's
    /// input without `requires_grad`). A `Sequential` passes it to its first layer, where
    /// `Linear` then skips the product (∂L/∂y)·W, as large as its forward product.
    ///
    /// The default calls `backward(_:)` and discards ∂L/∂input.
    ///
    /// - Parameter gradOutput: ∂L/∂output, with the shape of the last output.
    /// - Precondition: a forward pass came first.
    mutating func backwardWithoutInputGradient(_ gradOutput: Tensor<Scalar>)

    /// Drops the references that the last forward pass kept for `backward(_:)` (its input).
    ///
    /// Layers keep their output and gradient buffers and overwrite them in the next pass when
    /// nothing else refers to them. The next layer's cached input is such a reference, so
    /// `Sequential` calls this on every layer before a forward pass: every buffer is then
    /// uniquely referenced again and the steady-state training step allocates nothing. After
    /// it, `backward(_:)` needs a new forward pass. The default does nothing: a layer that keeps
    /// its input past this point makes the layer before it allocate a fresh output buffer in
    /// the next pass (correct, only not allocation-free).
    mutating func releaseForwardCache()

    /// Calls `visit` on every trainable parameter, in the order of `parameterNames`.
    mutating func visitParameters(_ visit: (inout Parameter<Scalar>) -> Void)

    /// Calls `visit` on every non-trainable state tensor, in the order of `stateNames`.
    mutating func visitState(_ visit: (inout Tensor<Scalar>) -> Void)
}

extension Layer {
    /// No parameters.
    public var parameterNames: [String] { [] }

    /// No state.
    public var stateNames: [String] { [] }

    /// Calls `backward(_:)` and discards ∂L/∂input.
    public mutating func backwardWithoutInputGradient(_ gradOutput: Tensor<Scalar>) {
        _ = backward(gradOutput)
    }

    /// Does nothing.
    public mutating func releaseForwardCache() {}

    /// Visits nothing: the layer has no parameters.
    public mutating func visitParameters(_ visit: (inout Parameter<Scalar>) -> Void) {}

    /// Visits nothing: the layer has no state.
    public mutating func visitState(_ visit: (inout Tensor<Scalar>) -> Void) {}

    /// Calls `visit` on every trainable parameter together with its name.
    public mutating func visitNamedParameters(_ visit: (String, inout Parameter<Scalar>) -> Void) {
        let names = parameterNames
        var index = 0
        visitParameters { parameter in
            visit(names[index], &parameter)
            index += 1
        }
    }

    /// Calls `visit` on every non-trainable state tensor together with its name.
    public mutating func visitNamedState(_ visit: (String, inout Tensor<Scalar>) -> Void) {
        let names = stateNames
        var index = 0
        visitState { state in
            visit(names[index], &state)
            index += 1
        }
    }

    /// The trainable parameters by name, in order (a copy).
    public var namedParameters: [(name: String, parameter: Parameter<Scalar>)] {
        var copy = self
        var result: [(name: String, parameter: Parameter<Scalar>)] = []
        copy.visitNamedParameters { name, parameter in result.append((name, parameter)) }
        return result
    }

    /// The non-trainable state tensors by name, in order (a copy).
    public var namedState: [(name: String, value: Tensor<Scalar>)] {
        var copy = self
        var result: [(name: String, value: Tensor<Scalar>)] = []
        copy.visitNamedState { name, value in result.append((name, value)) }
        return result
    }

    /// The total number of trainable scalars.
    public var parameterCount: Int {
        namedParameters.reduce(0) { $0 + $1.parameter.value.count }
    }

    /// Sets every parameter's gradient to zero.
    public mutating func zeroGradients() {
        visitParameters { $0.zeroGradient() }
    }

    /// The output in inference mode, leaving this layer untouched.
    ///
    /// `predict` runs a copy of the layer, so the copy's buffers are allocated on every call.
    /// For repeated inference (serving, batch-1 latency), keep a `var` model and call
    /// `forward(_:mode: .inference)` on it: its layers reuse their buffers and the steady-state
    /// pass allocates nothing.
    public func predict(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        var copy = self
        return copy.forward(input, mode: .inference)
    }
}
