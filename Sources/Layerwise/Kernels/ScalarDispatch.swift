/// Which concrete type a generic `TensorScalar` is.
///
/// The library's mechanism for speed from generic code: a layer, loss or optimizer is written
/// once over `Scalar`, and each whole-buffer operation it performs asks `Scalar.concrete` once
/// (a comparison of type metadata, folded away in specialized code) and runs a loop written
/// for `Float` or for `Double` — a C kernel at the CPU's vector width, or a Swift loop
/// specialized for that type. Nothing per element goes through a protocol witness, whether the
/// caller is specialized or reaches the layer through `any Layer`, and no entry point of it is
/// public. See Docs/Architecture.md, "Speed from generic code".
enum ConcreteScalar {
    case float
    case double
}

extension TensorScalar {
    /// `Float` or `Double`; any other conforming type stops with a message.
    @inline(__always)
    static var concrete: ConcreteScalar {
        if Self.self == Float.self { return .float }
        if Self.self == Double.self { return .double }
        programmerError("Layerwise computes with Float and Double, not \(Self.self)")
    }
}

extension Array where Element: TensorScalar {
    /// The same array as `[T]`. - Precondition: `T` is `Element` (checked by the caller
    /// through `Element.concrete`).
    @inline(__always)
    func viewed<T: TensorScalar>(as _: T.Type) -> [T] {
        unsafeBitCast(self, to: [T].self)
    }

    /// Calls `body` with this array as an `inout [T]` (the same storage, written in place when
    /// uniquely referenced). - Precondition: `T` is `Element`.
    @inline(__always)
    mutating func withViewed<T: TensorScalar, Result>(as _: T.Type, _ body: (inout [T]) -> Result) -> Result {
        withUnsafeMutablePointer(to: &self) { pointer in
            pointer.withMemoryRebound(to: [T].self, capacity: 1) { body(&$0.pointee) }
        }
    }
}

extension TensorScalar {
    /// The value as `T`. - Precondition: `T` is `Self`.
    @inline(__always)
    func viewed<T: TensorScalar>(as _: T.Type) -> T {
        unsafeBitCast(self, to: T.self)
    }
}
