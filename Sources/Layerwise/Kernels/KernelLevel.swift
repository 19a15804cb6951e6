import _LayerwiseKernels

/// The instruction-set level every C kernel of the library runs at: the GEMM's choice
/// (`_GEMMKernel.best`), made once per process from the CPU.
enum KernelLevel {
    static var current: LWKKernel { _GEMMKernel.best.cKernel }
}
