extension Layer {
    /// Sets one element of the parameter at position `parameter` (in `visitParameters`
    /// order) to `value`.
    mutating func setParameterElement(_ element: Int, of parameter: Int, to value: Scalar) {
        var index = 0
        visitParameters { visited in
            if index == parameter {
                visited.value.scalars[element] = value
            }
            index += 1
        }
    }
}
