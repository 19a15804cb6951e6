import Layerwise

/// One matrix product of the benchmark MLP's training step or batch-1 inference, with the
/// transposes and accumulation the layers use.
struct StepProduct {
    /// What the product computes, e.g. "forward 784→256".
    var role: String
    var m: Int
    var k: Int
    var n: Int
    /// "NN", "TN" or "NT".
    var transpose: String
    /// Whether the product is added to C (bias already in C, or a weight gradient).
    var accumulate: Bool

    /// The products of one training step of the MLP 784-256-128-10 at `batch` rows, then the
    /// three of batch-1 inference.
    static func ofStep(batch: Int) -> [StepProduct] {
        let widths = MLPBenchmark.widths
        var products: [StepProduct] = []
        for layer in 0..<(widths.count - 1) {
            products.append(StepProduct(
                role: "forward \(widths[layer])→\(widths[layer + 1])",
                m: batch, k: widths[layer], n: widths[layer + 1], transpose: "NT", accumulate: true))
        }
        for layer in (0..<(widths.count - 1)).reversed() {
            products.append(StepProduct(
                role: "∂W \(widths[layer])→\(widths[layer + 1])",
                m: widths[layer + 1], k: batch, n: widths[layer], transpose: "TN", accumulate: true))
            if layer > 0 {
                products.append(StepProduct(
                    role: "∂x \(widths[layer])→\(widths[layer + 1])",
                    m: batch, k: widths[layer + 1], n: widths[layer], transpose: "NN", accumulate: false))
            }
        }
        for layer in 0..<(widths.count - 1) {
            products.append(StepProduct(
                role: "batch-1 \(widths[layer])→\(widths[layer + 1])",
                m: 1, k: widths[layer], n: widths[layer + 1], transpose: "NT", accumulate: true))
        }
        return products
    }
}

/// Times every product of one training step (and of batch-1 inference) at each thread count
/// in `threadCounts`, alternating thread counts product by product so that both see the same
/// load; prints the median and the fastest time of each.
func runStepProductBenchmark(
    batch: Int, threadCounts: [Int], repetitions: Int, products chosen: [StepProduct] = [],
    clock: BenchmarkClock = .wall
) -> String {
    let previousThreadCount = Parallelism.threadCount
    defer { Parallelism.threadCount = previousThreadCount }
    var lines = ["Products of one training step (batch \(batch)) and of batch-1 inference: median (fastest) µs"]
    var totals = [Double](repeating: 0, count: threadCounts.count)
    for product in chosen.isEmpty ? StepProduct.ofStep(batch: batch) : chosen {
        let transposeA = product.transpose.first == "T"
        let transposeB = product.transpose.last == "T"
        var generator = RandomGenerator(seed: 7)
        let a = Tensor<Float>(
            randomUniform: transposeA ? [product.k, product.m] : [product.m, product.k], in: -1...1,
            using: &generator)
        let b = Tensor<Float>(
            randomUniform: transposeB ? [product.n, product.k] : [product.k, product.n], in: -1...1,
            using: &generator)
        var c = Tensor<Float>(zeros: [product.m, product.n])
        var samples = [[Double]](repeating: [], count: threadCounts.count)
        for repetition in 0..<(repetitions + 4) {
            for (index, threads) in threadCounts.enumerated() {
                Parallelism.threadCount = threads
                let seconds = clock.seconds {
                    Tensor.matmul(
                        a, transposeA: transposeA, b, transposeB: transposeB, into: &c,
                        accumulate: product.accumulate)
                }
                if repetition >= 4 { samples[index].append(seconds) }
            }
        }
        let flops = 2 * Double(product.m * product.k * product.n)
        var line = "  \(product.role): \(product.m)×\(product.k)×\(product.n) \(product.transpose)"
        for (index, threads) in threadCounts.enumerated() {
            let middle = median(samples[index])
            if !product.role.hasPrefix("batch-1") { totals[index] += middle }
            line += ", \(threads) thread\(threads == 1 ? "" : "s") \(fixed(middle * 1e6, 2)) (\(fixed(samples[index].min()! * 1e6, 2)))"
            line += " \(fixed(flops / middle / 1e9, 0)) GFLOP/s"
        }
        lines.append(line)
    }
    lines.append(
        "  sum of the training step's medians: "
            + zip(threadCounts, totals).map { "\($0) thread\($0 == 1 ? "" : "s") \(fixed($1 * 1e6, 1)) µs" }
            .joined(separator: ", "))
    return lines.joined(separator: "\n")
}
