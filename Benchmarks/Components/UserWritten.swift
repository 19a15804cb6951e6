import Layerwise

/// Softsign written the way Docs/Layers.md shows a user writing an activation: `value` and
/// `derivative` only, in the user's own module (this one).
struct UserSoftsignFunction<Scalar: TensorScalar>: ActivationFunction {
    var description: String { "UserSoftsign" }

    func value(_ x: Scalar) -> Scalar { x / (1 + abs(x)) }

    func derivative(input x: Scalar, output y: Scalar) -> Scalar {
        let denominator = 1 + abs(x)
        return 1 / (denominator * denominator)
    }
}

/// Lion (Chen et al., 2023) exactly as the `Optimizer` documentation shows it.
struct Lion<Scalar: TensorScalar>: Optimizer {
    var learningRate = 1e-4
    var beta1 = 0.9
    var beta2 = 0.99
    var weightDecay = 0.0
    var parameterStates = ParameterStates<State>()

    struct State: OptimizerState {
        var momentum: [Scalar]
        static var buffers: [(name: String, keyPath: WritableKeyPath<State, [Scalar]>)] {
            [("exp_avg", \.momentum)]
        }
    }

    func makeState(for value: Tensor<Scalar>) -> State {
        State(momentum: Array(repeating: 0, count: value.count))
    }

    func update(
        _ value: inout [Scalar], gradient: [Scalar], state: inout State,
        step: Int, learningRate: Double, weightDecay: Double
    ) {
        let lr = Scalar(learningRate), lambda = Scalar(weightDecay)
        let b1 = Scalar(beta1), b2 = Scalar(beta2)
        for i in value.indices {
            let c = b1 * state.momentum[i] + (1 - b1) * gradient[i]
            let sign: Scalar = c > 0 ? 1 : (c < 0 ? -1 : 0)
            value[i] -= lr * (sign + lambda * value[i])
            state.momentum[i] = b2 * state.momentum[i] + (1 - b2) * gradient[i]
        }
    }
}

extension Components {
    /// The documented extension points, beside the built-ins they resemble.
    mutating func userWritten() {
        for (rows, columns) in [(512, 1024)] {
            layer("Softsign (user-written)", { _ in Activation(UserSoftsignFunction<Float>()) }, rows: rows, columns: columns)
            layer("Softsign", { _ in Softsign<Float>() }, rows: rows, columns: columns)
        }
        optimizer("Lion (user-written)", Lion<Float>())
        optimizer("SGD(momentum)", SGD<Float>(learningRate: 1e-3, momentum: 0.9))
        timings = timings.map { timing in
            ComponentTiming(group: "user", name: timing.name, size: timing.size, seconds: timing.seconds)
        }
    }
}
