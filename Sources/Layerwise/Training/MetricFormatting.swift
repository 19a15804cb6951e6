// Number formatting for the metrics' descriptions, without Foundation.

/// A fraction as a percentage with two decimals ("97.50 %"), or "–" for NaN.
func formatPercent(_ fraction: Double, decimals: Int = 2) -> String {
    guard fraction.isFinite else { return "–" }
    return formatFixed(100 * fraction, decimals: decimals) + " %"
}

/// `value` rounded to `decimals` decimals, without Foundation ("3.14").
func formatFixed(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return "\(value)" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    let integerPart = Int(scaled / scale)
    let fractionPart = Int(scaled - Double(integerPart) * scale)
    let sign = value < 0 && scaled != 0 ? "-" : ""
    guard decimals > 0 else { return "\(sign)\(integerPart)" }
    let digits = String(fractionPart)
    return "\(sign)\(integerPart)." + String(repeating: "0", count: decimals - digits.count) + digits
}
