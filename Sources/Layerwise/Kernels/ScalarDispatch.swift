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

/// Calls `body` with `value` viewed as `Concrete`: the same type with its scalar parameter
/// spelled out (`BatchNorm<Float>` for a `BatchNorm<Scalar>` whose `Scalar` is `Float`), so
/// that the generic code `body` calls is compiled specialized for that type.
/// - Precondition: `Value` is `Concrete`.
@inline(__always)
func withSpecialized<Value, Concrete, Result>(
    _ value: inout Value, as _: Concrete.Type, _ body: (inout Concrete) -> Result
) -> Result {
    checkPrecondition(Value.self == Concrete.self, "withSpecialized: \(Value.self) is not \(Concrete.self)")
    return withUnsafeMutablePointer(to: &value) { pointer in
        pointer.withMemoryRebound(to: Concrete.self, capacity: 1) { body(&$0.pointee) }
    }
}

/// `value` as `Concrete`, the same type spelled with its scalar. - Precondition: `Value` is `Concrete`.
@inline(__always)
func specialized<Value, Concrete>(_ value: Value, as _: Concrete.Type) -> Concrete {
    checkPrecondition(Value.self == Concrete.self, "specialized: \(Value.self) is not \(Concrete.self)")
    return unsafeBitCast(value, to: Concrete.self)
}

extension Layer {
    /// Runs a layer's tensor-to-tensor pass specialized: `float` on this layer viewed as its
    /// `Float` type `FloatLayer` when `Scalar` is `Float`, `double` likewise, each a call of
    /// the same generic method that the compiler then specializes. Layers call it from
    /// `forward` and `backward`, so that their math runs concrete code also when reached
    /// through `any Layer` from another module.
    @inline(__always)
    mutating func specializedPass<FloatLayer, DoubleLayer>(
        _ input: Tensor<Scalar>, as _: FloatLayer.Type, _: DoubleLayer.Type,
        float: (inout FloatLayer, Tensor<Float>) -> Tensor<Float>,
        double: (inout DoubleLayer, Tensor<Double>) -> Tensor<Double>
    ) -> Tensor<Scalar> {
        switch Scalar.concrete {
        case .float:
            let output = withSpecialized(&self, as: FloatLayer.self) { float(&$0, specialized(input, as: Tensor<Float>.self)) }
            return specialized(output, as: Tensor<Scalar>.self)
        case .double:
            let output = withSpecialized(&self, as: DoubleLayer.self) { double(&$0, specialized(input, as: Tensor<Double>.self)) }
            return specialized(output, as: Tensor<Scalar>.self)
        }
    }
}

extension Loss {
    /// Evaluates a tensor-target loss specialized: `float` on this loss viewed as its `Float`
    /// type when `Scalar` is `Float`, `double` likewise (see `Layer.specializedPass`).
    @inline(__always)
    func specializedLoss<FloatLoss, DoubleLoss>(
        _ prediction: Tensor<Scalar>, _ target: Tensor<Scalar>, _ gradient: inout Tensor<Scalar>,
        as _: FloatLoss.Type, _: DoubleLoss.Type,
        float: (FloatLoss, Tensor<Float>, Tensor<Float>, inout Tensor<Float>) -> Float,
        double: (DoubleLoss, Tensor<Double>, Tensor<Double>, inout Tensor<Double>) -> Double
    ) -> Scalar {
        switch Scalar.concrete {
        case .float:
            let value = withSpecialized(&gradient, as: Tensor<Float>.self) {
                float(specialized(self, as: FloatLoss.self), specialized(prediction, as: Tensor<Float>.self),
                    specialized(target, as: Tensor<Float>.self), &$0)
            }
            return specialized(value, as: Scalar.self)
        case .double:
            let value = withSpecialized(&gradient, as: Tensor<Double>.self) {
                double(specialized(self, as: DoubleLoss.self), specialized(prediction, as: Tensor<Double>.self),
                    specialized(target, as: Tensor<Double>.self), &$0)
            }
            return specialized(value, as: Scalar.self)
        }
    }
}

extension Optimizer {
    /// Runs an optimizer's update specialized: `float` on this optimizer viewed as its `Float`
    /// type `FloatRule` (with the buffers and the state viewed likewise) when `Scalar` is
    /// `Float`, `double` likewise. Built-in optimizers call it from `update`, so their loops
    /// run concrete code whoever calls `step`.
    @inline(__always)
    func specializedUpdate<FloatRule: Optimizer<Float>, DoubleRule: Optimizer<Double>>(
        _ value: inout [Scalar], _ gradient: [Scalar], _ state: inout State,
        as _: FloatRule.Type, _: DoubleRule.Type,
        float: (FloatRule, inout [Float], [Float], inout FloatRule.State) -> Void,
        double: (DoubleRule, inout [Double], [Double], inout DoubleRule.State) -> Void
    ) {
        switch Scalar.concrete {
        case .float:
            let rule = specialized(self, as: FloatRule.self)
            let gradient = gradient.viewed(as: Float.self)
            withSpecialized(&value, as: [Float].self) { value in
                withSpecialized(&state, as: FloatRule.State.self) { state in float(rule, &value, gradient, &state) }
            }
        case .double:
            let rule = specialized(self, as: DoubleRule.self)
            let gradient = gradient.viewed(as: Double.self)
            withSpecialized(&value, as: [Double].self) { value in
                withSpecialized(&state, as: DoubleRule.State.self) { state in double(rule, &value, gradient, &state) }
            }
        }
    }
}
