/// The benchmark's results, as text for people or as one JSON object for tools.
struct BenchmarkReport {
    var options: BenchmarkOptions
    var gemm: [GEMMResult]
    var training: TrainingMeasurement
    /// Allocations per step when two batch sizes alternate.
    var allocationsPerStepAlternatingBatchSizes: Double
    var inference: InferenceMeasurement
    var allocationsCounted: Bool

    var text: String {
        var lines: [String] = []
        if !gemm.isEmpty {
            lines.append("GEMM (m×k×n, transpose, threads: GFLOP/s; numpy in the same run and the ratio)")
            for result in gemm {
                lines.append("  " + result.description)
            }
        }
        let batch = training.batchSize
        lines.append("MLP 784-256-128-10, ReLU, softmax cross-entropy, Adam, batch \(batch), threads \(options.threads)")
        lines.append(
            "  training step: \(fixed(training.stepSeconds * 1e3, 3)) ms (median of \(options.runs) runs of \(options.stepsPerRun) steps)")
        lines.append("  samples/s: \(fixed(training.samplesPerSecond, 0))")
        lines.append("  GFLOP/s: \(fixed(training.flopsPerStep / training.stepSeconds / 1e9, 1))")
        let phases = zip(TrainingMeasurement.phaseNames, training.phaseSeconds)
            .map { "\($0) \(fixed($1 * 1e6, 1)) µs" }
        lines.append("  phases: " + phases.joined(separator: ", "))
        lines.append("  allocations per step: \(allocationsCounted ? fixed(training.allocationsPerStep, 2) : "not counted on this platform")")
        lines.append(
            "  allocations per step, batch sizes \(batch) and \(max(1, batch * 3 / 4)) alternating: "
                + (allocationsCounted ? fixed(allocationsPerStepAlternatingBatchSizes, 2) : "not counted on this platform"))
        lines.append("  loss after the benchmark: \(training.finalLoss)")
        lines.append("batch-1 inference: \(fixed(inference.callSeconds * 1e6, 2)) µs")
        lines.append(
            "  allocations per call: \(allocationsCounted ? fixed(inference.allocationsPerCall, 2) : "not counted on this platform")"
                + " (forward in inference mode on a kept model; predict, which copies the model: "
                + "\(allocationsCounted ? fixed(inference.allocationsPerPredict, 0) : "-"))")
        return lines.joined(separator: "\n")
    }

    var json: String {
        let gemmObjects = gemm.map { result in
            "{\"m\": \(result.m), \"k\": \(result.k), \"n\": \(result.n), \"transpose\": \"\(result.transpose)\", "
                + "\"threads\": \(result.threads), \"gflops\": \(number(result.gflops)), "
                + "\"numpy_gflops\": \(result.numpyGFLOPS.map(number) ?? "null"), "
                + "\"ratio_to_numpy\": \(result.ratioToNumpy.map(number) ?? "null")}"
        }
        let phases = zip(TrainingMeasurement.phaseNames, training.phaseSeconds)
            .map { "\"\($0)\": \(number($1 * 1e3))" }
        let fields = [
            "\"training_step_ms\": \(number(training.stepSeconds * 1e3))",
            "\"samples_per_second\": \(number(training.samplesPerSecond))",
            "\"inference_batch1_us\": \(number(inference.callSeconds * 1e6))",
            "\"allocations_per_step\": \(allocationsCounted ? number(training.allocationsPerStep) : "null")",
            "\"allocations_per_step_alternating_batch_sizes\": \(allocationsCounted ? number(allocationsPerStepAlternatingBatchSizes) : "null")",
            "\"allocations_per_inference\": \(allocationsCounted ? number(inference.allocationsPerCall) : "null")",
            "\"allocations_per_predict\": \(allocationsCounted ? number(inference.allocationsPerPredict) : "null")",
            "\"threads\": \(options.threads)",
            "\"batch_size\": \(training.batchSize)",
            "\"training_phases_ms\": {" + phases.joined(separator: ", ") + "}",
            "\"gemm\": [" + gemmObjects.joined(separator: ", ") + "]",
        ]
        return "{" + fields.joined(separator: ", ") + "}"
    }
}

/// `value` with `digits` digits after the point.
func fixed(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return "\(value)" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (abs(value) * scale).rounded()
    let whole = Int(rounded / scale)
    let fraction = Int(rounded - Double(whole) * scale)
    var text = (value < 0 && rounded != 0 ? "-" : "") + String(whole)
    if digits > 0 {
        let digitsText = String(fraction)
        text += "." + String(repeating: "0", count: digits - digitsText.count) + digitsText
    }
    return text
}

/// A JSON number: `null` for values JSON cannot represent.
func number(_ value: Double) -> String {
    value.isFinite ? "\(value)" : "null"
}
