/// `fit`: the common training loop in one call (Docs/Training.md).
extension Layer {
    /// Trains this classifier on class-labelled data for `options.epochs` epochs, with
    /// validation, early stopping, a schedule and a per-epoch callback.
    ///
    /// Each epoch: the training data in a fresh shuffled order, in mini-batches; for every batch
    /// the explicit training step
    ///
    /// ```swift
    /// optimizer.learningRate = schedule.learningRate          // with a schedule
    /// model.zeroGradients()
    /// let output = model.forward(input, mode: .training)
    /// let value = loss(output, target: …, gradientInto: &gradient)   // gradient kept across steps
    /// model.backwardWithoutInputGradient(gradient)
    /// model.clipGradientNorm(maxNorm: …)                       // with maxGradientNorm
    /// optimizer.step(&model)
    /// schedule.step(metric: value)                             // per-step schedule
    /// ```
    ///
    /// then evaluation on the validation data (inference mode), the per-epoch schedule step
    /// (given the validation loss), the early-stopping bookkeeping (a snapshot of the weights
    /// whenever the watched metric improves), and the callback. When training ends, however it
    /// ends, early stopping with `restoresBestWeights` puts the best epoch's parameters and
    /// state (BatchNorm's running statistics) back into the model. The optimizer keeps its
    /// state (moments, step counts), so a later call continues from it.
    ///
    /// Divergence guard: after every backward pass, `checkDivergence(loss:step:)` checks the
    /// loss and the gradients; if one is NaN or infinite, that step is not applied, the
    /// running statistics it changed are put back, and training ends with
    /// `.diverged(error)` (the error names the step, counted from 1 over the call): the model
    /// keeps its last finite weights (best weights are then not restored) and the optimizer
    /// its state.
    ///
    /// - Parameters:
    ///   - training: The training examples and their class labels.
    ///   - validation: Data evaluated after every epoch (loss and accuracy), or nil.
    ///   - loss: A loss on class indices (`SoftmaxCrossEntropy`).
    ///   - optimizer: The update rule; its state carries over from and to the caller.
    ///   - options: Epochs, batch size, early stopping, schedule, clipping.
    ///   - generator: The source of every epoch's shuffled order; advanced.
    ///   - onEpochEnd: Called after every epoch with its report (for progress and logging);
    ///     return `.stop` to end training. By default training continues.
    /// - Returns: The reports of all epochs trained, the best epoch and why training ended.
    /// - Precondition: the training data gives at least one batch; early stopping on a
    ///   validation metric needs validation data.
    @discardableResult
    public mutating func fit<L: Loss>(
        _ training: Dataset<Scalar, [Int]>, validation: Dataset<Scalar, [Int]>? = nil,
        loss: L, optimizer: inout some Optimizer<Scalar>, options: FitOptions,
        shuffling generator: inout RandomGenerator,
        onEpochEnd: (EpochReport) -> FitAction = { _ in .continue }
    ) -> FitHistory where L.Scalar == Scalar, L.Target == ClassificationTarget<Scalar> {
        fitLoop(
            training, validation: validation, loss: loss, lossTarget: { .classes($0) }, labels: { $0 },
            optimizer: &optimizer, options: options, generator: &generator, onEpochEnd: onEpochEnd)
    }

    /// Trains this model on data with tensor targets (regression, binary or soft targets),
    /// exactly as the class-label `fit(_:validation:loss:optimizer:options:shuffling:onEpochEnd:)`
    /// does; the reports carry no accuracy.
    ///
    /// - Parameters:
    ///   - training: The training examples and their target tensors.
    ///   - validation: Data evaluated after every epoch, or nil.
    ///   - loss: A loss on tensors (`MeanSquaredError`, `BinaryCrossEntropyWithLogits`, …).
    ///   - optimizer: The update rule; its state carries over from and to the caller.
    ///   - options: Epochs, batch size, early stopping, schedule, clipping.
    ///   - generator: The source of every epoch's shuffled order; advanced.
    ///   - onEpochEnd: Called after every epoch with its report; return `.stop` to end training.
    /// - Returns: The reports of all epochs trained, the best epoch and why training ended.
    /// - Precondition: the training data gives at least one batch; early stopping on a
    ///   validation metric needs validation data, and not on accuracy.
    @discardableResult
    public mutating func fit<L: Loss>(
        _ training: Dataset<Scalar, Tensor<Scalar>>, validation: Dataset<Scalar, Tensor<Scalar>>? = nil,
        loss: L, optimizer: inout some Optimizer<Scalar>, options: FitOptions,
        shuffling generator: inout RandomGenerator,
        onEpochEnd: (EpochReport) -> FitAction = { _ in .continue }
    ) -> FitHistory where L.Scalar == Scalar, L.Target == Tensor<Scalar> {
        fitLoop(
            training, validation: validation, loss: loss, lossTarget: { $0 }, labels: nil,
            optimizer: &optimizer, options: options, generator: &generator, onEpochEnd: onEpochEnd)
    }

    /// The loop behind both `fit`s: `lossTarget` turns a batch's targets into the loss's
    /// target, `labels` (nil without class labels) gives the labels for accuracy.
    mutating func fitLoop<L: Loss, Target>(
        _ training: Dataset<Scalar, Target>, validation: Dataset<Scalar, Target>?,
        loss: L, lossTarget: (Target) -> L.Target, labels: ((Target) -> [Int])?,
        optimizer: inout some Optimizer<Scalar>, options: FitOptions,
        generator: inout RandomGenerator, onEpochEnd: (EpochReport) -> FitAction
    ) -> FitHistory where L.Scalar == Scalar {
        let size = options.batchSize
        let batchesPerEpoch = options.dropLastBatch ? training.count / size : (training.count + size - 1) / size
        checkPrecondition(
            batchesPerEpoch > 0 || options.epochs == 0,
            "fit: \(training.count) training examples give no batch of \(options.batchSize)"
                + (options.dropLastBatch ? " when the short last batch is dropped" : ""))
        if let earlyStopping = options.earlyStopping {
            checkPrecondition(
                earlyStopping.metric == .trainingLoss || validation != nil,
                "fit: early stopping on \(earlyStopping.metric) needs validation data")
            checkPrecondition(
                earlyStopping.metric != .validationAccuracy || labels != nil,
                "fit: early stopping on validation accuracy needs class labels")
        }

        var schedule = options.learningRateSchedule
        var reports: [EpochReport] = []
        var gradient = Tensor<Scalar>(zeros: [0])  // ∂loss/∂output, reused by every step
        var best: (value: Double, epoch: Int, weights: WeightsSnapshot<Scalar>?)?
        var epochsWithoutImprovement = 0
        var stopReason = FitHistory.StopReason.completed
        var stepsSoFar = 0
        let hasState = !stateNames.isEmpty
        var stateBeforeStep: [Tensor<Scalar>] = []  // running statistics before the step, reused

        epochs: for epoch in stride(from: 1, through: options.epochs, by: 1) {
            if options.scheduleStepping == .perEpoch, let schedule {
                optimizer.learningRate = schedule.learningRate
            }
            var trainingLoss = MeanLoss()
            var trainingAccuracy = Accuracy()
            var stepCount = 0
            for (input, targets) in training.shuffledBatches(
                size: options.batchSize, dropLast: options.dropLastBatch, using: &generator)
            {
                if options.scheduleStepping == .perStep, let schedule {
                    optimizer.learningRate = schedule.learningRate
                }
                zeroGradients()
                if hasState { copyStateValues(into: &stateBeforeStep) }
                let output = forward(input, mode: .training)
                let value = loss(output, target: lossTarget(targets), gradientInto: &gradient)
                backwardWithoutInputGradient(gradient)
                stepsSoFar += 1
                do {
                    try checkDivergence(loss: value, step: stepsSoFar)
                } catch {
                    if hasState { restoreStateValues(stateBeforeStep) }
                    stopReason = .diverged(error)
                    break epochs
                }
                if let maxNorm = options.maxGradientNorm {
                    clipGradientNorm(maxNorm: Scalar(maxNorm))
                }
                optimizer.step(&self)
                stepCount += 1
                trainingLoss.add(value, count: input.shape[0])
                if let labels {
                    trainingAccuracy.add(logits: output, labels: labels(targets))
                }
                if options.scheduleStepping == .perStep {
                    schedule?.step(metric: Double(value))
                }
            }
            let learningRate = optimizer.learningRate

            let evaluation = validation.map {
                evaluateInPlace($0, loss: loss, batchSize: options.batchSize, lossTarget: lossTarget, labels: labels)
            }
            if options.scheduleStepping == .perEpoch {
                schedule?.step(metric: evaluation?.loss ?? trainingLoss.value)
            }

            var isImprovement = false
            if let earlyStopping = options.earlyStopping {
                let value: Double
                switch earlyStopping.metric {
                case .validationLoss: value = evaluation!.loss
                case .validationAccuracy: value = evaluation!.accuracy!
                case .trainingLoss: value = trainingLoss.value
                }
                isImprovement = earlyStopping.isImprovement(value, over: best?.value)
                if isImprovement {
                    best = (value, epoch, earlyStopping.restoresBestWeights ? WeightsSnapshot(of: self) : nil)
                    epochsWithoutImprovement = 0
                } else {
                    epochsWithoutImprovement += 1
                }
            }

            let report = EpochReport(
                epoch: epoch, trainingLoss: trainingLoss.value,
                trainingAccuracy: labels == nil ? nil : trainingAccuracy.value,
                validationLoss: evaluation?.loss, validationAccuracy: evaluation?.accuracy,
                learningRate: learningRate, stepCount: stepCount, isImprovement: isImprovement,
                epochsWithoutImprovement: epochsWithoutImprovement)
            reports.append(report)
            let action = onEpochEnd(report)

            if let earlyStopping = options.earlyStopping, epochsWithoutImprovement > 0,
                epochsWithoutImprovement >= earlyStopping.patience
            {
                stopReason = .earlyStopping
                break
            }
            if action == .stop {
                stopReason = .callback
                break
            }
        }

        if let best, let weights = best.weights, best.epoch != reports.last?.epoch, !stopReason.isDivergence {
            weights.restore(into: &self)
        }
        return FitHistory(reports: reports, bestEpoch: best?.epoch, stopReason: stopReason)
    }
}
