import Foundation
import Layerwise
import Testing

/// Hand-computed optimizer steps: every option in the fixtures' schema, the per-parameter
/// options, the state bookkeeping, clipping, and a user-defined optimizer.
///
/// Expected values are written out as the update rule's arithmetic (or as literal numbers worked
/// out by hand), never produced by the code under test.
@Suite struct OptimizerTests {
    // MARK: SGD

    @Test func sgdStepIsTheGradientTimesTheLearningRate() {
        var model = NamedVectors<Double>(["weight": [1, -2]])
        var optimizer = SGD<Double>(learningRate: 0.1)
        model.setGradients(["weight": [0.5, 4]])
        optimizer.step(&model)
        expectClose(model["weight"], [0.95, -2.4])
    }

    /// b₁ = g₁, b₂ = 0.9·b₁ + g₂ = (1.4, −0.8); θ₂ = θ₁ − 0.1·b₂.
    @Test func sgdMomentumStoresTheFirstGradientThenAccumulates() {
        var model = NamedVectors<Double>(["weight": [0, 0]])
        var optimizer = SGD<Double>(learningRate: 0.1, momentum: 0.9)
        model.setGradients(["weight": [1, -2]])
        optimizer.step(&model)
        expectClose(model["weight"], [-0.1, 0.2])
        model.setGradients(["weight": [0.5, 1]])
        optimizer.step(&model)
        expectClose(model["weight"], [-0.1 - 0.14, 0.2 + 0.08])
        expectClose(optimizer.parameterStates["weight"]!.state.momentumBuffer, [1.4, -0.8])
    }

    /// Dampening τ = 0.5 leaves the first buffer undamped (b₁ = g₁), then
    /// b₂ = 0.9·(1, −2) + 0.5·(0.5, 1) = (1.15, −1.3).
    @Test func sgdDampeningSkipsTheFirstStep() {
        var model = NamedVectors<Double>(["weight": [0, 0]])
        var optimizer = SGD<Double>(learningRate: 0.1, momentum: 0.9, dampening: 0.5)
        model.setGradients(["weight": [1, -2]])
        optimizer.step(&model)
        expectClose(model["weight"], [-0.1, 0.2])
        model.setGradients(["weight": [0.5, 1]])
        optimizer.step(&model)
        expectClose(model["weight"], [-0.1 - 0.115, 0.2 + 0.13])
    }

    /// Nesterov: the step is g + μ·b. Step 1: 1.9·g₁. Step 2: b = (1.4, −0.8),
    /// g₂ + 0.9·b = (1.76, 0.28).
    @Test func sgdNesterovAddsTheMomentumToTheGradient() {
        var model = NamedVectors<Double>(["weight": [0, 0]])
        var optimizer = SGD<Double>(learningRate: 0.1, momentum: 0.9, nesterov: true)
        model.setGradients(["weight": [1, -2]])
        optimizer.step(&model)
        expectClose(model["weight"], [-0.19, 0.38])
        model.setGradients(["weight": [0.5, 1]])
        optimizer.step(&model)
        expectClose(model["weight"], [-0.19 - 0.176, 0.38 - 0.028])
    }

    /// g + λ·θ = (0.5 + 0.1·2, 0.5 − 0.1·1) = (0.7, 0.4).
    @Test func sgdWeightDecayAddsTheL2Gradient() {
        var model = NamedVectors<Double>(["weight": [2, -1]])
        var optimizer = SGD<Double>(learningRate: 0.1, weightDecay: 0.1)
        model.setGradients(["weight": [0.5, 0.5]])
        optimizer.step(&model)
        expectClose(model["weight"], [1.93, -1.04])
    }

    @Test func nesterovWithoutMomentumIsAConfigurationError() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = SGD<Float>(learningRate: 0.1, nesterov: true)
        }
        let message = String(decoding: try #require(result).standardErrorContent, as: UTF8.self)
        #expect(message.contains("Nesterov momentum requires a momentum > 0"))
    }

    // MARK: Adagrad

    /// s = g²; θ ← θ − γ·g/(|g| + ε).
    @Test func adagradFirstStepIsTheSignOfTheGradient() {
        var model = NamedVectors<Double>(["weight": [1, -1]])
        var optimizer = Adagrad<Double>(learningRate: 0.1)
        model.setGradients(["weight": [2, -0.5]])
        optimizer.step(&model)
        expectClose(model["weight"], [1 - 0.1 * 2 / (2 + 1e-10), -1 + 0.1 * 0.5 / (0.5 + 1e-10)])
        expectClose(optimizer.parameterStates["weight"]!.state.sum, [4, 0.25])
    }

    /// Learning-rate decay η = 0.5, s₀ = 0.1, λ = 0.1, ε = 1e-10, gradient 0.3 at both steps.
    @Test func adagradOptionsOverTwoSteps() {
        var model = NamedVectors<Double>(["weight": [1]])
        var optimizer = Adagrad<Double>(
            learningRate: 0.1, learningRateDecay: 0.5, weightDecay: 0.1, initialAccumulatorValue: 0.1,
            epsilon: 1e-10)
        model.setGradients(["weight": [0.3]])
        optimizer.step(&model)
        let g1 = 0.3 + 0.1 * 1.0  // 0.4
        let s1 = 0.1 + g1 * g1  // 0.26
        let theta1 = 1 - 0.1 * g1 / (s1.squareRoot() + 1e-10)
        expectClose(model["weight"], [theta1])
        model.setGradients(["weight": [0.3]])
        optimizer.step(&model)
        let g2 = 0.3 + 0.1 * theta1
        let s2 = s1 + g2 * g2
        let rate2 = 0.1 / (1 + 1 * 0.5)
        expectClose(model["weight"], [theta1 - rate2 * g2 / (s2.squareRoot() + 1e-10)])
    }

    // MARK: RMSprop

    /// v = 0.01·g², so θ ← θ − γ·g/(0.1·|g| + ε).
    @Test func rmspropFirstStep() {
        var model = NamedVectors<Double>(["weight": [1, 2]])
        var optimizer = RMSprop<Double>(learningRate: 0.01)
        model.setGradients(["weight": [3, -0.25]])
        optimizer.step(&model)
        expectClose(
            model["weight"],
            [1 - 0.01 * 3 / ((0.01 * 9).squareRoot() + 1e-8), 2 + 0.01 * 0.25 / ((0.01 * 0.0625).squareRoot() + 1e-8)])
    }

    /// λ = 0.5: the squared average sees g + λ·θ = 1 + 0.5·2 = 2.
    @Test func rmspropWeightDecay() {
        var model = NamedVectors<Double>(["weight": [2]])
        var optimizer = RMSprop<Double>(learningRate: 0.01, weightDecay: 0.5)
        model.setGradients(["weight": [1]])
        optimizer.step(&model)
        expectClose(model["weight"], [2 - 0.01 * 2 / ((0.01 * 4).squareRoot() + 1e-8)])
    }

    /// Centered with momentum, α = 0.9, μ = 0.5, ε = 1e-6.
    @Test func rmspropCenteredWithMomentumOverTwoSteps() {
        var model = NamedVectors<Double>(["weight": [1]])
        var optimizer = RMSprop<Double>(learningRate: 0.01, alpha: 0.9, epsilon: 1e-6, momentum: 0.5, centered: true)
        model.setGradients(["weight": [2]])
        optimizer.step(&model)
        // v = 0.1·4 = 0.4, ḡ = 0.2, d = √(0.4 − 0.04) + ε = 0.6 + ε, b = 2/d.
        let b1 = 2 / (0.6 + 1e-6)
        let theta1 = 1 - 0.01 * b1
        expectClose(model["weight"], [theta1])
        model.setGradients(["weight": [-1]])
        optimizer.step(&model)
        let v2 = 0.9 * 0.4 + 0.1 * 1
        let average2 = 0.9 * 0.2 + 0.1 * -1
        let d2 = (v2 - average2 * average2).squareRoot() + 1e-6
        let b2 = 0.5 * b1 + -1 / d2
        expectClose(model["weight"], [theta1 - 0.01 * b2])
        let state = optimizer.parameterStates["weight"]!.state
        expectClose(state.gradientAverage, [average2])
        expectClose(state.momentumBuffer, [b2])
    }

    // MARK: Adadelta

    /// v = 0.1·g²; Δ = √ε/√(v + ε)·g; u = 0.1·Δ²; the second step uses √(u + ε).
    @Test func adadeltaTwoSteps() {
        var model = NamedVectors<Double>(["weight": [1]])
        var optimizer = Adadelta<Double>()
        model.setGradients(["weight": [2]])
        optimizer.step(&model)
        let v1 = 0.1 * 4.0
        let delta1 = (1e-6).squareRoot() / (v1 + 1e-6).squareRoot() * 2
        let u1 = 0.1 * delta1 * delta1
        expectClose(model["weight"], [1 - delta1])
        model.setGradients(["weight": [1]])
        optimizer.step(&model)
        let v2 = 0.9 * v1 + 0.1 * 1
        let delta2 = (u1 + 1e-6).squareRoot() / (v2 + 1e-6).squareRoot() * 1
        expectClose(model["weight"], [1 - delta1 - delta2])
        expectClose(optimizer.parameterStates["weight"]!.state.accumulatedDelta, [0.9 * u1 + 0.1 * delta2 * delta2])
    }

    /// γ = 0.5, ρ = 0.95, ε = 1e-4, λ = 0.01.
    @Test func adadeltaOptions() {
        var model = NamedVectors<Double>(["weight": [3]])
        var optimizer = Adadelta<Double>(learningRate: 0.5, rho: 0.95, epsilon: 1e-4, weightDecay: 0.01)
        model.setGradients(["weight": [-1]])
        optimizer.step(&model)
        let g = -1 + 0.01 * 3.0
        let delta = (1e-4).squareRoot() / (0.05 * g * g + 1e-4).squareRoot() * g
        expectClose(model["weight"], [3 - 0.5 * delta])
    }

    // MARK: Adam family

    /// m̂ = g and v̂ = g² at t = 1, so θ moves by γ·g/(|g| + ε): γ against the sign of g.
    @Test func adamFirstStepIsTheLearningRateTimesTheSign() {
        var model = NamedVectors<Double>(["weight": [1, -1, 0.5]])
        var optimizer = Adam<Double>(learningRate: 0.01)
        let g = [3, -0.002, 1e3]
        model.setGradients(["weight": g])
        optimizer.step(&model)
        expectClose(model["weight"], [1 - 0.01 * 3 / (3 + 1e-8), -1 + 0.01 * 0.002 / (0.002 + 1e-8), 0.5 - 0.01 * 1e3 / (1e3 + 1e-8)], relative: 1e-12)
        let moved = zip(model["weight"], [1, -1, 0.5]).map { abs($0 - $1) }
        expectClose(moved, [0.01, 0.01, 0.01], relative: 1e-5)
    }

    /// β = (0.8, 0.99), ε = 1e-6, λ = 0.05 over two steps, written with the bias corrections.
    @Test func adamOptionsOverTwoSteps() {
        var model = NamedVectors<Double>(["weight": [1]])
        var optimizer = Adam<Double>(learningRate: 0.02, betas: (0.8, 0.99), epsilon: 1e-6, weightDecay: 0.05)
        model.setGradients(["weight": [0.5]])
        optimizer.step(&model)
        let g1 = 0.5 + 0.05 * 1.0
        let m1 = 0.2 * g1
        let v1 = 0.01 * g1 * g1
        let theta1 = 1 - 0.02 / (1 - 0.8) * m1 / (v1.squareRoot() / (1 - 0.99).squareRoot() + 1e-6)
        expectClose(model["weight"], [theta1])
        model.setGradients(["weight": [-2]])
        optimizer.step(&model)
        let g2 = -2 + 0.05 * theta1
        let m2 = 0.8 * m1 + 0.2 * g2
        let v2 = 0.99 * v1 + 0.01 * g2 * g2
        let theta2 = theta1 - 0.02 / (1 - 0.64) * m2 / (v2.squareRoot() / (1 - 0.9801).squareRoot() + 1e-6)
        expectClose(model["weight"], [theta2])
        #expect(optimizer.parameterStates["weight"]?.step == 2)
    }

    /// A large then a small gradient: v₂ = 0.999·0.1 + 0.001·0.01 = 0.09991 < v₁ = 0.1, so
    /// AMSGrad divides by √v₁ where Adam divides by √v₂.
    @Test func amsgradDividesByTheLargestSecondMoment() {
        func twoSteps(amsgrad: Bool) -> Double {
            var model = NamedVectors<Double>(["weight": [0]])
            var optimizer = Adam<Double>(learningRate: 0.01, amsgrad: amsgrad)
            model.setGradients(["weight": [10]])
            optimizer.step(&model)
            model.setGradients(["weight": [0.1]])
            optimizer.step(&model)
            return model["weight"][0]
        }
        let theta1 = -0.01 * 10 / (10 + 1e-8)
        let m2 = 0.9 * 1.0 + 0.1 * 0.1
        let step2 = 0.01 / (1 - 0.81)
        let correction2 = (1 - 0.998001).squareRoot()
        expectClose([twoSteps(amsgrad: true)], [theta1 - step2 * m2 / (0.1.squareRoot() / correction2 + 1e-8)])
        expectClose([twoSteps(amsgrad: false)], [theta1 - step2 * m2 / (0.09991.squareRoot() / correction2 + 1e-8)])
    }

    /// θ·(1 − γλ) first, then Adam's step without any λ in the moments.
    @Test func adamWDecaysTheWeightsDirectly() {
        var model = NamedVectors<Double>(["weight": [2, -3]])
        var optimizer = AdamW<Double>(learningRate: 0.01, weightDecay: 0.1)
        model.setGradients(["weight": [0.5, 0.5]])
        optimizer.step(&model)
        expectClose(
            model["weight"], [2 * (1 - 0.001) - 0.01 * 0.5 / (0.5 + 1e-8), -3 * (1 - 0.001) - 0.01 * 0.5 / (0.5 + 1e-8)])
        expectClose(optimizer.parameterStates["weight"]!.state.exponentialAverage, [0.05, 0.05])
    }

    /// u = max(β₂·u, |g| + ε); θ ← θ − γ/(1 − β₁ᵗ)·m/u.
    @Test func adamaxTwoSteps() {
        var model = NamedVectors<Double>(["weight": [1]])
        var optimizer = Adamax<Double>(learningRate: 0.02)
        model.setGradients(["weight": [-4]])
        optimizer.step(&model)
        let m1 = 0.1 * -4.0
        let u1 = 4 + 1e-8
        let theta1 = 1 - 0.02 / 0.1 * m1 / u1
        expectClose(model["weight"], [theta1])
        model.setGradients(["weight": [1]])
        optimizer.step(&model)
        let m2 = 0.9 * m1 + 0.1 * 1
        let u2 = max(0.999 * u1, 1 + 1e-8)  // the old maximum, decayed
        expectClose(model["weight"], [theta1 - 0.02 / (1 - 0.81) * m2 / u2])
    }

    /// μₜ = β₁·(1 − ½·0.96^(tψ)); two steps, with Π = μ₁μ₂ kept in the state.
    @Test func nadamTwoSteps() {
        var model = NamedVectors<Double>(["weight": [1]])
        var optimizer = NAdam<Double>(learningRate: 0.01)
        let mu = { (t: Double) in 0.9 * (1 - 0.5 * pow(0.96, t * 0.004)) }
        model.setGradients(["weight": [2]])
        optimizer.step(&model)
        let m1 = 0.1 * 2.0
        let v1 = 0.001 * 4.0
        let d1 = (v1 / 0.001).squareRoot() + 1e-8
        let theta1 = 1 - 0.01 * (1 - mu(1)) / (1 - mu(1)) * 2 / d1 - 0.01 * mu(2) / (1 - mu(1) * mu(2)) * m1 / d1
        expectClose(model["weight"], [theta1])
        model.setGradients(["weight": [-1]])
        optimizer.step(&model)
        let m2 = 0.9 * m1 + 0.1 * -1
        let v2 = 0.999 * v1 + 0.001 * 1
        let d2 = (v2 / (1 - 0.998001)).squareRoot() + 1e-8
        let product2 = mu(1) * mu(2)
        let theta2 = theta1 - 0.01 * (1 - mu(2)) / (1 - product2) * -1 / d2 - 0.01 * mu(3) / (1 - product2 * mu(3)) * m2 / d2
        expectClose(model["weight"], [theta2])
        expectClose([optimizer.parameterStates["weight"]!.state.muProduct], [product2])
    }

    /// With a constant gradient, m̂ = g and v = (1 − β₂ᵗ)·g². ρₜ ≤ 5 for t ≤ 5 (plain momentum
    /// steps of γ·g); the sixth step is rectified.
    @Test func radamSwitchesToTheRectifiedStepAtStepSix() {
        let rhoInfinity = 2 / (1 - 0.999) - 1
        let rho = { (t: Double) in rhoInfinity - 2 * t * pow(0.999, t) / (1 - pow(0.999, t)) }
        #expect(rho(5) <= 5 && rho(6) > 5)
        var model = NamedVectors<Double>(["weight": [1]])
        var optimizer = RAdam<Double>(learningRate: 0.01)
        for _ in 1...5 {
            model.setGradients(["weight": [0.5]])
            optimizer.step(&model)
        }
        expectClose(model["weight"], [1 - 5 * 0.01 * 0.5])
        model.setGradients(["weight": [0.5]])
        optimizer.step(&model)
        let correction2 = 1 - pow(0.999, 6.0)
        let adaptive = correction2.squareRoot() / ((correction2 * 0.25).squareRoot() + 1e-8)
        let r6 = ((rho(6) - 4) * (rho(6) - 2) * rhoInfinity / ((rhoInfinity - 4) * (rhoInfinity - 2) * rho(6))).squareRoot()
        expectClose(model["weight"], [1 - 5 * 0.01 * 0.5 - 0.5 * 0.01 * adaptive * r6])
    }

    /// Decoupled weight decay in NAdam and RAdam shrinks θ by 1 − γλ before the step, and keeps
    /// λ out of the moments.
    @Test func nadamAndRAdamDecoupledWeightDecay() {
        var model = NamedVectors<Double>(["weight": [2]])
        var radam = RAdam<Double>(learningRate: 0.01, weightDecay: 0.1, decoupledWeightDecay: true)
        model.setGradients(["weight": [0.5]])
        radam.step(&model)
        expectClose(model["weight"], [2 * (1 - 0.001) - 0.01 * 0.5])
        expectClose(radam.parameterStates["weight"]!.state.exponentialAverage, [0.05])

        var other = NamedVectors<Double>(["weight": [2]])
        var nadam = NAdam<Double>(learningRate: 0.01, weightDecay: 0.1, decoupledWeightDecay: true)
        other.setGradients(["weight": [0.5]])
        nadam.step(&other)
        let mu1 = 0.9 * (1 - 0.5 * pow(0.96, 0.004))
        let mu2 = 0.9 * (1 - 0.5 * pow(0.96, 0.008))
        let d = 0.5 + 1e-8
        expectClose(other["weight"], [2 * (1 - 0.001) - 0.01 * 0.5 / d - 0.01 * mu2 / (1 - mu1 * mu2) * 0.05 / d])
    }

    /// The first Adam step is −γ·sign(g) in Float too.
    @Test func adamFirstStepInFloat() {
        var model = NamedVectors<Float>(["weight": [1, -1]])
        var optimizer = Adam<Float>(learningRate: 0.01)
        model.setGradients(["weight": [2, -0.5]])
        optimizer.step(&model)
        #expect(abs(model["weight"][0] - 0.99) < 1e-6)
        #expect(abs(model["weight"][1] - -0.99) < 1e-6)
    }

    // MARK: Defaults

    /// PyTorch 2.x's documented defaults.
    @Test func defaultsArePyTorchs() {
        let sgd = SGD<Float>()
        #expect(sgd.learningRate == 1e-3 && sgd.momentum == 0 && sgd.dampening == 0 && sgd.weightDecay == 0 && !sgd.nesterov)
        let adagrad = Adagrad<Float>()
        #expect(adagrad.learningRate == 1e-2 && adagrad.learningRateDecay == 0 && adagrad.weightDecay == 0)
        #expect(adagrad.initialAccumulatorValue == 0 && adagrad.epsilon == 1e-10)
        let rmsprop = RMSprop<Float>()
        #expect(rmsprop.learningRate == 1e-2 && rmsprop.alpha == 0.99 && rmsprop.epsilon == 1e-8)
        #expect(rmsprop.weightDecay == 0 && rmsprop.momentum == 0 && !rmsprop.centered)
        let adadelta = Adadelta<Float>()
        #expect(adadelta.learningRate == 1.0 && adadelta.rho == 0.9 && adadelta.epsilon == 1e-6 && adadelta.weightDecay == 0)
        let adam = Adam<Float>()
        #expect(adam.learningRate == 1e-3 && adam.betas == (0.9, 0.999) && adam.epsilon == 1e-8)
        #expect(adam.weightDecay == 0 && !adam.amsgrad)
        let adamW = AdamW<Float>()
        #expect(adamW.learningRate == 1e-3 && adamW.betas == (0.9, 0.999) && adamW.epsilon == 1e-8)
        #expect(adamW.weightDecay == 1e-2 && !adamW.amsgrad)
        let adamax = Adamax<Float>()
        #expect(adamax.learningRate == 2e-3 && adamax.betas == (0.9, 0.999) && adamax.epsilon == 1e-8 && adamax.weightDecay == 0)
        let nadam = NAdam<Float>()
        #expect(nadam.learningRate == 2e-3 && nadam.betas == (0.9, 0.999) && nadam.epsilon == 1e-8)
        #expect(nadam.weightDecay == 0 && nadam.momentumDecay == 4e-3 && !nadam.decoupledWeightDecay)
        let radam = RAdam<Float>()
        #expect(radam.learningRate == 1e-3 && radam.betas == (0.9, 0.999) && radam.epsilon == 1e-8)
        #expect(radam.weightDecay == 0 && !radam.decoupledWeightDecay)
    }

    // MARK: Per-parameter options

    /// λ = 0.5 reaches the weight (g + λ·w) but not the excluded bias.
    @Test func weightDecayExclusionLeavesTheBiasUndecayed() {
        var model = Linear<Double>(weight: Tensor(rows: [[2, -4]]), bias: Tensor([3]))
        var optimizer = SGD<Double>(learningRate: 0.1, weightDecay: 0.5)
        optimizer.excludeFromWeightDecay = { $0.hasSuffix("bias") }
        model.weight.gradient = Tensor(rows: [[1, 1]])
        model.bias!.gradient = Tensor([1])
        optimizer.step(&model)
        expectClose(model.weight.value.scalars, [2 - 0.1 * (1 + 0.5 * 2), -4 - 0.1 * (1 + 0.5 * -4)])
        expectClose(model.bias!.value.scalars, [3 - 0.1 * 1])
        #expect(optimizer.parameterStates["weight"]?.appliesWeightDecay == true)
        #expect(optimizer.parameterStates["bias"]?.appliesWeightDecay == false)
    }

    /// AdamW's decoupled decay skips excluded parameters too: the bias is not shrunk.
    @Test func adamWExclusionSkipsTheDecoupledDecay() {
        var model = Sequential<Double> {
            Linear<Double>(weight: Tensor(rows: [[2]]), bias: Tensor([2]))
        }
        var optimizer = AdamW<Double>(learningRate: 0.1, weightDecay: 0.5)
        optimizer.excludeFromWeightDecay = { $0 == "0.bias" }
        model.visitParameters { $0.gradient = Tensor(repeating: 1, shape: $0.value.shape) }
        optimizer.step(&model)
        let parameters = Dictionary(uniqueKeysWithValues: model.namedParameters.map { ($0.name, $0.parameter.value.scalars) })
        expectClose(parameters["0.weight"]!, [2 * (1 - 0.05) - 0.1 * 1 / (1 + 1e-8)])
        expectClose(parameters["0.bias"]!, [2 - 0.1 * 1 / (1 + 1e-8)])
    }

    /// A multiplier of 0.1 on the bias: the bias moves 0.1·γ·g, the weight γ·g.
    @Test func learningRateMultiplierScalesOneParameter() {
        var model = Linear<Double>(weight: Tensor(rows: [[1]]), bias: Tensor([1]))
        var optimizer = SGD<Double>(learningRate: 0.5)
        optimizer.learningRateMultiplier = { $0 == "bias" ? 0.1 : 1 }
        model.weight.gradient = Tensor(rows: [[2]])
        model.bias!.gradient = Tensor([2])
        optimizer.step(&model)
        expectClose(model.weight.value.scalars, [0])
        expectClose(model.bias!.value.scalars, [1 - 0.05 * 2])
    }

    /// Options changed after the first step apply from the next step on.
    @Test func optionsChangedBetweenStepsTakeEffect() {
        var model = NamedVectors<Double>(["weight": [1], "bias": [1]])
        var optimizer = SGD<Double>(learningRate: 0.1, weightDecay: 1)
        model.setGradients(["weight": [0], "bias": [0]])
        optimizer.step(&model)
        expectClose(model["bias"], [0.9])
        optimizer.excludeFromWeightDecay = { $0 == "bias" }
        optimizer.step(&model)
        expectClose(model["bias"], [0.9])
        expectClose(model["weight"], [0.81])
    }

    // MARK: State

    /// γ = 0.1 for step 1, 0.01 for step 2: θ₂ = θ₁ − 0.01·(0.9·g₁ + g₂), the buffer survives.
    @Test func changingTheLearningRateKeepsTheMomentum() {
        var model = NamedVectors<Double>(["weight": [0]])
        var optimizer = SGD<Double>(learningRate: 0.1, momentum: 0.9)
        model.setGradients(["weight": [1]])
        optimizer.step(&model)
        optimizer.learningRate = 0.01
        model.setGradients(["weight": [2]])
        optimizer.step(&model)
        expectClose(model["weight"], [-0.1 - 0.01 * (0.9 + 2)])
    }

    /// Adam keeps its moments and step count across a learning-rate change.
    @Test func changingTheLearningRateKeepsAdamsMoments() {
        var model = NamedVectors<Double>(["weight": [0]])
        var optimizer = Adam<Double>(learningRate: 0.1)
        model.setGradients(["weight": [1]])
        optimizer.step(&model)
        optimizer.learningRate = 0.05
        model.setGradients(["weight": [3]])
        optimizer.step(&model)
        let entry = optimizer.parameterStates["weight"]!
        #expect(entry.step == 2)
        let m2 = 0.9 * 0.1 + 0.1 * 3
        let v2 = 0.999 * 0.001 + 0.001 * 9
        expectClose(entry.state.exponentialAverage, [m2])
        expectClose(entry.state.exponentialAverageOfSquares, [v2])
        let theta1 = -0.1 * 1 / (1 + 1e-8)
        expectClose(model["weight"], [theta1 - 0.05 / (1 - 0.81) * m2 / (v2.squareRoot() / (1 - 0.998001).squareRoot() + 1e-8)])
    }

    /// The state is listed under PyTorch's keys with the parameter's shape; unused buffers are
    /// left out; NAdam's Π is a scalar tensor.
    @Test func stateIsInspectableByName() {
        var model = Linear<Double>(weight: Tensor(rows: [[1, 2], [3, 4]]), bias: Tensor([0, 0]))
        var adam = Adam<Double>(learningRate: 0.1)
        model.weight.gradient = Tensor(rows: [[1, -1], [2, 0]])
        adam.step(&model)
        #expect(adam.parameterStates.count == 2)
        #expect(adam.parameterStates.entries.map(\.name) == ["weight", "bias"])
        let tensors = adam.parameterStates.tensors(ofParameter: "weight")
        #expect(tensors.map(\.name) == ["exp_avg", "exp_avg_sq"])
        #expect(tensors[0].value.shape == [2, 2])
        expectClose(tensors[0].value.scalars, [0.1 * 1, 0.1 * -1, 0.1 * 2, 0])
        #expect(tensors[1].value.shape == [2, 2])
        expectClose(tensors[1].value.scalars, [0.001, 0.001, 0.004, 0])
        #expect(adam.parameterStates["weight"]?.step == 1)
        #expect(adam.parameterStates["weight"]?.shape == [2, 2])
        #expect(adam.parameterStates["missing"] == nil)

        var nadam = NAdam<Double>()
        nadam.step(&model)
        let names = nadam.parameterStates.tensors(ofParameter: "bias").map(\.name)
        #expect(names == ["exp_avg", "exp_avg_sq", "mu_product"])
        #expect(nadam.parameterStates.tensors(ofParameter: "bias")[2].value.shape == [])
    }

    /// A restored momentum buffer at step 5 is continued: b = 0.9·(1, 1) + g.
    @Test func restoredStateIsContinued() {
        var model = NamedVectors<Double>(["weight": [0, 0]])
        var optimizer = SGD<Double>(learningRate: 0.1, momentum: 0.9)
        optimizer.parameterStates.restore(name: "weight", shape: [2], step: 5, state: .init(momentumBuffer: [1, 1]))
        model.setGradients(["weight": [1, -1]])
        optimizer.step(&model)
        expectClose(model["weight"], [-0.1 * 1.9, -0.1 * -0.1])
        #expect(optimizer.parameterStates["weight"]?.step == 6)
    }

    /// After `resetState()` the momentum starts again from the gradient.
    @Test func resetStateForgetsTheMomentum() {
        var model = NamedVectors<Double>(["weight": [0]])
        var optimizer = SGD<Double>(learningRate: 0.1, momentum: 0.9)
        model.setGradients(["weight": [1]])
        optimizer.step(&model)
        optimizer.resetState()
        #expect(optimizer.parameterStates.count == 0)
        optimizer.step(&model)
        expectClose(model["weight"], [-0.2])
        #expect(optimizer.parameterStates["weight"]?.step == 1)
    }

    /// A parameter added to the model later gets fresh state; the others keep theirs.
    @Test func newParametersGetFreshState() {
        var model = Sequential<Double> { Linear<Double>(weight: Tensor(rows: [[0]]), bias: nil) }
        var optimizer = SGD<Double>(learningRate: 0.1, momentum: 0.9)
        model.visitParameters { $0.gradient = Tensor(rows: [[1]]) }
        optimizer.step(&model)
        model.append(Linear<Double>(weight: Tensor(rows: [[0]]), bias: nil))
        model.visitParameters { $0.gradient = Tensor(rows: [[1]]) }
        optimizer.step(&model)
        #expect(optimizer.parameterStates["0.weight"]?.step == 2)
        #expect(optimizer.parameterStates["1.weight"]?.step == 1)
        let values = model.namedParameters.map { $0.parameter.value.scalars[0] }
        expectClose(values, [-0.1 - 0.1 * 1.9, -0.1])
    }

    /// A model held as `any Layer` and an optimizer held as `any Optimizer` step like concrete ones.
    @Test func existentialModelAndOptimizer() {
        var model: any Layer<Double> = Linear<Double>(weight: Tensor(rows: [[1, 2]]), bias: Tensor([3]))
        var optimizer: any Optimizer<Double> = SGD<Double>(learningRate: 0.5)
        model.visitParameters { $0.gradient = Tensor(repeating: 1, shape: $0.value.shape) }
        optimizer.step(&model)
        #expect(model.namedParameters.map { $0.parameter.value.scalars } == [[0.5, 1.5], [2.5]])
    }

    @Test func modelThatChangedShapeStops() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var optimizer = Adam<Float>()
            var small = Linear<Float>(weight: Tensor(zeros: [3, 2]), bias: Tensor(zeros: [3]))
            optimizer.step(&small)
            var large = Linear<Float>(weight: Tensor(zeros: [3, 3]), bias: Tensor(zeros: [3]))
            optimizer.step(&large)
        }
        let message = String(decoding: try #require(result).standardErrorContent, as: UTF8.self)
        #expect(message.contains("parameter \"weight\" has shape [3, 3]"))
        #expect(message.contains("created for shape [3, 2]"))
    }

    // MARK: Clipping

    /// Gradients (3, 4) and (12): ‖g‖ = √(9 + 16 + 144) = 13.
    @Test func clipGradientNormScalesByMaxNormOverTheNorm() {
        var model = NamedVectors<Double>(["weight": [0, 0], "bias": [0]])
        model.setGradients(["weight": [3, 4], "bias": [12]])
        #expect(model.gradientNorm == 13)
        let norm = model.clipGradientNorm(maxNorm: 6.5)
        #expect(norm == 13)
        let c = 6.5 / (13 + 1e-6)
        expectClose(model.gradient("weight"), [3 * c, 4 * c])
        expectClose(model.gradient("bias"), [12 * c])
    }

    /// No clipping below the limit; at exactly the limit PyTorch's 1e-6 guard scales by
    /// 13/(13 + 1e-6) < 1.
    @Test func clipGradientNormLeavesSmallGradientsAlone() {
        var model = NamedVectors<Double>(["weight": [0, 0], "bias": [0]])
        model.setGradients(["weight": [3, 4], "bias": [12]])
        #expect(model.clipGradientNorm(maxNorm: 20) == 13)
        #expect(model.gradient("weight") == [3, 4] && model.gradient("bias") == [12])
        model.clipGradientNorm(maxNorm: 13)
        expectClose(model.gradient("bias"), [12 * 13 / (13 + 1e-6)], relative: 1e-15)
        #expect(model.gradient("bias")[0] < 12)
    }

    /// Squares of 1e200 overflow a Double; the norm is still √2·1e200.
    @Test func gradientNormSurvivesHugeGradients() {
        var model = NamedVectors<Double>(["weight": [0, 0]])
        model.setGradients(["weight": [1e200, -1e200]])
        expectClose([model.gradientNorm], [Double(2).squareRoot() * 1e200])
    }

    @Test func clipGradientValuesClampsEachElement() {
        var model = NamedVectors<Float>(["weight": [0, 0, 0], "bias": [0]])
        model.setGradients(["weight": [-5, 0.5, 3], "bias": [-1]])
        model.clipGradientValues(to: 1)
        #expect(model.gradient("weight") == [-1, 0.5, 1])
        #expect(model.gradient("bias") == [-1])
    }

    // MARK: A user-defined optimizer

    /// The example of Docs/Optimizers.md: step 1 moves by −γ·sign(g) (c = 0.1·g), m = 0.01·g;
    /// step 2 uses c = 0.9·m + 0.1·g₂.
    @Test func userDefinedOptimizerInOneFile() {
        var model = NamedVectors<Double>(["weight": [1, 1]])
        var optimizer = Lion<Double>(learningRate: 0.1)
        model.setGradients(["weight": [2, -3]])
        optimizer.step(&model)
        expectClose(model["weight"], [0.9, 1.1])
        model.setGradients(["weight": [-0.1, -0.1]])
        optimizer.step(&model)
        // m = (0.02, −0.03); c = 0.9·m + 0.1·g₂ = (0.008, −0.037): signs (+, −).
        expectClose(model["weight"], [0.8, 1.2])
        #expect(optimizer.parameterStates.tensors(ofParameter: "weight").map(\.name) == ["exp_avg"])
        expectClose(optimizer.parameterStates["weight"]!.state.momentum, [0.99 * 0.02 + 0.01 * -0.1, 0.99 * -0.03 + 0.01 * -0.1])
    }

    /// Docs/Optimizers.md shows exactly the `Lion` compiled here.
    @Test func docsShowTheUserDefinedOptimizer() throws {
        let shown = try DocumentedCode.block(in: "Docs/Optimizers.md", after: "<!-- OPTIMIZER-EXAMPLE")
        #expect(shown == (try DocumentedCode.tested("DOCS EXAMPLE", in: #filePath)))
        #expect(shown.count > 20)
    }
}

// The example from Docs/Optimizers.md, verbatim (checked by `docsShowTheUserDefinedOptimizer`).

// BEGIN DOCS EXAMPLE
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
// END DOCS EXAMPLE

// MARK: Helpers

/// Named vectors as the parameters of a layer whose forward and backward are the identity; the
/// tests set the gradients directly.
struct NamedVectors<Scalar: TensorScalar>: Layer {
    var parameters: [Parameter<Scalar>]
    let parameterNames: [String]

    init(_ named: KeyValuePairs<String, [Scalar]>) {
        parameterNames = named.map(\.key)
        parameters = named.map { Parameter(Tensor($0.value)) }
    }

    var description: String { "NamedVectors(\(parameterNames))" }

    mutating func visitParameters(_ visit: (inout Parameter<Scalar>) -> Void) {
        for index in parameters.indices { visit(&parameters[index]) }
    }

    mutating func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> { input }

    mutating func backward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> { gradOutput }

    /// The value of the parameter `name`.
    subscript(name: String) -> [Scalar] {
        parameters[parameterNames.firstIndex(of: name)!].value.scalars
    }

    /// The gradient of the parameter `name`.
    func gradient(_ name: String) -> [Scalar] {
        parameters[parameterNames.firstIndex(of: name)!].gradient.scalars
    }

    /// Replaces the gradients of the named parameters.
    mutating func setGradients(_ gradients: [String: [Scalar]]) {
        for (name, gradient) in gradients {
            parameters[parameterNames.firstIndex(of: name)!].gradient = Tensor(gradient)
        }
    }
}

/// Expects equal lengths and every element within `relative` (of the expected magnitude, with
/// an absolute floor of 1e-15).
func expectClose<Scalar: BinaryFloatingPoint>(
    _ actual: [Scalar], _ expected: [Double], relative: Double = 1e-12,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, "\(actual) vs \(expected)", sourceLocation: sourceLocation)
    for (a, e) in zip(actual, expected) {
        #expect(
            abs(Double(a) - e) <= 1e-15 + relative * abs(e), "\(Double(a)) vs expected \(e)", sourceLocation: sourceLocation)
    }
}
