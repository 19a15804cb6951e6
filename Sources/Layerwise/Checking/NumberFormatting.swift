/// Plain-Swift number formatting for gradient-check reports (the library does not import
/// Foundation).
enum NumberFormatting {
    /// `x` in scientific notation with `digits` digits after the point: `1.23e-04`.
    static func scientific(_ x: Double, digits: Int = 2) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == 0 { return "0" }
        let sign = x < 0 ? "-" : ""
        let magnitude = x.magnitude
        var exponent = Int(Double.log(magnitude) / Double.log(10)).advanced(by: magnitude < 1 ? -1 : 0)
        var unit = 1
        for _ in 0..<digits { unit *= 10 }
        var units = Int((scaled(magnitude, exponent) * Double(unit)).rounded())
        while units >= 10 * unit {
            exponent += 1
            units = Int((scaled(magnitude, exponent) * Double(unit)).rounded())
        }
        while units < unit {
            exponent -= 1
            units = Int((scaled(magnitude, exponent) * Double(unit)).rounded())
        }
        var fraction = String(units % unit)
        while fraction.count < digits { fraction = "0" + fraction }
        let exponentDigits = exponent.magnitude < 10 ? "0\(exponent.magnitude)" : "\(exponent.magnitude)"
        let point = digits > 0 ? "." + fraction : ""
        return "\(sign)\(units / unit)\(point)e\(exponent < 0 ? "-" : "+")\(exponentDigits)"
    }

    /// x / 10ⁿ, without overflow of 10ⁿ for subnormal or huge `x`.
    private static func scaled(_ x: Double, _ n: Int) -> Double {
        var x = x
        var n = n
        while n < -200 {
            x *= 1e100
            n += 100
        }
        while n > 200 {
            x /= 1e100
            n -= 100
        }
        return x / powerOfTen(n)
    }

    /// 10ⁿ, exact for |n| ≤ 22.
    private static func powerOfTen(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<n.magnitude { result *= 10 }
        return n < 0 ? 1 / result : result
    }

    /// The rows as a table with left-aligned columns separated by two spaces.
    static func table(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columns)
        for row in rows {
            for (column, cell) in row.enumerated() {
                widths[column] = max(widths[column], cell.count)
            }
        }
        return rows.map { row in
            var line = ""
            for (column, cell) in row.enumerated() {
                let isLast = column == row.count - 1
                line += isLast ? cell : cell + String(repeating: " ", count: widths[column] - cell.count + 2)
            }
            return line
        }.joined(separator: "\n")
    }
}
