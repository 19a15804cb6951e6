/// With mᵢ = maxₖ xᵢₖ, eᵢc = exp(xᵢc − mᵢ), sᵢ = Σc eᵢc: pᵢc = eᵢc/sᵢ and
/// log pᵢc = xᵢc − mᵢ − log sᵢ. Per row that is not ignored:
///   nllᵢ = −w_yᵢ·log pᵢ,yᵢ,   smoothᵢ = −Σc wc·log pᵢc,
///   ∂loss/∂xᵢc = [(1 − ε)·w_yᵢ·(pᵢc − δc,yᵢ) + (ε/C)·(W·pᵢc − wc)] / D,
/// and loss = [(1 − ε)·Σᵢ nllᵢ + (ε/C)·Σᵢ smoothᵢ] / D, the sums taken in Double.
@inline(__always)
func softmaxCrossEntropyKernel<Scalar: TensorScalar>(
    logits: [Scalar], classCount: Int, labels: [Int], classWeights: [Scalar], ignoreIndex: Int,
    labelSmoothing epsilon: Scalar, meanReduction: Bool, gradient: inout [Scalar]
) -> Scalar {
    let rows = labels.count
    requireEqualCounts(logits.count, rows * classCount, "softmaxCrossEntropy")
    requireEqualCounts(gradient.count, logits.count, "softmaxCrossEntropy")
    checkPrecondition(
        classWeights.isEmpty || classWeights.count == classCount,
        "softmaxCrossEntropy: \(classWeights.count) class weights for \(classCount) classes")
    let weighted = !classWeights.isEmpty
    return logits.withUnsafeBufferPointer { x in
        classWeights.withUnsafeBufferPointer { w in
            gradient.withUnsafeMutableBufferPointer { gradient in
                @inline(__always) func weight(_ c: Int) -> Scalar { weighted ? w[c] : 1 }
                var totalWeight: Scalar = 0  // W
                for c in 0..<classCount { totalWeight += weight(c) }
                var denominator = 0.0  // D: Σᵢ w_yᵢ for the mean, 1 for the sum
                for label in labels where label != ignoreIndex { denominator += Double(weight(label)) }
                if !meanReduction { denominator = 1 }
                let scale = Scalar(denominator)
                let smoothingPerClass = epsilon / Scalar(classCount)

                // Rows are independent: split across the pool's threads, each row's losses kept
                // in `rowLosses` and summed in row order afterwards (the same bits for any split).
                return withUnsafeTemporaryAllocation(of: (Double, Double).self, capacity: max(rows, 1)) { rowLosses in
                    guard let x = x.baseAddress, let g = gradient.baseAddress else { return Scalar(0) / Scalar(denominator) }
                    ElementwisePartition.forEachRange(
                        count: rows, minimumPerPart: max(1, ElementwisePartition.minimumElementsPerPart / max(classCount, 1))
                    ) { rowRange in
                        for row in rowRange {
                            let label = labels[row]
                            let start = row &* classCount
                            let xRow = x + start, gRow = g + start
                            guard label != ignoreIndex else {
                                for c in 0..<classCount { gRow[c] = 0 }
                                rowLosses[row] = (0, 0)
                                continue
                            }
                            let maximum = rowMaximum(xRow, count: classCount)
                            let sumOfExponentials = shiftedExponentials(xRow, count: classCount, shift: maximum, into: gRow)
                            let logSum = Scalar.log(sumOfExponentials)
                            let inverseSum = 1 / sumOfExponentials
                            let targetWeight = weight(label)
                            let nll = -Double(targetWeight * ((xRow[label] - maximum) - logSum))
                            var rowSmoothing: Scalar = 0
                            if epsilon != 0 {
                                for c in 0..<classCount { rowSmoothing += weight(c) * ((xRow[c] - maximum) - logSum) }
                            }
                            rowLosses[row] = (nll, -Double(rowSmoothing))
                            // ∂/∂x_c = [(1 − ε)·w_y·(p_c − δ_cy) + (ε/C)·(W·p_c − w_c)]/D.
                            let nllScale = (1 - epsilon) * targetWeight
                            // Float: one multiply per element; Double keeps the formula's own
                            // rounding (the parity fixtures are float64 and tight).
                            if epsilon == 0 && Scalar.concrete == .float {
                                let exponentialOfLabel = gRow[label]
                                let coefficient = inverseSum * nllScale / scale
                                for c in 0..<classCount { gRow[c] *= coefficient }
                                gRow[label] = nllScale * (exponentialOfLabel * inverseSum - 1) / scale
                            } else {
                                for c in 0..<classCount {
                                    let p = gRow[c] / sumOfExponentials
                                    let delta: Scalar = c == label ? 1 : 0
                                    gRow[c] = (nllScale * (p - delta) + smoothingPerClass * (totalWeight * p - weight(c))) / scale
                                }
                            }
                        }
                    }
                    var negativeLogLikelihood = 0.0  // Σᵢ nllᵢ
                    var smoothingLoss = 0.0  // Σᵢ smoothᵢ
                    for row in 0..<rows {
                        negativeLogLikelihood += rowLosses[row].0
                        smoothingLoss += rowLosses[row].1
                    }
                    let value =
                        ((1 - Double(epsilon)) * negativeLogLikelihood + Double(smoothingPerClass) * smoothingLoss)
                        / denominator
                    return Scalar(value)
                }
            }
        }
    }
}
