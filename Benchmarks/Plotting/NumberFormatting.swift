/// Number formatting for SVG coordinates and axis labels, without Foundation.
public enum NumberFormatting {
    /// `value` rounded to `decimals` digits after the point, written without an exponent:
    /// `decimal(3.14159, decimals: 2)` is "3.14", `decimal(-0.5, decimals: 0)` is "-1"
    /// (rounding half away from zero), `decimal(2, decimals: 3)` is "2.000".
    ///
    /// - Parameters:
    ///   - value: A finite number with |value| < 10¹⁵.
    ///   - decimals: The number of digits after the point, 0 … 12.
    /// - Returns: The digits; "nan", "inf" or "-inf" for a non-finite value.
    public static func decimal(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        let decimals = max(0, min(decimals, 12))
        var factor = 1.0
        for _ in 0..<decimals { factor *= 10 }
        let scaled = (abs(value) * factor).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return "\(value)" }
        let digits = UInt64(scaled)
        let unit = UInt64(factor)
        let whole = digits / unit
        var text = (value < 0 && digits != 0 ? "-" : "") + String(whole)
        if decimals > 0 {
            let fraction = String(digits % unit)
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return text
    }

    /// A coordinate with at most two decimals and no trailing zeros: 12.5, 3, -0.25.
    ///
    /// - Parameter value: A finite coordinate.
    /// - Returns: The shortest of `decimal(value, decimals: 2)` with trailing zeros removed.
    public static func coordinate(_ value: Double) -> String {
        trimmed(decimal(value, decimals: 2))
    }

    /// `text` without trailing zeros after a decimal point, and without a trailing point.
    static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var result = Substring(text)
        while result.hasSuffix("0") { result = result.dropLast() }
        if result.hasSuffix(".") { result = result.dropLast() }
        return result == "-0" ? "0" : String(result)
    }

    /// A tick label for a value on an axis whose ticks are `step` apart: as many decimals as
    /// the step needs (step 0.25 → 2 decimals, step 5 → none).
    ///
    /// - Parameters:
    ///   - value: The tick's value.
    ///   - step: The distance between ticks (> 0).
    /// - Returns: "0.25", "10", "-1.5".
    public static func tick(_ value: Double, step: Double) -> String {
        var decimals = 0
        var scaled = step
        while decimals < 8 && abs(scaled - scaled.rounded()) > 1e-9 * max(1, abs(scaled)) {
            scaled *= 10
            decimals += 1
        }
        return trimmed(decimal(value, decimals: decimals))
    }

    /// A compact number for tables and legends: 3 significant digits, in scientific notation
    /// below 0.001 and from 10⁶ on: 0.00316 → "3.16e-3", 0.1 → "0.1", 12.5 → "12.5".
    ///
    /// - Parameter value: Any number.
    /// - Returns: The text; "nan", "inf" or "-inf" for non-finite values.
    public static func compact(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        var exponent = 0
        var mantissa = magnitude
        while mantissa >= 10 { mantissa /= 10; exponent += 1 }
        while mantissa < 1 { mantissa *= 10; exponent -= 1 }
        // Rounding to 3 significant digits may carry into the next power of ten.
        if (mantissa * 100).rounded() >= 1000 { mantissa /= 10; exponent += 1 }
        let sign = value < 0 ? "-" : ""
        if exponent < -3 || exponent >= 6 {
            return sign + trimmed(decimal(mantissa, decimals: 2)) + "e" + String(exponent)
        }
        return sign + trimmed(decimal(magnitude, decimals: max(0, 2 - exponent)))
    }
}
