import _BenchmarkPlotting

/// Number formats of the tables and the report.
enum Formatting {
    /// A learning rate: "1e-3", "3.16e-3", "0.01"… in compact form.
    static func rate(_ value: Double) -> String {
        NumberFormatting.compact(value)
    }

    /// A fraction as a percentage with `decimals` decimals: "97.5 %".
    static func percent(_ value: Double?, decimals: Int = 1) -> String {
        guard let value, value.isFinite else { return "—" }
        return NumberFormatting.decimal(value * 100, decimals: decimals) + " %"
    }

    /// Mean ± std as percentages: "97.50 ± 0.42 %", or "97.50 %" with one value.
    static func percentMeanStd(_ statistics: SampleStatistics?) -> String {
        guard let statistics, statistics.count > 0, statistics.mean.isFinite else { return "—" }
        let mean = NumberFormatting.decimal(statistics.mean * 100, decimals: 2)
        guard let std = statistics.standardDeviation else { return mean + " %" }
        return mean + " ± " + NumberFormatting.decimal(std * 100, decimals: 2) + " %"
    }

    /// Mean ± std in compact form: "0.0123 ± 0.0011".
    static func meanStd(_ statistics: SampleStatistics) -> String {
        guard statistics.count > 0 else { return "—" }
        let mean = compact(statistics.mean)
        guard let std = statistics.standardDeviation, statistics.mean.isFinite else { return mean }
        return mean + " ± " + compact(std)
    }

    /// A number in compact form, "—" for NaN, "∞" for infinity.
    static func compact(_ value: Double) -> String {
        if value.isNaN { return "—" }
        if value.isInfinite { return value > 0 ? "∞" : "−∞" }
        return NumberFormatting.compact(value)
    }

    /// Seconds with two decimals, or more significant digits below 0.1 s.
    static func seconds(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        return value >= 0.1 ? NumberFormatting.decimal(value, decimals: 2) : NumberFormatting.compact(value)
    }

    /// A duration as "4 min 12 s" or "38.2 s".
    static func duration(_ value: Double) -> String {
        guard value >= 60 else { return NumberFormatting.decimal(value, decimals: 1) + " s" }
        let total = Int(value.rounded())
        return "\(total / 60) min \(total % 60) s"
    }
}
