#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

/// A floating-point type that tensors, layers and losses compute with.
///
/// Layerwise adopts it for `Float`, the fast path for training, and `Double`, the precision
/// used by gradient checks and parity tests. The elementary functions are static requirements
/// so that generic layer code calls the platform's `expf`/`exp` directly instead of a
/// generic fallback.
public protocol TensorScalar: BinaryFloatingPoint, _TensorKernels, _ElementwiseKernels, Sendable, Codable
where RawSignificand: FixedWidthInteger {
    /// e raised to `x`.
    static func exp(_ x: Self) -> Self
    /// `exp(x) - 1`, accurate for small `x`.
    static func expm1(_ x: Self) -> Self
    /// The natural logarithm of `x`.
    static func log(_ x: Self) -> Self
    /// `log(1 + x)`, accurate for small `x`.
    static func log1p(_ x: Self) -> Self
    /// The hyperbolic tangent of `x`.
    static func tanh(_ x: Self) -> Self
    /// The error function of `x`.
    static func erf(_ x: Self) -> Self
}

// File-scope wrappers: inside the conforming types an unqualified `exp` would name the
// static requirement itself, so the C library's functions are reached through these.
@inline(__always) private func libmExp(_ x: Float) -> Float { exp(x) }
@inline(__always) private func libmExp(_ x: Double) -> Double { exp(x) }
@inline(__always) private func libmExpm1(_ x: Float) -> Float { expm1(x) }
@inline(__always) private func libmExpm1(_ x: Double) -> Double { expm1(x) }
@inline(__always) private func libmLog(_ x: Float) -> Float { log(x) }
@inline(__always) private func libmLog(_ x: Double) -> Double { log(x) }
@inline(__always) private func libmLog1p(_ x: Float) -> Float { log1p(x) }
@inline(__always) private func libmLog1p(_ x: Double) -> Double { log1p(x) }
@inline(__always) private func libmTanh(_ x: Float) -> Float { tanh(x) }
@inline(__always) private func libmTanh(_ x: Double) -> Double { tanh(x) }
@inline(__always) private func libmErf(_ x: Float) -> Float { erf(x) }
@inline(__always) private func libmErf(_ x: Double) -> Double { erf(x) }

extension Float: TensorScalar {
    /// The C library's `exp`.
    public static func exp(_ x: Float) -> Float { libmExp(x) }
    /// The C library's `expm1`.
    public static func expm1(_ x: Float) -> Float { libmExpm1(x) }
    /// The C library's `log`.
    public static func log(_ x: Float) -> Float { libmLog(x) }
    /// The C library's `log1p`.
    public static func log1p(_ x: Float) -> Float { libmLog1p(x) }
    /// The C library's `tanh`.
    public static func tanh(_ x: Float) -> Float { libmTanh(x) }
    /// The C library's `erf`.
    public static func erf(_ x: Float) -> Float { libmErf(x) }
}

extension Double: TensorScalar {
    /// The C library's `exp`.
    public static func exp(_ x: Double) -> Double { libmExp(x) }
    /// The C library's `expm1`.
    public static func expm1(_ x: Double) -> Double { libmExpm1(x) }
    /// The C library's `log`.
    public static func log(_ x: Double) -> Double { libmLog(x) }
    /// The C library's `log1p`.
    public static func log1p(_ x: Double) -> Double { libmLog1p(x) }
    /// The C library's `tanh`.
    public static func tanh(_ x: Double) -> Double { libmTanh(x) }
    /// The C library's `erf`.
    public static func erf(_ x: Double) -> Double { libmErf(x) }
}
