import Foundation
import Layerwise

/// Runs a `loss` fixture: builds the loss from the case's `loss` object, evaluates it on
/// `input` and `target`, and compares the value (`output`) and the gradient (`grad_input`).
func runLossCase<Scalar: TensorScalar>(
    _ parityCase: ParityCase, into comparison: inout ParityComparison, as _: Scalar.Type
) {
    let spec = parityCase.object("loss")
    let input: Tensor<Scalar> = decodeTensor(parityCase.json["input"])
    let targetKind = parityCase.json["target_kind"] as? String
    let reduction: Reduction
    switch spec["reduction"] as? String ?? "mean" {
    case "mean": reduction = .mean
    case "sum": reduction = .sum
    case let other:
        comparison.fail("reduction \(other) is not supported")
        return
    }

    switch spec["type"] as? String {
    case "SoftmaxCrossEntropy":
        let loss = SoftmaxCrossEntropy<Scalar>(
            reduction: reduction,
            classWeights: decodeVector(spec["weight"]),
            ignoreIndex: (spec["ignore_index"] as? NSNumber)?.intValue,
            labelSmoothing: Scalar(decodeNumber(spec["label_smoothing"]) ?? 0))
        let target: ClassificationTarget<Scalar>
        if targetKind == "index" {
            let tensor = parityCase.json["target"] as! [String: Any]
            target = .classes((tensor["data"] as! [Any]).map { ($0 as! NSNumber).intValue })
        } else {
            target = .probabilities(decodeTensor(parityCase.json["target"]))
        }
        compareLoss(loss, input, target, parityCase, into: &comparison)
    case "MSE":
        let loss = MeanSquaredError<Scalar>(reduction: reduction)
        compareLoss(loss, input, decodeTensor(parityCase.json["target"]), parityCase, into: &comparison)
    case "L1":
        let loss = L1Loss<Scalar>(reduction: reduction)
        compareLoss(loss, input, decodeTensor(parityCase.json["target"]), parityCase, into: &comparison)
    case "Huber":
        let loss = HuberLoss<Scalar>(reduction: reduction, delta: Scalar(decodeNumber(spec["delta"]) ?? 1))
        compareLoss(loss, input, decodeTensor(parityCase.json["target"]), parityCase, into: &comparison)
    case "BCEWithLogits":
        let loss = BinaryCrossEntropyWithLogits<Scalar>(
            reduction: reduction, positiveWeight: decodeVector(spec["pos_weight"]))
        compareLoss(loss, input, decodeTensor(parityCase.json["target"]), parityCase, into: &comparison)
    case let other:
        comparison.fail("loss \(other ?? "?") is not implemented")
    }
}

/// Evaluates `loss` and compares its value and gradient with the fixture's `output` and
/// `grad_input`, requiring both to be finite where PyTorch's are.
private func compareLoss<L: Loss>(
    _ loss: L, _ input: Tensor<L.Scalar>, _ target: L.Target, _ parityCase: ParityCase,
    into comparison: inout ParityComparison
) {
    let (value, gradient) = loss(input, target: target)
    let expected = decodeNumber(parityCase.json["output"]) ?? .nan
    if expected.isFinite && !Double(value).isFinite {
        comparison.fail("output: \(value) is not finite (expected \(expected))")
    }
    comparison.compare("output", Double(value), expected)
    comparison.compare("grad_input", gradient, decodeTensor(parityCase.json["grad_input"]))
}

/// Reads an optional tensor option (`weight`, `pos_weight`), given as a plain JSON list of
/// numbers or as a `{"shape", "data"}` tensor; nil when absent or null.
private func decodeVector<Scalar: TensorScalar>(_ value: Any?) -> Tensor<Scalar>? {
    if value is [String: Any] { return decodeTensor(value) }
    guard let list = value as? [Any] else { return nil }
    return Tensor(list.map { Scalar(($0 as! NSNumber).doubleValue) })
}
