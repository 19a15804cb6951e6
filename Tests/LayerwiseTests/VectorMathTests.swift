import Foundation
import Layerwise
import Testing
import _LayerwiseKernels

/// The single-precision elementary functions of the C kernels (VectorMath.h) against the
/// C library's double-precision ones, over a dense sweep of float inputs, at every kernel
/// level this CPU runs. The bounds are the ones Docs/Performance.md states.
@Suite struct VectorMathTests {
    /// About 400 000 floats spread evenly by bit pattern over [low, high] (so every binade gets
    /// its share), plus the two ends.
    static func sweep(_ low: Float, _ high: Float) -> [Float] {
        // Bit patterns of |x| for the negative part [low, min(high, 0)] and the positive part.
        var pieces: [(from: UInt32, to: UInt32, negative: Bool)] = []
        if low < 0 { pieces.append(((high < 0 ? -high : 0).bitPattern, (-low).bitPattern, true)) }
        if high > 0 { pieces.append((max(low, 0).bitPattern, high.bitPattern, false)) }
        let total = pieces.reduce(0) { $0 + Int($1.to - $1.from) }
        let stride = UInt32(max(1, total / 400_000))
        var values: [Float] = [low, high]
        for piece in pieces {
            var bits = piece.from
            while bits <= piece.to {
                let value = Float(bitPattern: bits)
                values.append(piece.negative ? -value : value)
                let (next, overflow) = bits.addingReportingOverflow(stride)
                if overflow { break }
                bits = next
            }
        }
        return values
    }

    /// The error of `value` against `exact` in units in the last place of the float nearest
    /// to `exact` (for a result below the smallest normal, the subnormal spacing).
    static func ulps(_ value: Float, _ exact: Double) -> Double {
        if value.isNaN || exact.isNaN { return value.isNaN == exact.isNaN ? 0 : .infinity }
        let rounded = Float(exact)
        if rounded.isInfinite { return value == rounded ? 0 : .infinity }
        let spacing = Double(rounded == 0 ? Float.leastNonzeroMagnitude : rounded.ulp)
        return abs(Double(value) - exact) / spacing
    }

    static let levels = _GEMMKernel.available

    /// One function at one kernel level, its bound, and where the C library's double is exact
    /// enough to judge it (|x| where the result is neither overflow nor, for exp, below the
    /// subnormals).
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let function: LWKFunction
        let exact: @Sendable (Double) -> Double
        let ranges: [(Float, Float)]
        let maximumUlps: Double
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "exp", function: LWKFunctionExp, exact: { Foundation.exp($0) }, ranges: [(-104, 89)], maximumUlps: 2),
        Case(name: "log", function: LWKFunctionLog, exact: { Foundation.log($0) }, ranges: [(.leastNonzeroMagnitude, 3e38)], maximumUlps: 2),
        Case(name: "log1p", function: LWKFunctionLog1p, exact: { Foundation.log1p($0) }, ranges: [(-0.999, 1e30)], maximumUlps: 2.5),
        Case(name: "expm1", function: LWKFunctionExpm1, exact: { Foundation.expm1($0) }, ranges: [(-100, 88)], maximumUlps: 2),
        Case(name: "tanh", function: LWKFunctionTanh, exact: { Foundation.tanh($0) }, ranges: [(-20, 20)], maximumUlps: 2),
        Case(name: "sigmoid", function: LWKFunctionSigmoid, exact: { 1 / (1 + Foundation.exp(-$0)) }, ranges: [(-100, 100)], maximumUlps: 3),
        Case(name: "erf", function: LWKFunctionErf, exact: { Foundation.erf($0) }, ranges: [(-10, 10)], maximumUlps: 2.5),
    ]

    @Test(arguments: cases)
    func maximumError(of testCase: Case) {
        for level in Self.levels {
            var worst = (ulps: 0.0, input: Float.zero)
            for (low, high) in testCase.ranges {
                let inputs = Self.sweep(low, high)
                var outputs = [Float](repeating: 0, count: inputs.count)
                lwk_map(LWKKernel(rawValue: UInt32(level.rawValue)), testCase.function, inputs.count, inputs, &outputs)
                for (x, y) in zip(inputs, outputs) {
                    let error = Self.ulps(y, testCase.exact(Double(x)))
                    if error > worst.ulps { worst = (error, x) }
                }
            }
            print("\(testCase.name) at \(level): at most \(worst.ulps) ulp (worst at x = \(worst.input))")
            #expect(worst.ulps <= testCase.maximumUlps, "\(testCase.name) at \(level): \(worst.ulps) ulp at x = \(worst.input)")
        }
    }

    /// NaN gives NaN, and the infinities and zeros give the limits.
    @Test func specialValues() {
        let inputs: [Float] = [.nan, .infinity, -.infinity, 0, -0.0]
        let expected: [(LWKFunction, [Float])] = [
            (LWKFunctionExp, [.nan, .infinity, 0, 1, 1]),
            (LWKFunctionLog, [.nan, .infinity, .nan, -.infinity, -.infinity]),
            (LWKFunctionTanh, [.nan, 1, -1, 0, 0]),
            (LWKFunctionSigmoid, [.nan, 1, 0, 0.5, 0.5]),
            (LWKFunctionErf, [.nan, 1, -1, 0, 0]),
            (LWKFunctionExpm1, [.nan, .infinity, -1, 0, 0]),
        ]
        for level in Self.levels {
            for (function, values) in expected {
                var outputs = [Float](repeating: 7, count: inputs.count)
                lwk_map(LWKKernel(rawValue: UInt32(level.rawValue)), function, inputs.count, inputs, &outputs)
                for (output, value) in zip(outputs, values) {
                    #expect(output == value || (output.isNaN && value.isNaN), "\(function) at \(level): \(outputs) vs \(values)")
                }
            }
        }
    }
}
