import Layerwise

/// Runs an optimizer on a two-variable test function from the problem's starting point, in
/// Double, and records the loss f − f* and the path.
///
/// Each step: the exact gradient at the current point goes into `PointModel`'s backward, then
/// `optimizer.step`. A run whose loss is not finite, or whose point leaves |x|, |y| ≤ 10⁶, is
/// marked diverged and stops.
public struct FunctionTrainer: Sendable {
    /// The problem.
    public var problem: FunctionProblem
    /// The number of steps.
    public var steps: Int

    /// Creates a trainer.
    ///
    /// - Parameters:
    ///   - problem: The problem.
    ///   - steps: The number of steps (the problem's unless overridden).
    public init(problem: FunctionProblem, steps: Int? = nil) {
        self.problem = problem
        self.steps = steps ?? problem.steps
    }

    /// Whether the curve keeps the loss after `step`: every step up to 100, then every 10th,
    /// and the last.
    func isRecorded(step: Int) -> Bool {
        step <= 100 || step % 10 == 0 || step == steps
    }

    /// The full-batch learning-rate range test of one optimizer from the problem's starting
    /// point, with f − f* as the loss (`TestFunctionLoss`): the function is deterministic, so
    /// every step sees the same "batch" and the configured smoothing applies as given.
    ///
    /// - Parameters:
    ///   - optimizer: The optimizer, at PyTorch's defaults but for the learning rate the test sets.
    ///   - test: The range test's configuration.
    /// - Returns: The curve and its suggestions.
    public func rangeTest(optimizer kind: OptimizerKind, test: LearningRateRangeTest) -> LearningRateRangeTestResult {
        var model = PointModel<Double>(x: problem.start.x, y: problem.start.y)
        var optimizer: any Optimizer<Double> = kind.make(learningRate: kind.defaultLearningRate)
        let input = Tensor<Double>(zeros: [1, 1])
        return test.run(model: &model, optimizer: &optimizer, loss: TestFunctionLoss(function: problem.function)) { _ in
            (input, ())
        }
    }

    /// One run.
    ///
    /// - Parameters:
    ///   - optimizer: The optimizer, at PyTorch's defaults but for the learning rate.
    ///   - learningRate: The learning rate.
    ///   - phase: Tuning or final (recorded).
    ///   - recordsPath: Whether to keep every visited point.
    /// - Returns: The record (seed 0): curve points at step 0 and the recorded steps.
    public func train(optimizer kind: OptimizerKind, learningRate: Double, phase: RunPhase, recordsPath: Bool) -> RunRecord {
        let wall = Stopwatch()
        let function = problem.function
        var model = PointModel<Double>(x: problem.start.x, y: problem.start.y)
        var optimizer: any Optimizer<Double> = kind.make(learningRate: learningRate)
        let input = Tensor<Double>(zeros: [1, 1])
        let startLoss = function.value(problem.start.x, problem.start.y) - function.minimumValue
        var curve = [CurvePoint(epoch: nil, step: 0, trainingLoss: startLoss, seconds: 0)]
        var path: [(x: Double, y: Double)] = recordsPath ? [problem.start] : []
        var stepsToTarget: Int? = startLoss <= problem.tolerance ? 0 : nil
        var secondsToTarget: Double? = stepsToTarget == nil ? nil : 0
        var diverged = false
        let clock = Stopwatch()
        for step in stride(from: 1, through: steps, by: 1) {
            let (x, y) = model.point
            let gradient = function.gradient(x, y)
            model.zeroGradients()
            _ = model.forward(input, mode: .training)
            _ = model.backward(Tensor(shape: [1, 2], scalars: [gradient.0, gradient.1]))
            optimizer.step(&model)
            let point = model.point
            let loss = function.value(point.x, point.y) - function.minimumValue
            if recordsPath { path.append(point) }
            diverged = !loss.isFinite || abs(point.x) > 1e6 || abs(point.y) > 1e6
            if stepsToTarget == nil && loss <= problem.tolerance {
                stepsToTarget = step
                secondsToTarget = clock.seconds
            }
            if isRecorded(step: step) || diverged {
                curve.append(CurvePoint(epoch: nil, step: step, trainingLoss: loss, seconds: clock.seconds))
            }
            if diverged { break }
        }
        return RunRecord(
            problem: problem.name, optimizer: kind, phase: phase, learningRate: learningRate, seed: 0, curve: curve,
            diverged: diverged, stepsToTarget: stepsToTarget, secondsToTarget: secondsToTarget,
            wallSeconds: wall.seconds, path: path)
    }
}
