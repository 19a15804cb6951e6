#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

/// `base` raised to `exponent` with the C library's `pow`, as Python's `**` on floats computes
/// it: the step-level constants of the optimizers (β₁ᵗ, 0.96^(tψ)) are PyTorch's to the last bit.
func power(_ base: Double, _ exponent: Double) -> Double {
    pow(base, exponent)
}
