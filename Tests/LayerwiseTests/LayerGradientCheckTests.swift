import Layerwise
import Testing

/// Every layer (in both modes where they differ) and every loss, checked by the public
/// `GradientCheck` utility: in Double at a worst relative error ≤ 1e-6, and again in Float at the
/// utility's documented Float tolerance (5e-3, step 2⁻⁷; Docs/GradientChecking.md).
@Suite struct LayerGradientCheckTests {
    /// A layer configuration, the input shape it is checked at, and the mode.
    enum LayerCase: String, CaseIterable, CustomTestStringConvertible {
        case linear, linearWithoutBias
        case relu, leakyReLU, preluShared, preluPerFeature, elu, eluAlphaTwo, selu
        case gelu, geluTanh, silu, mish, softplus, softplusBetaTwo, softsign, hardtanh
        case sigmoid, tanh, softmax, logSoftmax
        case batchNormTrainingBatch2, batchNormTrainingBatch3, batchNormTrainingBatch16
        case batchNormInference, batchNormWithoutAffine, batchNormWithoutAffineInference
        case layerNorm, layerNormWithoutAffine
        case dropoutTraining, dropoutInference, dropoutZero
        case residual

        var testDescription: String { rawValue }

        var inputShape: [Int] {
            switch self {
            case .batchNormTrainingBatch2: [2, 4]
            case .batchNormTrainingBatch3: [3, 4]
            case .batchNormTrainingBatch16: [16, 4]
            default: [5, 4]
            }
        }

        var mode: Mode {
            switch self {
            case .batchNormInference, .batchNormWithoutAffineInference, .dropoutInference: .inference
            default: .training
            }
        }

        /// The layer, with non-trivial parameter values (BatchNorm's running statistics and
        /// affine parameters are drawn, not left at 1 and 0).
        func make<Scalar: TensorScalar>(_: Scalar.Type) -> any Layer<Scalar> {
            var generator = RandomGenerator(seed: 11)
            switch self {
            case .linear: return Linear<Scalar>(inputSize: 4, outputSize: 3, generator: &generator)
            case .linearWithoutBias:
                return Linear<Scalar>(inputSize: 4, outputSize: 3, bias: false, generator: &generator)
            case .relu: return ReLU<Scalar>()
            case .leakyReLU: return LeakyReLU<Scalar>(negativeSlope: 0.2)
            case .preluShared:
                return PReLU<Scalar>(parameterCount: 1, initialSlope: 0.25)
            case .preluPerFeature:
                var layer = PReLU<Scalar>(parameterCount: 4)
                layer.weight.value = Tensor([0.1, -0.3, 0.7, 1.5])
                return layer
            case .elu: return ELU<Scalar>()
            case .eluAlphaTwo: return ELU<Scalar>(alpha: 2)
            case .selu: return SELU<Scalar>()
            case .gelu: return GELU<Scalar>()
            case .geluTanh: return GELU<Scalar>(approximation: .tanh)
            case .silu: return SiLU<Scalar>()
            case .mish: return Mish<Scalar>()
            case .softplus: return Softplus<Scalar>()
            case .softplusBetaTwo: return Softplus<Scalar>(beta: 2, threshold: 3)
            case .softsign: return Softsign<Scalar>()
            case .hardtanh: return Hardtanh<Scalar>(minimum: -0.5, maximum: 1)
            case .sigmoid: return Sigmoid<Scalar>()
            case .tanh: return Tanh<Scalar>()
            case .softmax: return Softmax<Scalar>()
            case .logSoftmax: return LogSoftmax<Scalar>()
            case .batchNormTrainingBatch2, .batchNormTrainingBatch3, .batchNormTrainingBatch16,
                .batchNormInference:
                return Self.drawn(BatchNorm<Scalar>(featureCount: 4), using: &generator)
            case .batchNormWithoutAffine, .batchNormWithoutAffineInference:
                return Self.drawn(BatchNorm<Scalar>(featureCount: 4, affine: false), using: &generator)
            case .layerNorm: return Self.drawn(LayerNorm<Scalar>(featureCount: 4), using: &generator)
            case .layerNormWithoutAffine: return LayerNorm<Scalar>(featureCount: 4, affine: false)
            case .dropoutTraining, .dropoutInference:
                return Dropout<Scalar>(probability: 0.3, generator: &generator)
            case .dropoutZero: return Dropout<Scalar>(probability: 0, generator: &generator)
            case .residual:
                return Residual<Sequential<Scalar>> {
                    Linear<Scalar>(inputSize: 4, outputSize: 4, generator: &generator)
                    Tanh<Scalar>()
                }
            }
        }

        /// Replaces parameters and running statistics by draws: γ in [0.5, 1.5], β and the
        /// running mean in [−1, 1], the running variance in [0.5, 2].
        static func drawn<L: Layer>(_ layer: L, using generator: inout RandomGenerator) -> L {
            var layer = layer
            layer.visitNamedParameters { name, parameter in
                let range: ClosedRange<L.Scalar> = name == "weight" ? 0.5...1.5 : -1...1
                parameter.value = Tensor(randomUniform: parameter.value.shape, in: range, using: &generator)
            }
            layer.visitNamedState { name, state in
                let range: ClosedRange<L.Scalar> = name == "running_var" ? 0.5...2 : -1...1
                state = Tensor(randomUniform: state.shape, in: range, using: &generator)
            }
            return layer
        }
    }

    @Test(arguments: LayerCase.allCases) func layerInDouble(_ layerCase: LayerCase) {
        let layer = layerCase.make(Double.self)
        let report = GradientCheck.check(layer: layer, inputShape: layerCase.inputShape, mode: layerCase.mode)
        #expect(report.passed, "\(report)")
        #expect(report.worstRelativeError <= 1e-6, "\(report)")
        #expect(report.skipped == 0, "\(report)")
        // Every parameter was compared, not only the input.
        #expect(report.tensors.count == 1 + layer.parameterNames.count, "\(report)")
    }

    @Test(arguments: LayerCase.allCases) func layerInFloat(_ layerCase: LayerCase) {
        let report = GradientCheck.check(
            layer: layerCase.make(Float.self), inputShape: layerCase.inputShape, mode: layerCase.mode)
        #expect(report.passed, "\(report)")
        #expect(report.worstRelativeError <= GradientCheck.Configuration.float.tolerance, "\(report)")
    }

    /// A loss configuration with a prediction and target chosen away from its kinks.
    enum LossCase: String, CaseIterable, CustomTestStringConvertible {
        case crossEntropyMean, crossEntropySum, crossEntropyWeighted, crossEntropyIgnoreIndex
        case crossEntropyLabelSmoothing, crossEntropyWeightedLabelSmoothing, crossEntropySoftTargets
        case meanSquaredError, meanSquaredErrorSum, binaryCrossEntropy, binaryCrossEntropyPositiveWeight
        case l1, l1Sum, huber, huberSmallDelta

        var testDescription: String { rawValue }

        func report<Scalar: TensorScalar>(_: Scalar.Type) -> GradientCheckReport {
            var generator = RandomGenerator(seed: 23)
            let logits = Tensor<Scalar>(randomNormal: [6, 4], standardDeviation: 2, using: &generator)
            let classes = [0, 3, 1, 2, 3, 0]
            let weights = Tensor<Scalar>([0.5, 1.5, 1, 2])
            let probabilities = Softmax<Scalar>().predict(
                Tensor(randomNormal: [6, 4], using: &generator))
            let values = Tensor<Scalar>(randomNormal: [6, 4], using: &generator)
            // Differences of at least 0.2 in size, so L1 and Huber stay away from |d| = 0 and δ.
            let offsets = Tensor<Scalar>(randomUniform: [6, 4], in: 0.2...1.5, using: &generator)
                .map { generator.nextUniform() < 0.5 ? -$0 : $0 }
            let shifted = values + offsets
            let bits = Tensor<Scalar>(shape: [6, 4], scalars: (0..<24).map { $0 % 3 == 0 ? 1 : 0 })
            func check<L: Loss>(_ loss: L, _ prediction: Tensor<Scalar>, _ target: L.Target) -> GradientCheckReport
            where L.Scalar == Scalar {
                GradientCheck.check(loss: loss, prediction: prediction, target: target)
            }
            switch self {
            case .crossEntropyMean: return check(SoftmaxCrossEntropy<Scalar>(), logits, .classes(classes))
            case .crossEntropySum:
                return check(SoftmaxCrossEntropy<Scalar>(reduction: .sum), logits, .classes(classes))
            case .crossEntropyWeighted:
                return check(SoftmaxCrossEntropy<Scalar>(classWeights: weights), logits, .classes(classes))
            case .crossEntropyIgnoreIndex:
                return check(
                    SoftmaxCrossEntropy<Scalar>(ignoreIndex: -100), logits, .classes([0, -100, 1, 2, -100, 0]))
            case .crossEntropyLabelSmoothing:
                return check(SoftmaxCrossEntropy<Scalar>(labelSmoothing: 0.1), logits, .classes(classes))
            case .crossEntropyWeightedLabelSmoothing:
                return check(
                    SoftmaxCrossEntropy<Scalar>(classWeights: weights, labelSmoothing: 0.2), logits,
                    .classes(classes))
            case .crossEntropySoftTargets:
                return check(SoftmaxCrossEntropy<Scalar>(), logits, .probabilities(probabilities))
            case .meanSquaredError: return check(MeanSquaredError<Scalar>(), shifted, values)
            case .meanSquaredErrorSum: return check(MeanSquaredError<Scalar>(reduction: .sum), shifted, values)
            case .binaryCrossEntropy: return check(BinaryCrossEntropyWithLogits<Scalar>(), logits, bits)
            case .binaryCrossEntropyPositiveWeight:
                return check(BinaryCrossEntropyWithLogits<Scalar>(positiveWeight: weights), logits, bits)
            case .l1: return check(L1Loss<Scalar>(), shifted, values)
            case .l1Sum: return check(L1Loss<Scalar>(reduction: .sum), shifted, values)
            case .huber: return check(HuberLoss<Scalar>(), shifted, values)
            case .huberSmallDelta: return check(HuberLoss<Scalar>(delta: 0.7), shifted, values)
            }
        }
    }

    @Test(arguments: LossCase.allCases) func lossInDouble(_ lossCase: LossCase) {
        let report = lossCase.report(Double.self)
        #expect(report.passed, "\(report)")
        #expect(report.worstRelativeError <= 1e-6, "\(report)")
        #expect(report.skipped == 0, "\(report)")
    }

    @Test(arguments: LossCase.allCases) func lossInFloat(_ lossCase: LossCase) {
        let report = lossCase.report(Float.self)
        #expect(report.passed, "\(report)")
    }

    /// Seven layers including BatchNorm, Dropout and a Residual, followed by cross-entropy.
    static func composedNetwork<Scalar: TensorScalar>(_: Scalar.Type) -> Sequential<Scalar> {
        var generator = RandomGenerator(seed: 31)
        return Sequential<Scalar> {
            Linear<Scalar>(inputSize: 6, outputSize: 8, generator: &generator)
            BatchNorm<Scalar>(featureCount: 8)
            Tanh<Scalar>()
            Dropout<Scalar>(probability: 0.25, generator: &generator)
            Residual<Sequential<Scalar>> {
                Linear<Scalar>(inputSize: 8, outputSize: 8, generator: &generator)
                GELU<Scalar>()
                LayerNorm<Scalar>(featureCount: 8)
            }
            Linear<Scalar>(inputSize: 8, outputSize: 5, generator: &generator)
            LogSoftmax<Scalar>()
        }
    }

    @Test(arguments: [Mode.training, .inference]) func composedNetworkInDouble(mode: Mode) {
        var generator = RandomGenerator(seed: 37)
        let input = Tensor<Double>(randomNormal: [7, 6], using: &generator)
        let model = Self.composedNetwork(Double.self)
        #expect(model.count == 7)
        let report = GradientCheck.check(
            model: model, loss: SoftmaxCrossEntropy<Double>(), input: input,
            target: .classes([0, 1, 2, 3, 4, 0, 1]), mode: mode)
        #expect(report.passed, "\(report)")
        #expect(report.worstRelativeError <= 1e-6, "\(report)")
        // Input, 10 parameters (3 Linear × 2, BatchNorm 2, LayerNorm 2), and the loss's row.
        #expect(report.tensors.count == 1 + 10 + 1, "\(report)")
    }

    @Test func composedNetworkInFloat() {
        var generator = RandomGenerator(seed: 37)
        let input = Tensor<Float>(randomNormal: [7, 6], using: &generator)
        let report = GradientCheck.check(
            model: Self.composedNetwork(Float.self), loss: SoftmaxCrossEntropy<Float>(), input: input,
            target: .classes([0, 1, 2, 3, 4, 0, 1]))
        #expect(report.passed, "\(report)")
    }

    /// The same network with ReLU in place of Tanh: kinks inside the network are detected and
    /// skipped, and they stay rare.
    @Test func reluNetworkSkipsFewElements() {
        var generator = RandomGenerator(seed: 41)
        let model = Sequential<Double> {
            Linear<Double>(inputSize: 6, outputSize: 16, generator: &generator)
            BatchNorm<Double>(featureCount: 16)
            ReLU<Double>()
            Dropout<Double>(probability: 0.5, generator: &generator)
            Residual<Sequential<Double>> {
                Linear<Double>(inputSize: 16, outputSize: 16, generator: &generator)
                ReLU<Double>()
            }
            Linear<Double>(inputSize: 16, outputSize: 3, generator: &generator)
        }
        let input = Tensor<Double>(randomNormal: [16, 6], using: &generator)
        let report = GradientCheck.check(
            model: model, loss: SoftmaxCrossEntropy<Double>(), input: input,
            target: .classes((0..<16).map { $0 % 3 }))
        #expect(report.passed, "\(report)")
        #expect(Double(report.skipped) <= 0.01 * Double(report.checked + report.skipped), "\(report)")
    }
}
