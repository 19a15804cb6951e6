/// Checks hand-written backward passes against finite differences.
///
/// A layer's backward is checked through the scalar function
///
///     f(x, θ) = Σᵢ forward(x)ᵢ · gᵢ
///
/// with a fixed random upstream gradient g ~ N(0, 1) (seeded). Its gradient is exactly what
/// `backward(g)` returns for the input and adds to each parameter: ∂f/∂x = backward(g),
/// ∂f/∂θ = θ.gradient. A random g (rather than g = 1, the sum of the outputs) matters: with
/// g = 1 the input gradient of a batch normalization is identically zero, and any layer whose
/// outputs have a constant sum would pass with a backward that returns zeros.
///
/// - Analytic: one forward pass (in the chosen mode) and `backward(g)` on a copy of the layer
///   with zeroed gradients. A second backward on another copy whose gradients hold the first
///   result checks that backward *adds* to `gradient`.
/// - Numeric: for every element, f at x ± h and x ± 2h, each time on a fresh copy of the
///   original layer, with the 4-point stencil
///   n = [f(x−2h) − 8f(x−h) + 8f(x+h) − f(x+2h)] / (12h), f accumulated in `Double`.
///   Layers are values, so a copy carries the same `RandomGenerator` state: dropout draws the
///   same mask for every evaluation, and batch normalization's running statistics are never
///   disturbed.
/// - Error per element: |a − n| / max(|a|, |n|, floor); the check passes when the worst
///   element of every tensor is at most `tolerance`. When rounding limits what the stencil can
///   resolve, the floor of a tensor is raised to that resolution over the tolerance
///   (`GradientCheckReport.TensorResult.floor`).
///
/// Inputs the checker generates stay `kinkMargin` away from the kinks of an element-wise first
/// layer (`KinkedLayer`); inside a network, elements where f is not smooth at the scale of the
/// stencil are detected, excluded, and counted as skipped.
///
/// ```swift
/// var generator = RandomGenerator(seed: 1)
/// let layer = Linear<Double>(inputSize: 3, outputSize: 2, generator: &generator)
/// let report = GradientCheck.check(layer: layer, inputShape: [4, 3])
/// print(report)        // a table: worst relative error per tensor, with its index
/// assert(report.passed)
/// ```
///
/// Check in `Double`: the default tolerance 1e-6 is far below any real mistake (a gradient off
/// by 1 % has relative error 1e-2). In `Float` the defaults are looser (tolerance 5e-3, step
/// 2⁻⁷): mistakes of a few percent are caught, subtler ones need `Double`.
public enum GradientCheck {
    /// Checks a layer's backward pass at the given input.
    ///
    /// - Parameters:
    ///   - layer: The layer; it is not modified (every evaluation runs on a copy).
    ///   - input: The point the gradients are taken at. Keep elements away from the kinks of
    ///     the layer (or use `check(layer:inputShape:mode:configuration:)`).
    ///   - mode: The mode of every forward pass.
    ///   - configuration: Step, tolerance, floor and seed; the defaults for the layer's scalar
    ///     type unless given.
    /// - Returns: The per-tensor comparison: the input first, then each named parameter.
    /// - Complexity: 2 + 4·(input count + parameter count) forward passes, plus 2 per element
    ///   that fails the tolerance (the smoothness probe), and 2 backward passes.
    public static func check<L: Layer>(
        layer: L, input: Tensor<L.Scalar>, mode: Mode = .training,
        configuration: Configuration = Configuration(for: L.Scalar.self)
    ) -> GradientCheckReport {
        configuration.validate()
        var streams = RandomStreams(seed: configuration.seed)
        var analyticLayer = layer
        analyticLayer.zeroGradients()
        let output = analyticLayer.forward(input, mode: mode)
        let upstream = Tensor<L.Scalar>(randomNormal: output.shape, using: &streams.upstream)
        let part = layerComparison(
            layer, afterForward: analyticLayer, input: input, output: output, upstream: upstream,
            mode: mode, configuration: configuration)
        return report(
            subject: layer.description, mode: mode, configuration: configuration, parts: [part],
            streams: &streams)
    }

    /// Checks a layer's backward pass at an input generated from the configuration's seed:
    /// uniform in `inputRange`, at least `kinkMargin` from the layer's kinks.
    ///
    /// - Parameters:
    ///   - layer: The layer; it is not modified.
    ///   - inputShape: The shape of the generated input, for example `[batch, features]`.
    ///   - mode: The mode of every forward pass.
    ///   - configuration: Step, tolerance, floor, seed, input range and kink margin.
    /// - Returns: The per-tensor comparison: the input first, then each named parameter.
    public static func check<L: Layer>(
        layer: L, inputShape: [Int], mode: Mode = .training,
        configuration: Configuration = Configuration(for: L.Scalar.self)
    ) -> GradientCheckReport {
        let input = makeInput(shape: inputShape, for: layer, configuration: configuration)
        return check(layer: layer, input: input, mode: mode, configuration: configuration)
    }

    /// Checks a loss's gradient with respect to the prediction.
    ///
    /// Here f is the loss value itself: f(p) = loss(p, target).value, and the analytic
    /// gradient is the `gradient` the loss returns.
    ///
    /// - Parameters:
    ///   - loss: The loss.
    ///   - prediction: The point the gradient is taken at (logits, probabilities, values).
    ///   - target: What the prediction is compared with.
    ///   - configuration: Step, tolerance and floor; the defaults for the loss's scalar type
    ///     unless given.
    /// - Returns: One row, `"prediction"`.
    /// - Complexity: 2 + 4·(prediction count) evaluations of the loss.
    public static func check<L: Loss>(
        loss: L, prediction: Tensor<L.Scalar>, target: L.Target,
        configuration: Configuration = Configuration(for: L.Scalar.self)
    ) -> GradientCheckReport {
        configuration.validate()
        var streams = RandomStreams(seed: configuration.seed)
        let (value, gradient) = loss(prediction, target: target)
        let part = lossComparison(
            loss, prediction: prediction, target: target, value: value, gradient: gradient,
            configuration: configuration)
        return report(
            subject: loss.description, mode: nil, configuration: configuration, parts: [part],
            streams: &streams)
    }

    /// Checks a model followed by a loss: every gradient of L = loss(model(x), target), with
    /// respect to the input, each parameter, and the model's output.
    ///
    /// By the chain rule ∂L/∂θ = Σᵢ (∂L/∂yᵢ)·∂yᵢ/∂θ at y = model(x), so the check is done in two
    /// exact parts: the model is checked as a layer whose upstream gradient is the loss's
    /// gradient G = ∂L/∂y, f(x, θ) = Σ model(x)·G, and the loss is checked at y,
    /// f(y) = loss(y, target).value (the row `"prediction"`, last). Together they verify every
    /// gradient of L, and a mistake is attributed to the model's tensor or to the loss. This is
    /// also more accurate than differencing L itself: Σ model(x)·G is summed in `Double`, and
    /// outputs a perturbation does not change cancel exactly, while L is one number rounded in
    /// the scalar type (in `Float`, its rounding over h would dominate the error).
    ///
    /// - Parameters:
    ///   - model: The model; it is not modified (every evaluation runs on a copy).
    ///   - loss: The loss applied to the model's output.
    ///   - input: The point the gradients are taken at.
    ///   - target: What the model's output is compared with.
    ///   - mode: The mode of every forward pass.
    ///   - configuration: Step, tolerance, floor and seed; the defaults for the model's scalar
    ///     type unless given.
    /// - Returns: The per-tensor comparison: the input, each named parameter, then
    ///   `"prediction"` (the loss's gradient at the model's output).
    /// - Complexity: 2 + 4·(input count + parameter count) forward passes, 2 backward passes,
    ///   and 2 + 4·(output count) evaluations of the loss.
    public static func check<M: Layer, L: Loss>(
        model: M, loss: L, input: Tensor<M.Scalar>, target: L.Target, mode: Mode = .training,
        configuration: Configuration = Configuration(for: M.Scalar.self)
    ) -> GradientCheckReport where L.Scalar == M.Scalar {
        configuration.validate()
        var streams = RandomStreams(seed: configuration.seed)
        var analyticModel = model
        analyticModel.zeroGradients()
        let prediction = analyticModel.forward(input, mode: mode)
        let (value, gradPrediction) = loss(prediction, target: target)
        let modelPart = layerComparison(
            model, afterForward: analyticModel, input: input, output: prediction,
            upstream: gradPrediction, mode: mode, configuration: configuration)
        let lossPart = lossComparison(
            loss, prediction: prediction, target: target, value: value, gradient: gradPrediction,
            configuration: configuration)
        return report(
            subject: "\(model) + \(loss)", mode: mode, configuration: configuration,
            parts: [modelPart, lossPart], streams: &streams)
    }

    /// Checks a model followed by a loss at an input generated from the configuration's seed:
    /// uniform in `inputRange`, at least `kinkMargin` from the kinks of the model's first
    /// layer.
    ///
    /// - Parameters:
    ///   - model: The model; it is not modified.
    ///   - loss: The loss applied to the model's output.
    ///   - inputShape: The shape of the generated input.
    ///   - target: What the model's output is compared with.
    ///   - mode: The mode of every forward pass.
    ///   - configuration: Step, tolerance, floor, seed, input range and kink margin.
    /// - Returns: The per-tensor comparison: the input, each named parameter, then
    ///   `"prediction"`.
    public static func check<M: Layer, L: Loss>(
        model: M, loss: L, inputShape: [Int], target: L.Target, mode: Mode = .training,
        configuration: Configuration = Configuration(for: M.Scalar.self)
    ) -> GradientCheckReport where L.Scalar == M.Scalar {
        let input = makeInput(shape: inputShape, for: model, configuration: configuration)
        return check(
            model: model, loss: loss, input: input, target: target, mode: mode,
            configuration: configuration)
    }

    /// The input the shape-taking checks generate: uniform in `configuration.inputRange`,
    /// redrawn until it is at least `kinkMargin` from every kink of the layer that receives it
    /// (`KinkedLayer`, looking through `Sequential` and `Residual`).
    ///
    /// - Parameters:
    ///   - shape: The shape of the input.
    ///   - layer: The layer whose kinks to avoid.
    ///   - configuration: The seed, input range and kink margin.
    /// - Returns: The same tensor for the same configuration, every time.
    /// - Precondition: the kink margins do not cover the input range.
    public static func makeInput<L: Layer>(
        shape: [Int], for layer: L,
        configuration: Configuration = Configuration(for: L.Scalar.self)
    ) -> Tensor<L.Scalar> {
        configuration.validate()
        var streams = RandomStreams(seed: configuration.seed)
        let kinks = inputKinks(of: layer)
        let low = configuration.inputRange.lowerBound
        let width = configuration.inputRange.upperBound - low
        var input = Tensor<L.Scalar>(zeros: shape)
        for index in input.scalars.indices {
            var attempts = 0
            while true {
                let candidate = L.Scalar(low + width * streams.input.nextUniform())
                let distance = kinks.map { (Double(candidate) - $0).magnitude }.min() ?? .infinity
                if distance >= configuration.kinkMargin {
                    input.scalars[index] = candidate
                    break
                }
                attempts += 1
                checkPrecondition(
                    attempts < 1000,
                    "GradientCheck: cannot draw inputs in \(configuration.inputRange) at least \(configuration.kinkMargin) from the kinks \(kinks) of \(layer)")
            }
        }
        return input
    }

    // MARK: - Shared steps

    /// Backward through a layer that has run its forward pass, twice: once from zeroed
    /// gradients (the analytic gradients) and once onto the first pass's gradients (which
    /// must then double: backward adds to `gradient`).
    private static func differentiate<L: Layer>(
        _ afterForward: L, gradOutput: Tensor<L.Scalar>, floor: Double
    ) -> (gradInput: Tensor<L.Scalar>, parameters: [CheckedTensor<L.Scalar>]) {
        var first = afterForward
        let gradInput = first.backward(gradOutput)
        let once = first.namedParameters

        var second = afterForward
        var index = 0
        second.visitParameters { parameter in
            parameter.gradient = once[index].parameter.gradient
            index += 1
        }
        _ = second.backward(gradOutput)
        let twice = second.namedParameters

        let parameters = zip(once, twice).map { once, twice in
            CheckedTensor(
                name: once.name, value: once.parameter.value,
                analyticGradient: once.parameter.gradient,
                accumulationError: accumulationError(
                    once: once.parameter.gradient, twice: twice.parameter.gradient, floor: floor))
        }
        return (gradInput, parameters)
    }

    /// max over elements of |(twice − once) − once| / max(|once|, floor).
    private static func accumulationError<Scalar>(
        once: Tensor<Scalar>, twice: Tensor<Scalar>, floor: Double
    ) -> Double {
        var worst = 0.0
        for (first, second) in zip(once.scalars, twice.scalars) {
            let increment = Double(second) - Double(first)
            let error = (increment - Double(first)).magnitude / max(Double(first).magnitude, floor)
            worst = max(worst, error.isNaN ? .infinity : error)
        }
        return worst
    }

    /// The comparison for a layer that has run forward: f(x, θ) = Σ forward(x)·upstream on
    /// fresh copies of `layer`, against `backward(upstream)` of `afterForward`.
    private static func layerComparison<L: Layer>(
        _ layer: L, afterForward: L, input: Tensor<L.Scalar>, output: Tensor<L.Scalar>,
        upstream: Tensor<L.Scalar>, mode: Mode, configuration: Configuration
    ) -> (comparison: GradientComparison<L.Scalar>, problems: [String]) {
        let (gradInput, parameters) = differentiate(
            afterForward, gradOutput: upstream, floor: configuration.floor)
        var problems: [String] = []
        var tensors = parameters
        if configuration.checksInputGradient {
            if gradInput.shape == input.shape {
                tensors.insert(
                    CheckedTensor(name: "input", value: input, analyticGradient: gradInput, accumulationError: nil),
                    at: 0)
            } else {
                problems.append(
                    "backward returned ∂L/∂input of shape \(gradInput.shape) for an input of shape \(input.shape)")
            }
        }
        let inputIsChecked = configuration.checksInputGradient && gradInput.shape == input.shape
        let objective: (Perturbation<L.Scalar>?) -> Double = { perturbation in
            var copy = layer
            var perturbedInput = input
            if let perturbation {
                if inputIsChecked && perturbation.tensor == 0 {
                    perturbedInput.scalars[perturbation.element] = perturbation.value
                } else {
                    copy.setParameterElement(
                        perturbation.element, of: perturbation.tensor - (inputIsChecked ? 1 : 0),
                        to: perturbation.value)
                }
            }
            return dot(copy.forward(perturbedInput, mode: mode), upstream)
        }
        let comparison = GradientComparison(
            configuration: configuration, tensors: tensors, baseValue: dot(output, upstream),
            magnitude: zip(output.scalars, upstream.scalars).reduce(0) { $0 + (Double($1.0) * Double($1.1)).magnitude },
            objective: objective)
        return (comparison, problems)
    }

    /// The comparison for a loss: f(p) = loss(p, target).value against the loss's gradient.
    private static func lossComparison<L: Loss>(
        _ loss: L, prediction: Tensor<L.Scalar>, target: L.Target, value: L.Scalar,
        gradient: Tensor<L.Scalar>, configuration: Configuration
    ) -> (comparison: GradientComparison<L.Scalar>, problems: [String]) {
        var problems: [String] = []
        var tensors: [CheckedTensor<L.Scalar>] = []
        if gradient.shape == prediction.shape {
            tensors.append(
                CheckedTensor(name: "prediction", value: prediction, analyticGradient: gradient, accumulationError: nil))
        } else {
            problems.append(
                "\(loss) returned a gradient of shape \(gradient.shape) for a prediction of shape \(prediction.shape)")
        }
        let objective: (Perturbation<L.Scalar>?) -> Double = { perturbation in
            var perturbed = prediction
            if let perturbation {
                perturbed.scalars[perturbation.element] = perturbation.value
            }
            return Double(loss(perturbed, target: target).value)
        }
        let comparison = GradientComparison(
            configuration: configuration, tensors: tensors, baseValue: Double(value),
            magnitude: Double(value).magnitude, objective: objective)
        return (comparison, problems)
    }

    /// Runs the comparisons and assembles the report; too many skipped elements is a problem.
    private static func report<Scalar>(
        subject: String, mode: Mode?, configuration: Configuration,
        parts: [(comparison: GradientComparison<Scalar>, problems: [String])], streams: inout RandomStreams
    ) -> GradientCheckReport {
        var tensors: [GradientCheckReport.TensorResult] = []
        var problems: [String] = []
        for part in parts {
            problems += part.problems
            let (results, comparisonProblems) = part.comparison.run(sampling: &streams.sampling)
            tensors += results
            problems += comparisonProblems
        }
        let examined = tensors.reduce(0) { $0 + $1.checked + $1.skipped }
        let skipped = tensors.reduce(0) { $0 + $1.skipped }
        if examined > 0, Double(skipped) > configuration.maximumSkippedFraction * Double(examined) {
            problems.append(
                "\(skipped) of \(examined) elements were skipped as non-smooth, more than the maximum "
                    + "fraction \(configuration.maximumSkippedFraction); move the inputs away from kinks or reduce the step")
        }
        return GradientCheckReport(
            subject: subject, scalarType: "\(Scalar.self)", mode: mode, configuration: configuration,
            tensors: tensors, problems: problems)
    }

    /// Σᵢ yᵢ·gᵢ in `Double`, with Neumaier's compensated summation.
    private static func dot<Scalar>(_ output: Tensor<Scalar>, _ upstream: Tensor<Scalar>) -> Double {
        checkPrecondition(
            output.shape == upstream.shape,
            "GradientCheck: the forward output changed shape from \(upstream.shape) to \(output.shape) between evaluations")
        var sum = 0.0
        var compensation = 0.0
        for (y, g) in zip(output.scalars, upstream.scalars) {
            let term = Double(y) * Double(g)
            let total = sum + term
            if sum.magnitude >= term.magnitude {
                compensation += (sum - total) + term
            } else {
                compensation += (term - total) + sum
            }
            sum = total
        }
        return sum + compensation
    }
}
