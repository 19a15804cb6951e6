/// `overfitOneBatch`: the second sanity check of the recipe (Docs/Diagnostics.md).
extension Layer {
    /// Trains a copy of this classifier on one small batch, with regularization off, until the
    /// loss is near zero and every example is classified correctly, or the step budget runs out.
    ///
    /// Each step is the training step of `fit` on the same batch:
    ///
    ///     ℓₖ = L(model(x), y);   stop if ℓₖ ≤ threshold and accuracy = 100 %;   θ ← update(θ, ∂ℓₖ/∂θ)
    ///
    /// Regularization off means: every `Dropout` reachable through `Sequential` and `Residual`
    /// containers drops nothing (its p is set to 0 in the copy; the model still runs in training
    /// mode, so BatchNorm normalizes with batch statistics), and the optimizer applies no weight
    /// decay (`excludeFromWeightDecay` is set to exclude every parameter, in the copy). Pass a
    /// loss without label smoothing: a smoothed target cannot be fitted to a loss of 0.
    ///
    /// - Parameters:
    ///   - input: A small batch (e.g. 16–64 examples), `[N, …]`.
    ///   - labels: Its class indices.
    ///   - loss: A loss on class indices (`SoftmaxCrossEntropy()`).
    ///   - optimizer: The update rule to train with (e.g. `Adam(learningRate: 1e-3)`); a copy is
    ///     used, so the caller's optimizer is not changed.
    ///   - maximumStepCount: The step budget (500 by default).
    ///   - lossThreshold: The loss that counts as "near zero" (0.01 by default).
    /// - Returns: Whether it succeeded, the loss curve, the final accuracy. This model is not
    ///   changed: the training runs on a copy.
    /// - Precondition: `maximumStepCount ≥ 0`.
    public func overfitOneBatch<L: Loss>(
        input: Tensor<Scalar>, labels: [Int], loss: L, optimizer: some Optimizer<Scalar>,
        maximumStepCount: Int = 500, lossThreshold: Double = 0.01
    ) -> OverfitReport where L.Scalar == Scalar, L.Target == ClassificationTarget<Scalar> {
        overfit(
            input: input, lossTarget: .classes(labels), labels: labels, loss: loss, optimizer: optimizer,
            maximumStepCount: maximumStepCount, lossThreshold: lossThreshold)
    }

    /// Trains a copy of this model on one small batch with tensor targets (regression, binary
    /// or soft targets), with regularization off, until the loss is at most `lossThreshold`.
    ///
    /// The same procedure as the class-label `overfitOneBatch(input:labels:loss:optimizer:maximumStepCount:lossThreshold:)`,
    /// without the accuracy condition.
    ///
    /// - Parameters:
    ///   - input: A small batch, `[N, …]`.
    ///   - target: Its targets, as `loss` takes them.
    ///   - loss: A loss on tensors (`MeanSquaredError()`, …).
    ///   - optimizer: The update rule; a copy is used.
    ///   - maximumStepCount: The step budget (500 by default).
    ///   - lossThreshold: The loss that counts as "near zero" (0.01 by default).
    /// - Returns: Whether it succeeded and the loss curve; `finalAccuracy` is nil. This model is
    ///   not changed.
    /// - Precondition: `maximumStepCount ≥ 0`.
    public func overfitOneBatch<L: Loss>(
        input: Tensor<Scalar>, target: Tensor<Scalar>, loss: L, optimizer: some Optimizer<Scalar>,
        maximumStepCount: Int = 500, lossThreshold: Double = 0.01
    ) -> OverfitReport where L.Scalar == Scalar, L.Target == Tensor<Scalar> {
        overfit(
            input: input, lossTarget: target, labels: nil, loss: loss, optimizer: optimizer,
            maximumStepCount: maximumStepCount, lossThreshold: lossThreshold)
    }

    /// The loop behind both `overfitOneBatch`s.
    private func overfit<L: Loss>(
        input: Tensor<Scalar>, lossTarget: L.Target, labels: [Int]?, loss: L,
        optimizer: some Optimizer<Scalar>, maximumStepCount: Int, lossThreshold: Double
    ) -> OverfitReport where L.Scalar == Scalar {
        checkPrecondition(maximumStepCount >= 0, "overfitOneBatch: negative step budget \(maximumStepCount)")
        var (model, disabledCount) = disablingDropout(in: self)
        var optimizer = optimizer
        optimizer.excludeFromWeightDecay = { _ in true }

        var losses: [Double] = []
        var accuracy: Double?
        var succeeded = false
        var stepCount = 0
        while true {
            model.zeroGradients()
            let output = model.forward(input, mode: .training)
            let (value, gradient) = loss(output, target: lossTarget)
            losses.append(Double(value))
            accuracy = labels.map { Accuracy.of(logits: output, labels: $0) }
            if Double(value) <= lossThreshold && (accuracy ?? 1) == 1 {
                succeeded = true
                break
            }
            if stepCount == maximumStepCount || !Double(value).isFinite { break }
            _ = model.backward(gradient)
            optimizer.step(&model)
            stepCount += 1
        }
        return OverfitReport(
            succeeded: succeeded, stepCount: stepCount, maximumStepCount: maximumStepCount,
            lossThreshold: lossThreshold, losses: losses, finalAccuracy: accuracy,
            batchSize: input.rank >= 1 ? input.shape[0] : 1, disabledDropoutCount: disabledCount)
    }
}
