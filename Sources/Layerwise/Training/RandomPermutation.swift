/// Random orders for shuffling and splitting, from the generator's 64-bit draws alone, so that a
/// seed gives the same order on every platform and with every standard library (the standard
/// library's `shuffle(using:)` does not promise a fixed algorithm).
extension RandomGenerator {
    /// A number drawn uniformly from `0..<bound`, without modulo bias.
    ///
    /// Lemire's multiply-and-reject method: the high word of draw × bound, rejecting the draws
    /// whose low word falls below 2⁶⁴ mod bound.
    ///
    /// - Precondition: `bound > 0`.
    mutating func nextIndex(below bound: Int) -> Int {
        checkPrecondition(bound > 0, "RandomGenerator: the bound must be positive, got \(bound)")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// A uniform random permutation of `0..<count` (Fisher–Yates, last position first).
    ///
    /// - Complexity: O(count), about count − 1 draws.
    mutating func permutation(_ count: Int) -> [Int] {
        var order = Array(0..<count)
        var position = count - 1
        while position > 0 {
            order.swapAt(position, nextIndex(below: position + 1))
            position -= 1
        }
        return order
    }
}
