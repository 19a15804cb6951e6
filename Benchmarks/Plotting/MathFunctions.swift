#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// log₁₀ x.
func logarithm10(_ x: Double) -> Double { log10(x) }

/// 10ˣ.
func power10(_ x: Double) -> Double { pow(10, x) }

/// sin x.
func sine(_ x: Double) -> Double { sin(x) }

/// cos x.
func cosine(_ x: Double) -> Double { cos(x) }
