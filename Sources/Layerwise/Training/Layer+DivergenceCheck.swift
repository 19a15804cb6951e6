extension Layer {
    /// Throws when the loss or a parameter's gradient is NaN or infinite: the divergence guard
    /// for an explicit training loop.
    ///
    /// Call it after `backward` and before clipping and the optimizer step. When it throws, the
    /// step has not been applied, so the parameters are still the last finite ones (those of
    /// the previous step) and the optimizer's state is untouched: save them, lower the learning
    /// rate, or stop.
    ///
    /// ```swift
    /// for (step, (input, labels)) in batches.enumerated() {
    ///     model.zeroGradients()
    ///     let (value, gradient) = loss(model.forward(input, mode: .training), target: .classes(labels))
    ///     _ = model.backward(gradient)
    ///     try model.checkDivergence(loss: value, step: step + 1)
    ///     optimizer.step(&model)
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - loss: The loss of this step.
    ///   - step: The step's number, for the error message.
    /// - Throws: `DivergenceError` naming the step and the loss, or the first parameter (in
    ///   `parameterNames` order) and element whose gradient is not finite.
    /// - Complexity: O(number of parameter elements); allocates nothing unless it throws.
    public mutating func checkDivergence(loss: Scalar, step: Int) throws(DivergenceError) {
        guard loss.isFinite else {
            throw DivergenceError(step: step, quantity: .loss, value: Double(loss))
        }
        var position = 0
        var found: (position: Int, element: Int, count: Int, value: Scalar)?
        visitParameters { parameter in
            if found == nil, let element = parameter.gradient.scalars.firstIndex(where: { !$0.isFinite }) {
                found = (position, element, parameter.gradient.count, parameter.gradient.scalars[element])
            }
            position += 1
        }
        if let found {
            let names = parameterNames
            let name = found.position < names.count ? names[found.position] : "parameter \(found.position)"
            throw DivergenceError(
                step: step, quantity: .gradient(parameter: name, element: found.element, count: found.count),
                value: Double(found.value))
        }
    }
}

extension Layer {
    /// Copies the state tensors (BatchNorm's running statistics), in `stateNames` order, into
    /// `buffer`, reusing its storage after the first call; `fit` keeps them across a step so
    /// that a diverged step leaves no NaN behind.
    mutating func copyStateValues(into buffer: inout [Tensor<Scalar>]) {
        var index = 0
        visitState { state in
            if index < buffer.count && buffer[index].shape == state.shape {
                for element in state.scalars.indices { buffer[index].scalars[element] = state.scalars[element] }
            } else if index < buffer.count {
                buffer[index] = Tensor(shape: state.shape, scalars: Array(state.scalars))
            } else {
                buffer.append(Tensor(shape: state.shape, scalars: Array(state.scalars)))
            }
            index += 1
        }
    }

    /// Puts back state tensors copied by `copyStateValues(into:)`.
    mutating func restoreStateValues(_ values: [Tensor<Scalar>]) {
        var index = 0
        visitState { state in
            state = values[index]
            index += 1
        }
    }
}

extension FitHistory.StopReason {
    /// Whether training ended because it diverged.
    var isDivergence: Bool {
        if case .diverged = self { return true }
        return false
    }
}
