/// Training diverged: at `step`, the loss or a parameter's gradient was NaN or infinite.
///
/// Thrown by `Layer.checkDivergence(loss:step:)` and reported by `fit` as
/// `FitHistory.StopReason.diverged`. The description names the step and what went wrong:
///
/// ```text
/// training diverged at step 37: the loss is nan
/// training diverged at step 12: the gradient of "0.weight" is inf (element 5 of 784)
/// ```
public struct DivergenceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was not finite.
    public enum Quantity: Equatable, Sendable {
        /// The loss.
        case loss
        /// The gradient of the named parameter, at the given row-major element.
        case gradient(parameter: String, element: Int, count: Int)
    }

    /// The step (optimizer update) at which the value appeared, as the caller counts steps
    /// (`fit` counts from 1 over the whole call).
    public let step: Int
    /// What was not finite.
    public let quantity: Quantity
    /// The offending value (NaN, +∞ or −∞), as a `Double`.
    public let value: Double

    /// Creates an error.
    ///
    /// - Parameters: The properties of the same names.
    public init(step: Int, quantity: Quantity, value: Double) {
        self.step = step
        self.quantity = quantity
        self.value = value
    }

    /// "training diverged at step N: …", naming the loss or the parameter.
    public var description: String {
        switch quantity {
        case .loss:
            "training diverged at step \(step): the loss is \(value)"
        case .gradient(let parameter, let element, let count):
            "training diverged at step \(step): the gradient of \"\(parameter)\" is \(value) (element \(element) of \(count))"
        }
    }

    /// Equal when step, quantity and value (NaN equal to NaN) agree.
    public static func == (lhs: DivergenceError, rhs: DivergenceError) -> Bool {
        lhs.step == rhs.step && lhs.quantity == rhs.quantity
            && (lhs.value == rhs.value || (lhs.value.isNaN && rhs.value.isNaN))
    }
}
