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
    /// Divergence guard: training ends with `.diverged(error)` (the error names the step,
    /// counted from 1 over the call, what was not finite, and `weightsAfterStep`), and the model
    /// keeps the last weights that passed every check — best weights are then not restored —
    /// and the optimizer and schedule their state from the same moment:
    /// - after every backward pass, `checkDivergence(loss:step:)` checks the loss, the
    ///   gradients and the running statistics the forward pass updated; if one is NaN or
    ///   infinite, the step is not applied and the running statistics are put back;
    /// - after every optimizer step, `checkParameterValues(step:)` checks the new weights; if
    ///   one is not finite, the model, optimizer and schedule go back to their copies from the
    ///   start of the epoch and the epoch's steps before the failing one are replayed (training
    ///   is deterministic, and the replay is verified: each replayed step must give the same
    ///   loss bit for bit, else the model stays at the start of the epoch, which
    ///   `weightsAfterStep` then says);
    /// - the weights kept after a failed step must also predict finite numbers in inference
    ///   mode on that step's batch, else the model goes back to the start of the epoch;
    /// - after every epoch, the model's output in inference mode on the epoch's last training
    ///   batch, and the validation loss, must be finite (running statistics can overflow while
    ///   training-mode outputs stay finite, since those normalize by the batch's own
    ///   statistics); if not, the model, optimizer and schedule go back to the start of the
    ///   epoch, whose weights passed these checks at the end of the epoch before.
    ///
    /// The copies at the start of an epoch share storage with the model until the epoch's
    /// first step writes (copy on write), so they cost one copy of the weights and optimizer
    /// state per epoch. The shuffling generator is not put back.
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

        /// One training step without the checks: the schedule's rate, forward, loss, backward.
        func forwardAndBackward(_ input: Tensor<Scalar>, _ targets: Target) -> (value: Scalar, output: Tensor<Scalar>) {
            if options.scheduleStepping == .perStep, let schedule {
                optimizer.learningRate = schedule.learningRate
            }
            zeroGradients()
            let output = forward(input, mode: .training)
            let value = loss(output, target: lossTarget(targets), gradientInto: &gradient)
            backwardWithoutInputGradient(gradient)
            return (value, output)
        }
        /// A divergence error when the model's output in inference mode on `input` is not finite.
        func inferenceFailure(on input: Tensor<Scalar>) -> DivergenceError? {
            let output = forward(input, mode: .inference)
            guard let element = firstNonFiniteElement(in: output.scalars) else { return nil }
            return DivergenceError(
                step: stepsSoFar, quantity: .inferenceOutput(element: element, count: output.count),
                value: Double(output.scalars[element]))
        }
        /// The rest of the step: clipping, the update, the per-step schedule.
        func update(loss value: Scalar) {
            if let maxNorm = options.maxGradientNorm {
                clipGradientNorm(maxNorm: Scalar(maxNorm))
            }
            optimizer.step(&self)
            if options.scheduleStepping == .perStep {
                schedule?.step(metric: Double(value))
            }
        }

        epochs: for epoch in stride(from: 1, through: options.epochs, by: 1) {
            if options.scheduleStepping == .perEpoch, let schedule {
                optimizer.learningRate = schedule.learningRate
            }
            // Copies (sharing storage until written) to go back to when a check fails.
            let epochStart = (model: self, optimizer: optimizer, schedule: schedule, steps: stepsSoFar)
            /// Stops training with `error`, keeping the weights after `kept` steps if they predict
            /// finite numbers in inference mode on `input`, else those at the start of the epoch.
            func stop(_ error: DivergenceError, keeping kept: Int, checkedOn input: Tensor<Scalar>) {
                var kept = kept
                if kept > epochStart.steps && inferenceFailure(on: input) != nil {
                    self = epochStart.model
                    optimizer = epochStart.optimizer
                    schedule = epochStart.schedule
                    kept = epochStart.steps
                }
                stopReason = .diverged(error.keepingWeights(afterStep: kept))
            }
            var stepLosses: [Scalar] = []  // to verify a replay bit for bit
            var trainingLoss = MeanLoss()
            var trainingAccuracy = Accuracy()
            let batches = training.shuffledBatches(
                size: options.batchSize, dropLast: options.dropLastBatch, using: &generator)
            var lastInput: Tensor<Scalar>?
            for (input, targets) in batches {
                if hasState { copyStateValues(into: &stateBeforeStep) }
                let (value, output) = forwardAndBackward(input, targets)
                stepsSoFar += 1
                do {
                    try checkDivergence(loss: value, step: stepsSoFar)
                } catch {
                    if hasState { restoreStateValues(stateBeforeStep) }
                    stop(error, keeping: stepsSoFar - 1, checkedOn: input)
                    break epochs
                }
                update(loss: value)
                do {
                    try checkParameterValues(step: stepsSoFar)
                } catch {
                    // Back to the start of the epoch, then the epoch's healthy steps again.
                    self = epochStart.model
                    optimizer = epochStart.optimizer
                    schedule = epochStart.schedule
                    var replayed = 0
                    for ((input, targets), expected) in zip(batches, stepLosses) {
                        let (value, _) = forwardAndBackward(input, targets)
                        guard value == expected else { break }  // finite: equal means the same bits (up to ±0)
                        update(loss: value)
                        replayed += 1
                    }
                    if replayed < stepLosses.count {
                        self = epochStart.model
                        optimizer = epochStart.optimizer
                        schedule = epochStart.schedule
                        replayed = 0
                    }
                    stop(error, keeping: epochStart.steps + replayed, checkedOn: input)
                    break epochs
                }
                stepLosses.append(value)
                trainingLoss.add(value, count: input.shape[0])
                if let labels {
                    trainingAccuracy.add(logits: output, labels: labels(targets))
                }
                lastInput = input
            }
            let learningRate = optimizer.learningRate

            // What training-mode steps cannot see: the model in inference mode.
            var epochEndFailure = lastInput.flatMap { inferenceFailure(on: $0) }
            let evaluation = epochEndFailure != nil ? nil : validation.map {
                evaluateInPlace($0, loss: loss, batchSize: options.batchSize, lossTarget: lossTarget, labels: labels)
            }
            if let evaluation, !evaluation.loss.isFinite {
                epochEndFailure = DivergenceError(step: stepsSoFar, quantity: .validationLoss, value: evaluation.loss)
            }
            if let epochEndFailure {
                self = epochStart.model
                optimizer = epochStart.optimizer
                schedule = epochStart.schedule
                stopReason = .diverged(epochEndFailure.keepingWeights(afterStep: epochStart.steps))
                break epochs
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
                learningRate: learningRate, stepCount: stepLosses.count, isImprovement: isImprovement,
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
