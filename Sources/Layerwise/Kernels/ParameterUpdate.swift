/// An optimizer's update of one parameter element, as a value: `ParameterUpdate.forEach` applies
/// it to every element of a buffer. A rule is a struct (not a closure) so that the loop is
/// specialized for it and the update inlined into the loop, also on the pool's threads.
protocol ElementUpdate {
    associatedtype Scalar: TensorScalar
    /// Updates θ from its gradient g and up to three state elements (in the order the buffers
    /// are passed to `forEach`; a slot without a buffer is a scratch value, ignored).
    func callAsFunction(
        _ theta: inout Scalar, _ gradient: Scalar, _ first: inout Scalar, _ second: inout Scalar, _ third: inout Scalar)
}

/// The loop of an optimizer's update over pointers (so that it vectorizes where it can), split
/// across the pool's threads for large buffers. Elements are independent, so any split gives
/// the same result, bit for bit. Optimizers call it from their specialized update
/// (`Optimizer.specializedUpdate`), so the loop is compiled for `Float` and `Double`.
enum ParameterUpdate {
    /// Buffers shorter than this are updated on the calling thread.
    static let minimumElementsPerPart = 32768

    /// Applies `rule` to every element of `value`, with `gradient` and the state buffers
    /// `first`, `second`, `third` (nil for a slot the rule does not use).
    /// - Precondition: every buffer given has `value.count` elements.
    /// For `Float`, `floatKernel` (the same formulas in C, vectorized) runs instead of `rule`.
    @inline(__always)
    static func forEach<Rule: ElementUpdate>(
        _ value: inout [Rule.Scalar], _ gradient: [Rule.Scalar], first: UnsafeMutablePointer<Rule.Scalar>? = nil,
        second: UnsafeMutablePointer<Rule.Scalar>? = nil, third: UnsafeMutablePointer<Rule.Scalar>? = nil, rule: Rule,
        floatKernel: OptimizerKernel
    ) {
        requireEqualCounts(value.count, gradient.count, "parameter update")
        let count = gradient.count
        value.withUnsafeMutableBufferPointer { v in
            gradient.withUnsafeBufferPointer { g in
                guard let v = v.baseAddress, let g = g.baseAddress else { return }
                switch Rule.Scalar.concrete {
                case .float:
                    @inline(__always) func float(_ p: UnsafeMutablePointer<Rule.Scalar>?) -> UnsafeMutablePointer<Float>? {
                        p.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: Float.self) }
                    }
                    let value = float(v)!, gradient = UnsafeRawPointer(g).assumingMemoryBound(to: Float.self)
                    let a = float(first), b = float(second), c = float(third)
                    ElementwisePartition.forEachRange(count: count, minimumPerPart: minimumElementsPerPart) { range in
                        let start = range.lowerBound
                        floatKernel.run(
                            count: range.count, value: value + start, gradient: gradient + start, a.map { $0 + start },
                            b.map { $0 + start }, c.map { $0 + start })
                    }
                case .double:
                    ElementwisePartition.forEachRange(count: count, minimumPerPart: minimumElementsPerPart) { range in
                        Self.apply(rule, range, v, g, first, second, third)
                    }
                }
            }
        }
    }

    /// The loop over one range, one branch per number of state buffers.
    @inline(__always)
    static func apply<Rule: ElementUpdate>(
        _ rule: Rule, _ range: Range<Int>, _ v: UnsafeMutablePointer<Rule.Scalar>, _ g: UnsafePointer<Rule.Scalar>,
        _ a: UnsafeMutablePointer<Rule.Scalar>?, _ b: UnsafeMutablePointer<Rule.Scalar>?,
        _ c: UnsafeMutablePointer<Rule.Scalar>?
    ) {
        // A slot without a buffer gets a fresh scratch value per element (no dependence
        // between iterations, so the loop stays vectorizable).
        switch (a, b, c) {
        case let (a?, b?, c?):
            for i in range { rule(&v[i], g[i], &a[i], &b[i], &c[i]) }
        case let (a?, b?, nil):
            for i in range {
                var scratch: Rule.Scalar = 0
                rule(&v[i], g[i], &a[i], &b[i], &scratch)
            }
        case let (a?, nil, c?):
            for i in range {
                var scratch: Rule.Scalar = 0
                rule(&v[i], g[i], &a[i], &scratch, &c[i])
            }
        case let (a?, nil, nil):
            for i in range {
                var scratch2: Rule.Scalar = 0, scratch3: Rule.Scalar = 0
                rule(&v[i], g[i], &a[i], &scratch2, &scratch3)
            }
        default:
            for i in range {
                var scratch1: Rule.Scalar = 0, scratch2: Rule.Scalar = 0, scratch3: Rule.Scalar = 0
                rule(&v[i], g[i], &scratch1, &scratch2, &scratch3)
            }
        }
    }
}

extension Array where Element: TensorScalar {
    /// Calls `body` with the address of the array's storage (nil when empty), made unique first.
    @inline(__always)
    mutating func withMutableBaseAddress<Result>(_ body: (UnsafeMutablePointer<Element>?) -> Result) -> Result {
        withUnsafeMutableBufferPointer { body($0.baseAddress) }
    }
}
