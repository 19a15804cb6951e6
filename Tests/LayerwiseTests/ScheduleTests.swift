import Foundation
import Layerwise
import Testing

/// The learning rates of steps 0 ..< `steps`: read the rate, then step, as a training loop does.
private func rates(of schedule: some LearningRateSchedule, steps: Int) -> [Double] {
    var schedule = schedule
    var result: [Double] = []
    for _ in 0..<steps {
        result.append(schedule.learningRate)
        schedule.step()
    }
    return result
}

/// The learning rates of a metric-driven schedule: rate before step k, then `metrics[k]`.
private func rates(of schedule: some LearningRateSchedule, metrics: [Double]) -> [Double] {
    var schedule = schedule
    var result: [Double] = []
    for metric in metrics {
        result.append(schedule.learningRate)
        schedule.step(metric: metric)
    }
    return result
}

/// Element-wise equality up to a relative 1e-12 (the hand values are rounded decimals).
private func close(_ actual: [Double], _ expected: [Double]) -> Bool {
    actual.count == expected.count
        && zip(actual, expected).allSatisfy { abs($0 - $1) <= 1e-12 * max(abs($1), 1e-300) }
}

private func close(_ actual: Double?, _ expected: Double) -> Bool {
    guard let actual else { return false }
    return close([actual], [expected])
}

/// cos(π/4) = √2/2 = √½.
private let halfRootTwo = 0.5.squareRoot()

@Suite struct StepDecayTests {
    @Test func stepLRHalvesEveryThreeSteps() {
        let schedule = StepLR(baseLearningRate: 1, stepSize: 3, gamma: 0.5)
        // ⌊k/3⌋ = 0,0,0,1,1,1,2,2: powers of ½ are exact.
        #expect(rates(of: schedule, steps: 8) == [1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25])
    }

    @Test func stepLRDefaultGammaIsATenth() {
        let schedule = StepLR(baseLearningRate: 2, stepSize: 1)
        #expect(close(rates(of: schedule, steps: 3), [2, 0.2, 0.02]))
    }

    @Test func multiStepLRCountsRepeatedMilestonesTwice() {
        // Milestones in any order; 4 is listed twice, so the rate drops by γ² at step 4.
        let schedule = MultiStepLR(baseLearningRate: 1, milestones: [4, 2, 4], gamma: 0.1)
        #expect(close(rates(of: schedule, steps: 6), [1, 1, 0.1, 0.1, 0.001, 0.001]))
    }

    @Test func exponentialLRMultipliesEveryStep() {
        let schedule = ExponentialLR(baseLearningRate: 2, gamma: 0.5)
        #expect(rates(of: schedule, steps: 4) == [2, 1, 0.5, 0.25])
    }

    @Test func linearWarmUpRampsThenHolds() {
        // lr₀ · (¼ + ¾ · min(k, 3)/3) = ¼, ½, ¾, 1, 1.
        let schedule = LinearLR(baseLearningRate: 1, startFactor: 0.25, endFactor: 1, totalIterations: 3)
        #expect(close(rates(of: schedule, steps: 5), [0.25, 0.5, 0.75, 1, 1]))
    }

    @Test func linearLRDefaultsAreAThirdOverFiveSteps() {
        let schedule = LinearLR(baseLearningRate: 3)
        // 3 · (⅓ + ⅔ · k/5) = 1 + 0.4·k, then 3.
        #expect(close(rates(of: schedule, steps: 7), [1, 1.4, 1.8, 2.2, 2.6, 3, 3]))
    }

    @Test func stepCountAdvancesOncePerStep() {
        var schedule = ExponentialLR(baseLearningRate: 1, gamma: 0.5)
        schedule.step(metric: 123)  // the metric is ignored by step-driven schedules
        schedule.step()
        #expect(schedule.stepCount == 2)
        #expect(schedule.learningRate == 0.25)
        #expect(schedule.learningRate(atStep: 3) == 0.125)
        #expect(schedule.momentum == nil)
    }
}

@Suite struct CosineScheduleTests {
    @Test func cosineAtStartMiddleAndEnd() {
        let schedule = CosineAnnealingLR(baseLearningRate: 0.1, annealingSteps: 10, minimumLearningRate: 0.001)
        #expect(schedule.learningRate(atStep: 0) == 0.1)
        #expect(close(schedule.learningRate(atStep: 5), (0.1 + 0.001) / 2))  // cos(π/2) = 0
        #expect(close(schedule.learningRate(atStep: 10), 0.001))  // cos(π) = −1
        // Stepped twice: η + (lr₀ − η)(1 + cos(2π/10))/2.
        #expect(close(rates(of: schedule, steps: 3)[2], 0.001 + 0.099 * (1 + cos(Double.pi / 5)) / 2))
    }

    @Test func cosinePastTMaxClimbsBackLikePyTorch() {
        let schedule = CosineAnnealingLR(baseLearningRate: 1, annealingSteps: 4)
        // (1 + cos(πk/4))/2 for k = 4 … 8: 0, ½ − √2/4, ½, ½ + √2/4, 1.
        let expected = [0, 0.5 - halfRootTwo / 2, 0.5, 0.5 + halfRootTwo / 2, 1]
        let actual = Array(rates(of: schedule, steps: 9)[4...])
        #expect(zip(actual, expected).allSatisfy { abs($0 - $1) <= 1e-15 })
    }

    @Test func warmRestartsGrowTheCycleAndRestart() {
        let schedule = CosineAnnealingWarmRestarts(baseLearningRate: 1, firstCycleLength: 2, cycleLengthMultiplier: 2)
        // Cycle 1 (2 steps): 1, ½. Cycle 2 (4 steps): 1, ½ + √2/4, ½, ½ − √2/4. Then restart.
        let expected = [1, 0.5, 1, 0.5 + halfRootTwo / 2, 0.5, 0.5 - halfRootTwo / 2, 1]
        #expect(close(rates(of: schedule, steps: 7), expected))
    }

    @Test func warmRestartsStateIsTCurAndTi() {
        var schedule = CosineAnnealingWarmRestarts(
            baseLearningRate: 1, firstCycleLength: 3, cycleLengthMultiplier: 3, minimumLearningRate: 0.5)
        for _ in 0..<5 { schedule.step() }
        // 3 steps of cycle 1, then 2 steps into cycle 2 of length 9.
        #expect(schedule.stepsSinceRestart == 2)
        #expect(schedule.cycleLength == 9)
        #expect(close(schedule.learningRate, 0.5 + 0.5 * (1 + cos(2 * Double.pi / 9)) / 2))
    }

    @Test func warmRestartsDefaultMultiplierKeepsTheCycleLength() {
        let schedule = CosineAnnealingWarmRestarts(baseLearningRate: 1, firstCycleLength: 2)
        #expect(close(rates(of: schedule, steps: 6), [1, 0.5, 1, 0.5, 1, 0.5]))
    }
}

@Suite struct SequentialScheduleTests {
    @Test func warmUpThenCosine() {
        // 3 warm-up steps ¼, ½, ¾; at the milestone the cosine starts at its own step 0.
        let schedule = SequentialLR(
            LinearLR(baseLearningRate: 1, startFactor: 0.25, totalIterations: 3),
            milestone: 3,
            then: CosineAnnealingLR(baseLearningRate: 1, annealingSteps: 4))
        let expected = [0.25, 0.5, 0.75, 1, 0.5 + halfRootTwo / 2, 0.5, 0.5 - halfRootTwo / 2, 0]
        let actual = rates(of: schedule, steps: 8)
        #expect(zip(actual, expected).allSatisfy { abs($0 - $1) <= 1e-15 })
    }

    @Test func nestedChainsCountMilestonesFromTheirOwnStart() {
        // PyTorch milestones [2, 5] over (constant 1, constant ½ via StepLR, decay by ½).
        let schedule = SequentialLR(
            StepLR(baseLearningRate: 1, stepSize: 100),
            milestone: 2,
            then: SequentialLR(
                StepLR(baseLearningRate: 0.5, stepSize: 100),
                milestone: 3,
                then: ExponentialLR(baseLearningRate: 0.5, gamma: 0.5)))
        #expect(rates(of: schedule, steps: 8) == [1, 1, 0.5, 0.5, 0.5, 0.5, 0.25, 0.125])
    }

    @Test func metricsReachAPlateauSecondInTheChain() {
        let schedule = SequentialLR(
            LinearLR(baseLearningRate: 1, startFactor: 0.5, totalIterations: 2),
            milestone: 2,
            then: ReduceLROnPlateau(baseLearningRate: 1, factor: 0.5, patience: 0))
        // Warm-up ½, ¾; the metric after step 1 reaches the milestone, where nothing moves.
        // Then the plateau at 1: the first metric it sees sets the best (1), the next one
        // (1 again) is bad and patience 0 halves the rate.
        #expect(rates(of: schedule, metrics: [9, 9, 1, 1, 1]) == [0.5, 0.75, 1, 1, 0.5])
    }
}

@Suite struct PlateauTests {
    @Test func reducesAfterPatiencePlusOneBadSteps() {
        let schedule = ReduceLROnPlateau(baseLearningRate: 1, factor: 0.5, patience: 2)
        // Metric 1 sets the best; three equal metrics are bad; the third (patience + 1) halves.
        #expect(rates(of: schedule, metrics: [1, 1, 1, 1, 1]) == [1, 1, 1, 1, 0.5])
    }

    @Test func anImprovementResetsTheCount() {
        let schedule = ReduceLROnPlateau(baseLearningRate: 1, factor: 0.5, patience: 1)
        // best 1 → bad → improvement 0.5 resets → bad → bad: reduce after the last one.
        #expect(rates(of: schedule, metrics: [1, 1, 0.5, 0.5, 0.5, 0.5]) == [1, 1, 1, 1, 1, 0.5])
    }

    @Test func relativeThresholdNeedsASignificantImprovement() {
        var schedule = ReduceLROnPlateau(baseLearningRate: 1, factor: 0.5, patience: 0, threshold: 0.1)
        schedule.step(metric: 1)
        #expect(schedule.best == 1)
        schedule.step(metric: 0.95)  // not below 1 · (1 − 0.1): bad, reduce
        #expect(schedule.best == 1)
        #expect(schedule.learningRate == 0.5)
        schedule.step(metric: 0.89)  // below 0.9: an improvement
        #expect(schedule.best == 0.89)
        #expect(schedule.learningRate == 0.5)
    }

    @Test func maxModeWithAbsoluteThreshold() {
        var schedule = ReduceLROnPlateau(
            baseLearningRate: 1, mode: .max, factor: 0.5, patience: 0, threshold: 0.25, thresholdMode: .absolute)
        schedule.step(metric: 1)
        schedule.step(metric: 1.25)  // needs > 1 + 0.25: bad, reduce
        #expect(schedule.learningRate == 0.5)
        #expect(schedule.best == 1)
        schedule.step(metric: 1.5)  // > 1.25: better
        #expect(schedule.best == 1.5)
        #expect(schedule.learningRate == 0.5)
    }

    @Test func cooldownHoldsTheCountAtZero() {
        let schedule = ReduceLROnPlateau(baseLearningRate: 1, factor: 0.5, patience: 1, cooldown: 2)
        // best, bad, bad → reduce (after metric 3). Cooldown: metrics 4 and 5 do not count;
        // metrics 6 and 7 are bad → reduce after metric 7.
        let actual = rates(of: schedule, metrics: Array(repeating: 1, count: 8))
        #expect(actual == [1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.25])
    }

    @Test func minimumLearningRateIsAFloor() {
        let schedule = ReduceLROnPlateau(baseLearningRate: 1, factor: 0.1, patience: 0, minimumLearningRate: 0.05)
        // 1 → 0.1 → max(0.01, 0.05) = 0.05 → stays at 0.05.
        let actual = rates(of: schedule, metrics: Array(repeating: 1, count: 5))
        #expect(close(actual, [1, 1, 0.1, 0.05, 0.05]))
    }

    @Test func changesSmallerThanEpsilonAreSkipped() {
        var schedule = ReduceLROnPlateau(baseLearningRate: 1e-8, factor: 0.5, patience: 0)
        schedule.step(metric: 1)
        schedule.step(metric: 1)  // 1e-8 − 5e-9 is not more than ε = 1e-8
        #expect(schedule.learningRate == 1e-8)
        #expect(schedule.badStepCount == 0)
    }

    @Test func stepMetricDispatchesThroughTheExistential() {
        var schedule: any LearningRateSchedule = ReduceLROnPlateau(baseLearningRate: 1, factor: 0.5, patience: 0)
        schedule.step(metric: 1)
        schedule.step(metric: 2)
        #expect(schedule.learningRate == 0.5)
        #expect(schedule.stepCount == 2)
    }

    @Test func stepWithoutMetricStops() async {
        await #expect(processExitsWith: .failure) {
            var schedule = ReduceLROnPlateau(baseLearningRate: 1)
            schedule.step()
        }
    }
}

@Suite struct CyclicScheduleTests {
    @Test func triangularEndpointsAndSlopes() {
        let schedule = CyclicLR(baseLearningRate: 0.1, maxLearningRate: 1, stepSizeUp: 2, stepSizeDown: 3)
        // Up in 2 steps (0.1, 0.55, 1), down in 3 (0.7, 0.4, 0.1), then again.
        #expect(close(rates(of: schedule, steps: 8), [0.1, 0.55, 1, 0.7, 0.4, 0.1, 0.55, 1]))
        #expect(schedule.scaleMode == .cycle)
    }

    @Test func triangular2HalvesTheAmplitudeEveryCycle() {
        let schedule = CyclicLR(baseLearningRate: 0.1, maxLearningRate: 1, stepSizeUp: 1, mode: .triangular2)
        // Peaks at steps 1, 3, 5: 0.1 + 0.9, 0.1 + 0.9/2, 0.1 + 0.9/4.
        #expect(close(rates(of: schedule, steps: 6), [0.1, 1, 0.1, 0.55, 0.1, 0.325]))
    }

    @Test func exponentialRangeScalesByGammaToTheStep() {
        let schedule = CyclicLR(
            baseLearningRate: 0.1, maxLearningRate: 1, stepSizeUp: 1, mode: .exponentialRange, gamma: 0.5)
        // Peaks at k = 1 and 3: 0.1 + 0.9·½, 0.1 + 0.9·⅛.
        #expect(close(rates(of: schedule, steps: 4), [0.1, 0.55, 0.1, 0.2125]))
        #expect(schedule.scaleMode == .iterations)
    }

    @Test func momentumCyclesInversely() {
        let schedule = CyclicLR(baseLearningRate: 0.1, maxLearningRate: 1, stepSizeUp: 2)
        // Defaults: momentum 0.9 at the bottom, 0.8 at the top, 0.85 half way.
        #expect(close(schedule.momentum(atStep: 0), 0.9))
        #expect(close(schedule.momentum(atStep: 1), 0.85))
        #expect(close(schedule.momentum(atStep: 2), 0.8))
        let withoutMomentum = CyclicLR(
            baseLearningRate: 0.1, maxLearningRate: 1, stepSizeUp: 2, cycleMomentum: false)
        #expect(withoutMomentum.momentum == nil)
    }
}

@Suite struct OneCycleTests {
    @Test func startsAtMaxOverDivAndEndsAtStartOverFinalDiv() {
        let schedule = OneCycleLR(maxLearningRate: 1, totalSteps: 10, warmUpFraction: 0.5)
        let actual = rates(of: schedule, steps: 10)
        #expect(close(actual[0], 1.0 / 25))
        #expect(close(actual[4], 1))  // the peak at step p·T − 1
        #expect(close(actual[9], 1.0 / 25 / 1e4))
        // Half way up: 1 + (0.04 − 1)/2 · (cos(π/2) + 1) = 0.52.
        #expect(close(actual[2], 0.52))
        #expect(schedule.initialLearningRate == 0.04)
        #expect(close(schedule.finalLearningRate, 4e-6))
    }

    @Test func linearAnnealing() {
        let schedule = OneCycleLR(
            maxLearningRate: 1, totalSteps: 9, warmUpFraction: 0.5, annealStrategy: .linear, initialDivisor: 4,
            finalDivisor: 2)
        // Up over steps 0 … 3.5 from ¼ to 1 (slope 0.75/3.5), down over 3.5 … 8 from 1 to ⅛.
        let expected = (0..<9).map { k -> Double in
            k <= 3 ? 0.25 + 0.75 * Double(k) / 3.5 : 1 + (0.125 - 1) * (Double(k) - 3.5) / 4.5
        }
        #expect(close(rates(of: schedule, steps: 9), expected))
    }

    @Test func threePhasesComeBackToTheStartBeforeTheEnd() {
        let schedule = OneCycleLR(
            maxLearningRate: 1, totalSteps: 12, warmUpFraction: 0.25, annealStrategy: .linear, threePhase: true)
        let actual = rates(of: schedule, steps: 12)
        // Phase ends: 0.25·12 − 1 = 2, 2·0.25·12 − 2 = 4, 11.
        #expect(close(actual[0], 0.04))
        #expect(close(actual[1], 0.52))
        #expect(close(actual[2], 1))
        #expect(close(actual[3], 0.52))
        #expect(close(actual[4], 0.04))
        #expect(close(actual[11], 4e-6))
    }

    @Test func momentumFollowsThePhasesInversely() {
        let schedule = OneCycleLR(maxLearningRate: 1, totalSteps: 10, warmUpFraction: 0.5)
        #expect(close(schedule.momentum(atStep: 0), 0.95))
        #expect(close(schedule.momentum(atStep: 4), 0.85))
        #expect(close(schedule.momentum(atStep: 9), 0.95))
    }

    @Test func steppingPastTheCycleStops() async {
        await #expect(processExitsWith: .failure) {
            var schedule = OneCycleLR(maxLearningRate: 1, totalSteps: 3)
            for _ in 0..<4 { schedule.step() }
        }
    }
}

@Suite struct ScheduleStateTests {
    /// Encodes and decodes a schedule, as a checkpoint will.
    private func roundTrip<S: LearningRateSchedule>(_ schedule: S) throws -> S {
        try JSONDecoder().decode(S.self, from: JSONEncoder().encode(schedule))
    }

    @Test func plateauStateSurvivesACheckpoint() throws {
        var schedule = ReduceLROnPlateau(baseLearningRate: 1, factor: 0.5, patience: 1, cooldown: 1)
        for metric in [1.0, 1, 1] { schedule.step(metric: metric) }
        // Reduced after the third metric, one cooldown step left.
        var restored = try roundTrip(schedule)
        #expect(restored.learningRate == 0.5)
        #expect(restored.best == 1)
        #expect(restored.cooldownRemaining == 1)
        #expect(restored.badStepCount == 0)
        #expect(restored.stepCount == 3)
        // Cooldown eats one bad metric, then two more reduce again.
        for metric in [1.0, 1, 1] { restored.step(metric: metric) }
        #expect(restored.learningRate == 0.25)
    }

    @Test func warmRestartsStateSurvivesACheckpoint() throws {
        var schedule = CosineAnnealingWarmRestarts(baseLearningRate: 1, firstCycleLength: 2, cycleLengthMultiplier: 2)
        for _ in 0..<3 { schedule.step() }
        var restored = try roundTrip(schedule)
        #expect(restored.stepsSinceRestart == 1)
        #expect(restored.cycleLength == 4)
        restored.step()
        #expect(close(restored.learningRate, 0.5))  // T_cur 2 of 4
    }

    @Test func chainStateSurvivesACheckpoint() throws {
        var schedule = SequentialLR(
            LinearLR(baseLearningRate: 1, startFactor: 0.5, totalIterations: 2),
            milestone: 2,
            then: ExponentialLR(baseLearningRate: 1, gamma: 0.5))
        for _ in 0..<3 { schedule.step() }
        let restored = try roundTrip(schedule)
        #expect(restored.stepCount == 3)
        #expect(restored.learningRate == 0.5)  // one step into the exponential decay
    }
}
