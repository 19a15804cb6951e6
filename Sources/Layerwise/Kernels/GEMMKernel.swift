import _LayerwiseKernels

/// A single-precision GEMM micro-kernel: an implementation detail, public (underscored) so
/// that tests can check every kernel this CPU can run against a reference.
///
/// `Tensor.matmul` uses ``best``. Each kernel computes an `rows × columns` tile of C from
/// packed panels of A and B; the C target `_LayerwiseKernels` holds the kernels and their
/// packing, this type chooses one and knows its tile and cache blocking.
public enum _GEMMKernel: Int, CaseIterable, Sendable, CustomStringConvertible {
    /// Plain C, vectorized by the compiler for the baseline target; runs everywhere.
    case portable
    /// x86-64 AVX2 with FMA, a 6×16 tile.
    case avx2
    /// x86-64 AVX-512F with FMA, a 6×64 tile.
    case avx512
    /// arm64 Advanced SIMD, a 4×16 tile.
    case neon

    /// Whether this CPU (and this build) can run the kernel.
    public var isAvailable: Bool { lwk_kernel_is_available(cKernel) != 0 }

    /// The kernels this CPU can run.
    public static var available: [_GEMMKernel] { allCases.filter(\.isAvailable) }

    /// The fastest kernel this CPU can run, chosen once per process.
    public static let best: _GEMMKernel = {
        for kernel in [_GEMMKernel.avx512, .neon, .avx2] where kernel.isAvailable { return kernel }
        return .portable
    }()

    /// The kernel's name, for test and benchmark output.
    public var description: String {
        switch self {
        case .portable: "portable"
        case .avx2: "AVX2"
        case .avx512: "AVX-512"
        case .neon: "NEON"
        }
    }

    /// The kernel's identifier in the C target.
    var cKernel: LWKKernel { LWKKernel(rawValue: UInt32(rawValue)) }

    /// Rows of C per micro-kernel call (MR).
    var tileRows: Int { lwk_kernel_rows(cKernel) }

    /// Columns of C per micro-kernel call (NR).
    var tileColumns: Int { lwk_kernel_columns(cKernel) }

    /// Whether products with at most 16 columns have their own kernel (`computeNarrow`).
    var hasNarrowKernel: Bool { lwk_narrow_is_available(cKernel) != 0 }

    /// The cache blocking that suits the kernel's tile.
    var blocking: GEMMBlocking {
        switch self {
        case .avx512: GEMMBlocking(maximumDepth: 384, maximumRows: 96, maximumColumns: 1024)
        case .avx2: GEMMBlocking(maximumDepth: 256, maximumRows: 72, maximumColumns: 1024)
        case .neon, .portable: GEMMBlocking(maximumDepth: 256, maximumRows: 64, maximumColumns: 1024)
        }
    }
}
