/// One evaluation point of a gradient check: element `element` of checked tensor `tensor`
/// replaced by `value`, everything else as given.
struct Perturbation<Scalar: TensorScalar> {
    /// The position of the tensor in the check's list (the input first, then parameters).
    var tensor: Int
    /// The row-major position of the element.
    var element: Int
    /// The value the element takes.
    var value: Scalar
}
