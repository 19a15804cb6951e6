/// The packing buffers of one thread of the GEMM: a packed block of A and one of B.
///
/// Owned by one thread at a time; grows on first use and is then reused, so steady-state
/// products do not allocate. The pool's workspaces are created with room for the largest
/// blocks of the AVX-512 kernel's blocking: a worker that computes its first part after the
/// warm-up of a training run (which parts it claims depends on timing) then does not allocate
/// in the middle of it.
final class GEMMWorkspace: @unchecked Sendable {
    private(set) var packedA: UnsafeMutablePointer<Float>
    private(set) var packedB: UnsafeMutablePointer<Float>
    private var capacityA = 0
    private var capacityB = 0
    /// The least capacities of a growth: the initial capacities, or 0 for exact growth.
    private let minimumCapacityA: Int
    private let minimumCapacityB: Int

    /// - Parameter reservesFullBlocks: Whether the workspace starts with room for the AVX-512
    ///   kernel's largest blocks (for the pool's long-lived workspaces), or grows only as
    ///   products need (for a workspace used once).
    init(reservesFullBlocks: Bool) {
        minimumCapacityA = reservesFullBlocks ? Self.initialCapacityA : 0
        minimumCapacityB = reservesFullBlocks ? Self.initialCapacityB : 0
        packedA = Self.allocate(minimumCapacityA)
        packedB = Self.allocate(minimumCapacityB)
        capacityA = minimumCapacityA
        capacityB = minimumCapacityB
    }

    deinit {
        packedA.deallocate()
        packedB.deallocate()
    }

    /// Floats of A and of B a workspace that reserves full blocks starts with: one MC × KC
    /// block of A and one KC × NC block of B for the AVX-512 kernel (96 × 384 and 384 × 1024,
    /// 1.7 MB of address space, of which only what products use is ever touched).
    static let initialCapacityA = 96 * 384
    static let initialCapacityB = 384 * 1024

    /// Makes room for `countA` packed floats of A and `countB` of B.
    func reserve(a countA: Int, b countB: Int) {
        if countA > capacityA {
            let capacity = max(countA, minimumCapacityA)
            packedA.deallocate()
            packedA = Self.allocate(capacity)
            capacityA = capacity
        }
        if countB > capacityB {
            let capacity = max(countB, minimumCapacityB)
            packedB.deallocate()
            packedB = Self.allocate(capacity)
            capacityB = capacity
        }
    }

    /// 64-byte aligned storage (one cache line, one AVX-512 vector).
    private static func allocate(_ count: Int) -> UnsafeMutablePointer<Float> {
        UnsafeMutableRawPointer.allocate(
            byteCount: max(count, 16) * MemoryLayout<Float>.stride, alignment: 64
        ).bindMemory(to: Float.self, capacity: max(count, 16))
    }
}
