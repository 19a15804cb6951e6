/// Training diverged: at `step`, a value the step computed was NaN or infinite.
///
/// Thrown by `Layer.checkDivergence(loss:step:)` and `Layer.checkParameterValues(step:)`, and
/// reported by `fit` as `FitHistory.StopReason.diverged`. The description names the step, what
/// went wrong, and (from `fit`) which weights the model kept:
///
/// ```text
/// training diverged at step 37: the loss is nan; the model keeps the weights after step 36
/// training diverged at step 12: the gradient of "0.weight" is inf (element 5 of 784); …
/// training diverged at step 40: the running statistic "1.running_var" is inf (element 3 of 4); …
/// ```
public struct DivergenceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was not finite.
    public enum Quantity: Equatable, Sendable {
        /// The loss of the training step.
        case loss
        /// The gradient of the named parameter, at the given row-major element.
        case gradient(parameter: String, element: Int, count: Int)
        /// A state tensor (BatchNorm's running statistics) after the step's forward pass.
        case state(name: String, element: Int, count: Int)
        /// The named parameter's value after the optimizer step.
        case parameter(name: String, element: Int, count: Int)
        /// The model's output in inference mode on the epoch's last training batch (`fit`, at
        /// the end of every epoch): the running statistics or the weights have grown so large
        /// that the model predicts NaN or infinity although training-mode steps stay finite.
        case inferenceOutput(element: Int, count: Int)
        /// The loss on the validation data (`fit`, at the end of every epoch).
        case validationLoss
    }

    /// The step (optimizer update) at which the value appeared, as the caller counts steps
    /// (`fit` counts from 1 over the whole call). For the end-of-epoch checks, the epoch's
    /// last step.
    public let step: Int
    /// What was not finite.
    public let quantity: Quantity
    /// The offending value (NaN, +∞ or −∞), as a `Double`.
    public let value: Double
    /// From `fit`: the number of steps whose result the model holds after it stopped — the
    /// step before `step` (nothing of `step` is applied), or the last step of the previous
    /// epoch when an end-of-epoch check failed. Nil from the checks of an explicit loop.
    public let weightsAfterStep: Int?

    /// Creates an error.
    ///
    /// - Parameters: The properties of the same names.
    public init(step: Int, quantity: Quantity, value: Double, weightsAfterStep: Int? = nil) {
        self.step = step
        self.quantity = quantity
        self.value = value
        self.weightsAfterStep = weightsAfterStep
    }

    /// The same error, with the step whose weights `fit` kept.
    func keepingWeights(afterStep kept: Int) -> DivergenceError {
        DivergenceError(step: step, quantity: quantity, value: value, weightsAfterStep: kept)
    }

    /// "training diverged at step N: …", naming the loss, the parameter or the state, and the
    /// weights kept.
    public var description: String {
        let what = switch quantity {
        case .loss:
            "the loss is \(value)"
        case .gradient(let parameter, let element, let count):
            "the gradient of \"\(parameter)\" is \(value) (element \(element) of \(count))"
        case .state(let name, let element, let count):
            "the running statistic \"\(name)\" is \(value) (element \(element) of \(count))"
        case .parameter(let name, let element, let count):
            "\"\(name)\" is \(value) after the optimizer step (element \(element) of \(count))"
        case .inferenceOutput(let element, let count):
            "the output in inference mode on the epoch's last training batch is \(value) (element \(element) of \(count))"
        case .validationLoss:
            "the validation loss is \(value)"
        }
        let kept = weightsAfterStep.map { $0 == 0 ? "; the model keeps its initial weights" : "; the model keeps the weights after step \($0)" } ?? ""
        return "training diverged at step \(step): \(what)\(kept)"
    }

    /// Equal when step, quantity, value (NaN equal to NaN) and the weights kept agree.
    public static func == (lhs: DivergenceError, rhs: DivergenceError) -> Bool {
        lhs.step == rhs.step && lhs.quantity == rhs.quantity && lhs.weightsAfterStep == rhs.weightsAfterStep
            && (lhs.value == rhs.value || (lhs.value.isNaN && rhs.value.isNaN))
    }
}
