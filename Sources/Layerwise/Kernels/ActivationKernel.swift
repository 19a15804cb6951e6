import _LayerwiseKernels

/// A built-in element-wise activation's whole-buffer loops: for `Float` the C kernel of the
/// same name (Sources/_LayerwiseKernels/ActivationLoops.h) at the CPU's vector width, for
/// `Double` the function's own `value` and `derivative`, in a loop specialized for it.
struct ActivationKernel {
    /// The C kernel's identifier.
    let function: LWKActivation
    /// The hyperparameters the C kernel reads.
    var parameters = LWKActivationParameters(alpha: 0, scale: 1, beta: 1, threshold: 0, minimum: 0, maximum: 0)

    /// yᵢ = f(xᵢ); `double` is the `Double` version of the function (the same function when
    /// `Scalar` is `Double`).
    @inline(__always)
    func forward<Scalar: TensorScalar, DoubleFunction: ActivationFunction<Double>>(
        _ input: [Scalar], into output: inout [Scalar], double: @autoclosure () -> DoubleFunction
    ) {
        requireEqualCounts(input.count, output.count, "activation")
        switch Scalar.concrete {
        case .float:
            let x = input.viewed(as: Float.self)
            output.withViewed(as: Float.self) { y in
                var parameters = parameters
                x.withUnsafeBufferPointer { x in
                    y.withUnsafeMutableBufferPointer { y in
                        guard let x = x.baseAddress, let y = y.baseAddress else { return }
                        ElementwisePartition.forEachRange(count: input.count) { range in
                            lwk_activation_forward(
                                KernelLevel.current, function, &parameters, range.count, x + range.lowerBound, y + range.lowerBound)
                        }
                    }
                }
            }
        case .double:
            let function = double()
            let x = input.viewed(as: Double.self)
            output.withViewed(as: Double.self) { y in
                for index in x.indices { y[index] = function.value(x[index]) }
            }
        }
    }

    /// ∂L/∂xᵢ = ∂L/∂yᵢ · f′(xᵢ, yᵢ).
    @inline(__always)
    func backward<Scalar: TensorScalar, DoubleFunction: ActivationFunction<Double>>(
        _ gradOutput: [Scalar], input: [Scalar], output: [Scalar], into gradInput: inout [Scalar],
        double: @autoclosure () -> DoubleFunction
    ) {
        requireEqualCounts(gradOutput.count, input.count, "activation backward")
        requireEqualCounts(gradOutput.count, output.count, "activation backward")
        requireEqualCounts(gradOutput.count, gradInput.count, "activation backward")
        switch Scalar.concrete {
        case .float:
            let x = input.viewed(as: Float.self), y = output.viewed(as: Float.self), dy = gradOutput.viewed(as: Float.self)
            gradInput.withViewed(as: Float.self) { dx in
                var parameters = parameters
                x.withUnsafeBufferPointer { x in
                    y.withUnsafeBufferPointer { y in
                        dy.withUnsafeBufferPointer { dy in
                            dx.withUnsafeMutableBufferPointer { dx in
                                guard let x = x.baseAddress, let y = y.baseAddress, let dy = dy.baseAddress,
                                    let dx = dx.baseAddress
                                else { return }
                                ElementwisePartition.forEachRange(count: input.count) { range in
                                    let start = range.lowerBound
                                    lwk_activation_backward(
                                        KernelLevel.current, function, &parameters, range.count, x + start, y + start,
                                        dy + start, dx + start)
                                }
                            }
                        }
                    }
                }
            }
        case .double:
            let function = double()
            let x = input.viewed(as: Double.self), y = output.viewed(as: Double.self), dy = gradOutput.viewed(as: Double.self)
            gradInput.withViewed(as: Double.self) { dx in
                for index in x.indices { dx[index] = dy[index] * function.derivative(input: x[index], output: y[index]) }
            }
        }
    }
}
