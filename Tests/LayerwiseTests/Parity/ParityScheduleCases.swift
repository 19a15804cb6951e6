import Foundation
import Layerwise
import Testing

/// Runs a `schedule` fixture: compares the learning rate of every step.
///
/// The schedule is stepped once after every optimizer step (with `metrics[k]` when the case
/// carries metrics), and `lrs[k]` is its rate before step k. Learning rates are `Double`
/// hyperparameters in both the Float and the Double run, so both compare at Double's
/// tolerance.
func runScheduleCase<Scalar: TensorScalar>(
    _ parityCase: ParityCase, into comparison: inout ParityComparison, as _: Scalar.Type
) throws {
    let spec = parityCase.object("schedule")
    guard let baseLearningRate = decodeNumber(parityCase.json["base_lr"]),
        let steps = decodeNumber(parityCase.json["steps"]).map({ Int($0) }),
        let expected = (parityCase.json["lrs"] as? [Any])?.compactMap(decodeNumber)
    else {
        comparison.fail("the case lacks base_lr, steps or lrs")
        return
    }
    let metrics = (parityCase.json["metrics"] as? [Any])?.compactMap(decodeNumber)
    var options = ScheduleOptions(spec)
    guard var schedule = makeParitySchedule(&options, baseLearningRate: baseLearningRate) else {
        comparison.fail("no schedule for spec \(spec)")
        return
    }
    for key in options.unread.sorted() {
        comparison.fail("option \(key) of \(spec["type"] ?? "?") is not supported")
    }
    if expected.count != steps { comparison.fail("\(expected.count) lrs for \(steps) steps") }
    if let metrics, metrics.count != steps { comparison.fail("\(metrics.count) metrics for \(steps) steps") }

    var actual: [Double] = []
    for step in 0..<steps {
        actual.append(schedule.learningRate)
        if let metrics {
            schedule.step(metric: metrics[step])
        } else {
            schedule.step()
        }
    }
    var doubleComparison = ParityComparison(Double.self)
    doubleComparison.compare("lrs", Tensor(shape: [actual.count], scalars: actual), Tensor(shape: [expected.count], scalars: expected))
    for mismatch in doubleComparison.mismatches { comparison.fail(mismatch) }
}

/// A fixture's schedule options, remembering which keys were read so that an option the
/// factory does not know is reported instead of silently ignored.
struct ScheduleOptions {
    private let spec: [String: Any]
    private(set) var unread: Set<String>

    init(_ spec: [String: Any]) {
        self.spec = spec
        unread = Set(spec.keys).subtracting(["type"])
    }

    var type: String { spec["type"] as? String ?? "?" }

    /// The number at `key`, or `defaultValue` (PyTorch's default) when the key is absent.
    mutating func number(_ key: String, default defaultValue: Double) -> Double {
        unread.remove(key)
        return decodeNumber(spec[key]) ?? defaultValue
    }

    /// The integer at `key`, or `defaultValue` when absent.
    mutating func integer(_ key: String, default defaultValue: Int) -> Int {
        unread.remove(key)
        return decodeNumber(spec[key]).map { Int($0) } ?? defaultValue
    }

    /// The integer at `key`, or nil when absent or null.
    mutating func optionalInteger(_ key: String) -> Int? {
        unread.remove(key)
        return decodeNumber(spec[key]).map { Int($0) }
    }

    /// The string at `key`, or `defaultValue` when absent.
    mutating func string(_ key: String, default defaultValue: String) -> String {
        unread.remove(key)
        return spec[key] as? String ?? defaultValue
    }

    /// The boolean at `key`, or `defaultValue` when absent.
    mutating func bool(_ key: String, default defaultValue: Bool) -> Bool {
        unread.remove(key)
        return (spec[key] as? NSNumber)?.boolValue ?? defaultValue
    }

    /// The integers at `key`, or an empty list.
    mutating func integers(_ key: String) -> [Int] {
        unread.remove(key)
        return (spec[key] as? [Any] ?? []).compactMap(decodeNumber).map { Int($0) }
    }
}

/// Builds the schedule a fixture describes, with PyTorch's defaults for absent options.
/// `baseLearningRate` is the optimizer's initial `lr` (CyclicLR and OneCycleLR set their
/// own, as in PyTorch).
func makeParitySchedule(_ options: inout ScheduleOptions, baseLearningRate: Double) -> (any LearningRateSchedule)? {
    switch options.type {
    case "StepLR":
        return StepLR(
            baseLearningRate: baseLearningRate, stepSize: options.integer("step_size", default: 0),
            gamma: options.number("gamma", default: 0.1))
    case "MultiStepLR":
        return MultiStepLR(
            baseLearningRate: baseLearningRate, milestones: options.integers("milestones"),
            gamma: options.number("gamma", default: 0.1))
    case "ExponentialLR":
        return ExponentialLR(baseLearningRate: baseLearningRate, gamma: options.number("gamma", default: .nan))
    case "CosineAnnealingLR":
        return CosineAnnealingLR(
            baseLearningRate: baseLearningRate, annealingSteps: options.integer("T_max", default: 0),
            minimumLearningRate: options.number("eta_min", default: 0))
    case "CosineAnnealingWarmRestarts":
        return CosineAnnealingWarmRestarts(
            baseLearningRate: baseLearningRate, firstCycleLength: options.integer("T_0", default: 0),
            cycleLengthMultiplier: options.integer("T_mult", default: 1),
            minimumLearningRate: options.number("eta_min", default: 0))
    case "CyclicLR":
        let modes: [String: CyclicLR.Mode] = [
            "triangular": .triangular, "triangular2": .triangular2, "exp_range": .exponentialRange,
        ]
        guard let mode = modes[options.string("mode", default: "triangular")] else { return nil }
        return CyclicLR(
            baseLearningRate: options.number("base_lr", default: baseLearningRate),
            maxLearningRate: options.number("max_lr", default: .nan),
            stepSizeUp: options.integer("step_size_up", default: 2000),
            stepSizeDown: options.optionalInteger("step_size_down"), mode: mode,
            gamma: options.number("gamma", default: 1),
            cycleMomentum: options.bool("cycle_momentum", default: true),
            baseMomentum: options.number("base_momentum", default: 0.8),
            maxMomentum: options.number("max_momentum", default: 0.9))
    case "OneCycleLR":
        let strategies: [String: OneCycleLR.AnnealStrategy] = ["cos": .cosine, "linear": .linear]
        guard let strategy = strategies[options.string("anneal_strategy", default: "cos")] else { return nil }
        let totalSteps =
            options.optionalInteger("total_steps")
            ?? options.integer("epochs", default: 0) * options.integer("steps_per_epoch", default: 0)
        return OneCycleLR(
            maxLearningRate: options.number("max_lr", default: .nan), totalSteps: totalSteps,
            warmUpFraction: options.number("pct_start", default: 0.3), annealStrategy: strategy,
            initialDivisor: options.number("div_factor", default: 25),
            finalDivisor: options.number("final_div_factor", default: 1e4),
            threePhase: options.bool("three_phase", default: false),
            cycleMomentum: options.bool("cycle_momentum", default: true),
            baseMomentum: options.number("base_momentum", default: 0.85),
            maxMomentum: options.number("max_momentum", default: 0.95))
    case "LinearLR":
        return LinearLR(
            baseLearningRate: baseLearningRate, startFactor: options.number("start_factor", default: 1.0 / 3),
            endFactor: options.number("end_factor", default: 1), totalIterations: options.integer("total_iters", default: 5))
    case "ReduceLROnPlateau":
        let modes: [String: ReduceLROnPlateau.Mode] = ["min": .min, "max": .max]
        let thresholdModes: [String: ReduceLROnPlateau.ThresholdMode] = ["rel": .relative, "abs": .absolute]
        guard let mode = modes[options.string("mode", default: "min")],
            let thresholdMode = thresholdModes[options.string("threshold_mode", default: "rel")]
        else { return nil }
        return ReduceLROnPlateau(
            baseLearningRate: baseLearningRate, mode: mode, factor: options.number("factor", default: 0.1),
            patience: options.integer("patience", default: 10), threshold: options.number("threshold", default: 1e-4),
            thresholdMode: thresholdMode, cooldown: options.integer("cooldown", default: 0),
            minimumLearningRate: options.number("min_lr", default: 0), epsilon: options.number("eps", default: 1e-8))
    default:
        return nil
    }
}
