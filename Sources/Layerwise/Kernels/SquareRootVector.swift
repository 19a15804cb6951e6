/// A SIMD vector whose lanes' square roots are taken in one instruction where there is one.
protocol SquareRootVector: SIMD where Scalar: FloatingPoint {
    /// The correctly rounded square root of every lane.
    func squareRootOfEachLane() -> Self
}

// `SIMD4<Float>.squareRoot()` takes the roots lane by lane (calls to `sqrtf`), and the loop
// vectorizer's cost model for SwiftPM's default x86-64 target (SSE2) rejects vector square
// roots, so on x86-64 the root comes from LLVM's generic vector intrinsic, called directly
// (`sqrtps`, `sqrtpd`). Measured here on the Adam update of the benchmark MLP's 235 k
// parameters (one thread): 300–330 µs with `sqrtps`; 660–670 µs with SIMD8 and eight inline
// `sqrtss`; 1050–1300 µs with `SIMD4.squareRoot()`; 1700–2150 µs for the plain scalar loop.

extension SIMD4: SquareRootVector where Scalar == Float {
    @inline(__always)
    func squareRootOfEachLane() -> SIMD4<Float> {
        #if arch(x86_64)
        llvmSquareRoot(self)
        #else
        squareRoot()
        #endif
    }
}

extension SIMD2: SquareRootVector where Scalar == Double {
    @inline(__always)
    func squareRootOfEachLane() -> SIMD2<Double> {
        #if arch(x86_64)
        llvmSquareRoot(self)
        #else
        squareRoot()
        #endif
    }
}

#if arch(x86_64)
/// LLVM's `llvm.sqrt` on four floats (only ever called directly: an intrinsic has no address).
@_silgen_name("llvm.sqrt.v4f32")
private func llvmSquareRoot(_ x: SIMD4<Float>) -> SIMD4<Float>

/// LLVM's `llvm.sqrt` on two doubles (only ever called directly: an intrinsic has no address).
@_silgen_name("llvm.sqrt.v2f64")
private func llvmSquareRoot(_ x: SIMD2<Double>) -> SIMD2<Double>
#endif
