/// The packing buffers of one thread of the GEMM: a packed block of A and one of B.
///
/// Owned by one thread at a time; grows on first use and is then reused, so steady-state
/// products do not allocate.
final class GEMMWorkspace: @unchecked Sendable {
    private(set) var packedA: UnsafeMutablePointer<Float>
    private(set) var packedB: UnsafeMutablePointer<Float>
    private var capacityA = 0
    private var capacityB = 0

    init() {
        packedA = Self.allocate(0)
        packedB = Self.allocate(0)
    }

    deinit {
        packedA.deallocate()
        packedB.deallocate()
    }

    /// Makes room for `countA` packed floats of A and `countB` of B.
    func reserve(a countA: Int, b countB: Int) {
        if countA > capacityA {
            packedA.deallocate()
            packedA = Self.allocate(countA)
            capacityA = countA
        }
        if countB > capacityB {
            packedB.deallocate()
            packedB = Self.allocate(countB)
            capacityB = countB
        }
    }

    /// 64-byte aligned storage (one cache line, one AVX-512 vector).
    private static func allocate(_ count: Int) -> UnsafeMutablePointer<Float> {
        UnsafeMutableRawPointer.allocate(
            byteCount: max(count, 16) * MemoryLayout<Float>.stride, alignment: 64
        ).bindMemory(to: Float.self, capacity: max(count, 16))
    }
}
