/// A copy of a model's parameter values and non-trainable state (BatchNorm's running
/// statistics), to put back later: the "best weights" of early stopping.
///
/// Gradients, optimizer state, caches and dropout generators are not part of it.
///
/// ```swift
/// var best = WeightsSnapshot(of: model)
/// …                                    // train on, keep `best` when validation improves
/// best.restore(into: &model)           // the model as it was at the snapshot
/// ```
public struct WeightsSnapshot<Scalar: TensorScalar>: Sendable, Equatable {
    /// The parameter names, in the model's visiting order.
    public let parameterNames: [String]
    /// The parameter values, in the same order.
    public let parameterValues: [Tensor<Scalar>]
    /// The state names (`"1.running_mean"`, …), in the model's visiting order.
    public let stateNames: [String]
    /// The state tensors, in the same order.
    public let stateValues: [Tensor<Scalar>]

    /// Copies the parameter values and state of `model`.
    ///
    /// - Parameter model: The model to copy (it is not changed).
    /// - Complexity: O(number of parameter and state elements); the tensors are shared
    ///   copy-on-write until the model changes them.
    public init(of model: some Layer<Scalar>) {
        var copy = model
        var values: [Tensor<Scalar>] = []
        copy.visitParameters { values.append($0.value) }
        var state: [Tensor<Scalar>] = []
        copy.visitState { state.append($0) }
        parameterNames = model.parameterNames
        parameterValues = values
        stateNames = model.stateNames
        stateValues = state
    }

    /// Puts the copied parameter values and state back into `model`.
    ///
    /// - Parameter model: A model with the same parameter and state names and shapes as the one
    ///   copied (usually the same model, later).
    /// - Precondition: the names and shapes match; otherwise the program stops with a message
    ///   naming the first difference.
    public func restore(into model: inout some Layer<Scalar>) {
        checkPrecondition(
            model.parameterNames == parameterNames && model.stateNames == stateNames,
            "WeightsSnapshot: the model has parameters \(model.parameterNames) and state \(model.stateNames), the snapshot \(parameterNames) and \(stateNames)")
        var index = 0
        model.visitParameters { parameter in
            checkPrecondition(
                parameter.value.shape == parameterValues[index].shape,
                "WeightsSnapshot: parameter \(parameterNames[index]) has shape \(parameter.value.shape), the snapshot \(parameterValues[index].shape)")
            parameter.value = parameterValues[index]
            index += 1
        }
        index = 0
        model.visitState { state in
            checkPrecondition(
                state.shape == stateValues[index].shape,
                "WeightsSnapshot: state \(stateNames[index]) has shape \(state.shape), the snapshot \(stateValues[index].shape)")
            state = stateValues[index]
            index += 1
        }
    }
}
