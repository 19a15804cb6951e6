extension Layer {
    /// Throws when the loss, a parameter's gradient or a state tensor (BatchNorm's running
    /// statistics) is NaN or infinite: the divergence guard for an explicit training loop.
    ///
    /// Call it after `backward` and before clipping and the optimizer step. When it throws, the
    /// step has not been applied, so the parameters are still the last finite ones (those of
    /// the previous step) and the optimizer's state is untouched: save them, lower the learning
    /// rate, or stop. The running statistics are those the failed forward pass left; keep a
    /// copy before the forward pass to put back (`fit` does). After the optimizer step,
    /// `checkParameterValues(step:)` checks what the step wrote.
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
    ///   `parameterNames` order) and element whose gradient is not finite, or the first state
    ///   tensor (in `stateNames` order) and element that is not.
    /// - Complexity: O(number of parameter and state elements), one vectorized scan; allocates
    ///   nothing unless it throws.
    public mutating func checkDivergence(loss: Scalar, step: Int) throws(DivergenceError) {
        guard loss.isFinite else {
            throw DivergenceError(step: step, quantity: .loss, value: Double(loss))
        }
        if let found = Self.firstNonFinite({ report in visitParameters { report($0.gradient) } }) {
            throw DivergenceError(
                step: step,
                quantity: .gradient(parameter: name(in: parameterNames, at: found.position), element: found.element, count: found.count),
                value: Double(found.value))
        }
        try checkStateValues(step: step)
    }

    /// Throws when a parameter's value is NaN or infinite: the check after the optimizer step.
    ///
    /// A step can overflow a parameter although the loss and every gradient were finite (a
    /// learning rate large enough to move a weight past the largest finite value). When it
    /// throws, the step has already been applied; an explicit loop that wants the weights from
    /// before it keeps a copy of the model and the optimizer before `step` (`fit` instead
    /// replays the epoch, see `fit`).
    ///
    /// - Parameter step: The step's number, for the error message.
    /// - Throws: `DivergenceError` naming the first parameter (in `parameterNames` order) and
    ///   element whose value is not finite.
    /// - Complexity: O(number of parameter elements), one vectorized scan.
    public mutating func checkParameterValues(step: Int) throws(DivergenceError) {
        if let found = Self.firstNonFinite({ report in visitParameters { report($0.value) } }) {
            throw DivergenceError(
                step: step,
                quantity: .parameter(name: name(in: parameterNames, at: found.position), element: found.element, count: found.count),
                value: Double(found.value))
        }
    }

    /// Throws when a state tensor (in `stateNames` order) holds a NaN or an infinity.
    mutating func checkStateValues(step: Int) throws(DivergenceError) {
        if let found = Self.firstNonFinite({ report in visitState { report($0) } }) {
            throw DivergenceError(
                step: step,
                quantity: .state(name: name(in: stateNames, at: found.position), element: found.element, count: found.count),
                value: Double(found.value))
        }
    }

    /// The first NaN or infinity among the tensors `walk` reports, in order: the tensor's
    /// position, the element, the tensor's count and the value. One vectorized scan per tensor
    /// until one is found.
    private static func firstNonFinite(
        _ walk: (_ report: (Tensor<Scalar>) -> Void) -> Void
    ) -> (position: Int, element: Int, count: Int, value: Scalar)? {
        var position = 0
        var found: (position: Int, element: Int, count: Int, value: Scalar)?
        walk { tensor in
            if found == nil, let element = firstNonFiniteElement(in: tensor.scalars) {
                found = (position, element, tensor.count, tensor.scalars[element])
            }
            position += 1
        }
        return found
    }

    /// The name at `position`, or a placeholder for a layer whose names and visits disagree.
    private func name(in names: [String], at position: Int) -> String {
        position < names.count ? names[position] : "tensor \(position)"
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
                copyElements(state.scalars, into: &buffer[index].scalars)
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
