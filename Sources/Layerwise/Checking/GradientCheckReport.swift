/// The result of a gradient check: one row per checked tensor, and whether all passed.
///
/// Print it to read the table:
///
/// ```text
/// Gradient check of ScaleShift(3) in training mode, Double: PASSED
/// (h = 9.77e-04, tolerance 1.00e-06, floor 1.00e-05, seed 0; error = |a − n| / max(|a|, |n|, floor))
///     tensor  shape   checked  skipped  worst error  at index  analytic a  numeric n  max |a − n|  accumulates
/// ok  input   [4, 3]  12       0        1.38e-11     [3, 1]    6.29e-02    6.29e-02   1.14e-12     —
/// ok  scale   [3]     3        0        5.90e-13     [2]       -6.95e-01   -6.95e-01  1.16e-12     yes
/// ok  shift   [3]     3        0        1.66e-13     [2]       -2.21e+00   -2.21e+00  3.67e-13     yes
/// ```
///
/// Rows that fail start with `FAIL`. `worst error` is the largest relative error of the
/// tensor, `at index` where it occurs, with the analytic and numeric gradients there.
/// `skipped` counts elements excluded because the function is not smooth there (a kink
/// inside the stencil). `accumulates` tells whether backward adds to a parameter's `gradient`.
/// A `floor` column appears when rounding made the check raise the floor of some tensor.
public struct GradientCheckReport: Sendable, CustomStringConvertible {
    /// What was checked: the layer's, loss's or model's description.
    public var subject: String

    /// The scalar type the checked code computed in: `"Double"` or `"Float"`.
    public var scalarType: String

    /// The mode of the forward passes; `nil` for a loss check.
    public var mode: Mode?

    /// The settings the check ran with.
    public var configuration: GradientCheck.Configuration

    /// One result per checked tensor: the input (or prediction) first, then the parameters
    /// in the order of `parameterNames`.
    public var tensors: [TensorResult]

    /// Problems that make the check fail besides gradient errors: a forward pass that a copy
    /// of the layer does not reproduce, a function value that is not finite, too many skipped
    /// elements, a shape mismatch.
    public var problems: [String]

    /// Whether every tensor passed and there were no problems.
    public var passed: Bool {
        problems.isEmpty && tensors.allSatisfy(\.passed)
    }

    /// The tensors that failed.
    public var failures: [TensorResult] {
        tensors.filter { !$0.passed }
    }

    /// The result for the tensor called `name`, if it was checked.
    public subscript(name: String) -> TensorResult? {
        tensors.first { $0.name == name }
    }

    /// The largest relative error over all tensors.
    public var worstRelativeError: Double {
        tensors.map(\.worstRelativeError).max() ?? 0
    }

    /// The number of elements compared, over all tensors.
    public var checked: Int {
        tensors.reduce(0) { $0 + $1.checked }
    }

    /// The number of elements skipped as non-smooth, over all tensors.
    public var skipped: Int {
        tensors.reduce(0) { $0 + $1.skipped }
    }

    /// A table with one row per tensor, preceded by the verdict and the settings.
    public var description: String {
        let format = { (x: Double) in NumberFormatting.scientific(x) }
        let modeText = mode.map { $0 == .training ? " in training mode" : " in inference mode" } ?? ""
        var lines = [
            "Gradient check of \(subject)\(modeText), \(scalarType): \(passed ? "PASSED" : "FAILED")",
            "(h = \(format(configuration.step)), tolerance \(format(configuration.tolerance)), "
                + "floor \(format(configuration.floor)), seed \(configuration.seed); "
                + "error = |a − n| / max(|a|, |n|, floor))",
        ]
        let showsFloor = tensors.contains { $0.floor > configuration.floor }
        var rows = [[
            "", "tensor", "shape", "checked", "skipped", "worst error", "at index", "analytic a",
            "numeric n", "max |a − n|", "accumulates",
        ] + (showsFloor ? ["floor"] : [])]
        for tensor in tensors {
            let accumulates: String
            if let error = tensor.accumulationError {
                accumulates = tensor.accumulates ? "yes" : "NO (error \(format(error)))"
            } else {
                accumulates = "—"
            }
            let located = tensor.worstIndex != nil
            rows.append([
                tensor.passed ? "ok" : "FAIL", tensor.name, "\(tensor.shape)", "\(tensor.checked)",
                "\(tensor.skipped)", format(tensor.worstRelativeError),
                tensor.worstIndex.map { "\($0)" } ?? "—",
                located ? format(tensor.analyticAtWorst) : "—",
                located ? format(tensor.numericAtWorst) : "—",
                format(tensor.maxAbsoluteError), accumulates,
            ] + (showsFloor ? [format(tensor.floor)] : []))
        }
        lines.append(NumberFormatting.table(rows))
        lines += problems.map { "problem: " + $0 }
        return lines.joined(separator: "\n")
    }
}
