import Foundation
import Layerwise

/// One measured matrix product: `Tensor.matmul` on an `m×k` by `k×n` product with the given
/// transposes, and numpy's matmul on the same shapes in the same run when numpy is importable.
struct GEMMResult: CustomStringConvertible {
    var m: Int
    var k: Int
    var n: Int
    /// "NN" (A·B), "TN" (Aᵀ·B), "NT" (A·Bᵀ) or "TT".
    var transpose: String
    var threads: Int
    /// Layerwise's GFLOP/s (2·m·k·n floating-point operations per product).
    var gflops: Double
    /// numpy's (OpenBLAS's) GFLOP/s on the same product, or nil without numpy.
    var numpyGFLOPS: Double?

    /// `gflops / numpyGFLOPS`.
    var ratioToNumpy: Double? { numpyGFLOPS.map { gflops / $0 } }

    var description: String {
        var text = "\(m)×\(k)×\(n) \(transpose) threads \(threads): \(GEMMBenchmark.format(gflops)) GFLOP/s"
        if let numpyGFLOPS, let ratioToNumpy {
            text += ", numpy \(GEMMBenchmark.format(numpyGFLOPS)), ratio \(GEMMBenchmark.format(ratioToNumpy, digits: 2))"
        }
        return text
    }
}

/// Times `Tensor.matmul` on the benchmark's shapes and transposes with `threads` threads, and
/// numpy's matmul on the same products in the same run (when `python3` can import numpy).
///
/// Each figure is the median of repeated products; the whole Layerwise-then-numpy sweep runs
/// `rounds` times and each product keeps its best median, so a burst of load from other
/// processes on the machine does not decide a ratio. numpy runs with `OPENBLAS_CORETYPE`
/// removed from its environment (so OpenBLAS picks its best kernels for this CPU) and
/// `OPENBLAS_NUM_THREADS` set to `threads`.
func runGEMMBenchmarks(threads: Int, rounds: Int = 2) -> [GEMMResult] {
    let previousThreadCount = Parallelism.threadCount
    Parallelism.threadCount = threads
    defer { Parallelism.threadCount = previousThreadCount }
    var results: [GEMMResult] = []
    for (m, k, n) in GEMMBenchmark.shapes {
        for transpose in GEMMBenchmark.transposes {
            results.append(GEMMResult(m: m, k: k, n: n, transpose: transpose, threads: threads, gflops: 0))
        }
    }
    for _ in 0..<rounds {
        for index in results.indices {
            let result = results[index]
            let gflops = GEMMBenchmark.measureLayerwise(m: result.m, k: result.k, n: result.n, transpose: result.transpose)
            results[index].gflops = max(result.gflops, gflops)
        }
        if let numpy = GEMMBenchmark.measureNumpy(threads: threads) {
            for index in results.indices {
                let result = results[index]
                if let gflops = numpy["\(result.m) \(result.k) \(result.n) \(result.transpose)"] {
                    results[index].numpyGFLOPS = max(result.numpyGFLOPS ?? 0, gflops)
                }
            }
        }
    }
    return results
}

/// The shapes, timing and numpy side of the matrix-product benchmark.
enum GEMMBenchmark {
    /// (m, k, n): the MLP 784-256-128-10 at batch 128, and two large products.
    static let shapes = [(128, 784, 256), (128, 256, 128), (128, 128, 10), (256, 1024, 1024), (1024, 1024, 1024)]
    /// The transposes the layers use.
    static let transposes = ["NN", "TN", "NT"]

    /// How many times a product of `flops` is timed: about 0.1 s of work at 100 GFLOP/s,
    /// between 9 and 301 runs.
    static func repetitions(flops: Double) -> Int {
        min(301, max(9, Int(1e10 / flops) | 1))
    }

    /// Layerwise's median GFLOP/s for one product.
    static func measureLayerwise(m: Int, k: Int, n: Int, transpose: String) -> Double {
        let transposeA = transpose.first == "T"
        let transposeB = transpose.last == "T"
        var generator = RandomGenerator(seed: 42)
        let a = Tensor<Float>(randomUniform: transposeA ? [k, m] : [m, k], in: -1...1, using: &generator)
        let b = Tensor<Float>(randomUniform: transposeB ? [n, k] : [k, n], in: -1...1, using: &generator)
        var c = Tensor<Float>(zeros: [m, n])
        let flops = 2.0 * Double(m) * Double(k) * Double(n)
        let clock = ContinuousClock()
        var seconds: [Double] = []
        for run in 0..<(repetitions(flops: flops) + 2) {
            let start = clock.now
            Tensor.matmul(a, transposeA: transposeA, b, transposeB: transposeB, into: &c, accumulate: false)
            let elapsed = start.duration(to: clock.now).components
            if run >= 2 { seconds.append(Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18) }
        }
        seconds.sort()
        return flops / seconds[seconds.count / 2] / 1e9
    }

    /// numpy's median GFLOP/s per product, keyed by "m k n transpose"; nil when python3 or
    /// numpy is missing.
    static func measureNumpy(threads: Int) -> [String: Double]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let shapeArguments = shapes.map { "\($0.0),\($0.1),\($0.2)" }
        process.arguments = ["python3", "-c", numpyScript] + shapeArguments
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_CORETYPE"] = nil
        environment["OPENBLAS_NUM_THREADS"] = "\(threads)"
        environment["OMP_NUM_THREADS"] = "\(threads)"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let text = String(data: data, encoding: .utf8) else { return nil }
        var figures: [String: Double] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 5, let gflops = Double(fields[4]) else { continue }
            figures[fields[0..<4].joined(separator: " ")] = gflops
        }
        return figures
    }

    /// Times numpy's matmul like `measureLayerwise` does; arguments are "m,k,n" shapes.
    static let numpyScript = """
        import sys, time
        import numpy as np
        rng = np.random.default_rng(42)
        for shape in sys.argv[1:]:
            m, k, n = map(int, shape.split(","))
            flops = 2.0 * m * k * n
            repetitions = min(301, max(9, int(1e10 / flops) | 1))
            for t in ("NN", "TN", "NT"):
                a = rng.uniform(-1, 1, (k, m) if t[0] == "T" else (m, k)).astype(np.float32)
                b = rng.uniform(-1, 1, (n, k) if t[1] == "T" else (k, n)).astype(np.float32)
                left = a.T if t[0] == "T" else a
                right = b.T if t[1] == "T" else b
                c = np.empty((m, n), dtype=np.float32)
                seconds = []
                for run in range(repetitions + 2):
                    start = time.perf_counter()
                    np.matmul(left, right, out=c)
                    if run >= 2:
                        seconds.append(time.perf_counter() - start)
                seconds.sort()
                print(m, k, n, t, flops / seconds[len(seconds) // 2] / 1e9, flush=True)
        """

    /// `value` with `digits` digits after the point.
    static func format(_ value: Double, digits: Int = 1) -> String {
        String(format: "%.\(digits)f", value)
    }
}
