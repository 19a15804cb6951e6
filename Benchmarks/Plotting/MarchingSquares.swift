/// Contour lines of a function sampled on a grid, by marching squares.
///
/// The grid holds vᵢⱼ = f(xᵢ, yⱼ). In every cell the level c crosses an edge where one corner is
/// ≥ c and the other < c, at the point found by linear interpolation along the edge,
/// t = (c − v₀)/(v₁ − v₀). Two crossings give one segment; four (a saddle) give two, paired by
/// the value at the centre (the mean of the corners). For a function that is linear in each
/// cell the crossings lie exactly on the contour.
public enum MarchingSquares {
    /// The segments of the contour f = `level`.
    ///
    /// - Parameters:
    ///   - values: `values[j][i]` = f(xs[i], ys[j]); cells with a non-finite corner are skipped.
    ///   - xs: The grid's x coordinates, increasing.
    ///   - ys: The grid's y coordinates, increasing.
    ///   - level: The contour value c.
    /// - Returns: Segments in data coordinates, in no particular order.
    /// - Precondition: `values` has `ys.count` rows of `xs.count` values.
    /// - Complexity: O(xs.count × ys.count).
    public static func segments(
        values: [[Double]], xs: [Double], ys: [Double], level: Double
    ) -> [((Double, Double), (Double, Double))] {
        precondition(
            values.count == ys.count && values.allSatisfy { $0.count == xs.count },
            "MarchingSquares: the grid must be \(ys.count) rows of \(xs.count) values")
        var result: [((Double, Double), (Double, Double))] = []
        guard xs.count >= 2 && ys.count >= 2 else { return result }
        for j in 0..<(ys.count - 1) {
            for i in 0..<(xs.count - 1) {
                // Corners counter-clockwise from the bottom left: a, b, c, d.
                let corners = [
                    (xs[i], ys[j], values[j][i]), (xs[i + 1], ys[j], values[j][i + 1]),
                    (xs[i + 1], ys[j + 1], values[j + 1][i + 1]), (xs[i], ys[j + 1], values[j + 1][i]),
                ]
                guard corners.allSatisfy({ $0.2.isFinite }) else { continue }
                // Edges bottom (a–b), right (b–c), top (c–d), left (d–a): the crossing on each, if any.
                var crossings: [(Double, Double)?] = []
                for edge in 0..<4 {
                    let start = corners[edge]
                    let end = corners[(edge + 1) % 4]
                    if (start.2 >= level) != (end.2 >= level) {
                        let t = (level - start.2) / (end.2 - start.2)
                        crossings.append((start.0 + t * (end.0 - start.0), start.1 + t * (end.1 - start.1)))
                    } else {
                        crossings.append(nil)
                    }
                }
                let found = crossings.compactMap { $0 }
                if found.count == 2 {
                    result.append((found[0], found[1]))
                } else if found.count == 4 {
                    let center = corners.map(\.2).reduce(0, +) / 4
                    if (center >= level) == (corners[0].2 >= level) {
                        // a joins c through the centre: cut off b and d.
                        result.append((crossings[0]!, crossings[1]!))
                        result.append((crossings[2]!, crossings[3]!))
                    } else {
                        // Cut off a and c.
                        result.append((crossings[3]!, crossings[0]!))
                        result.append((crossings[1]!, crossings[2]!))
                    }
                }
            }
        }
        return result
    }
}
