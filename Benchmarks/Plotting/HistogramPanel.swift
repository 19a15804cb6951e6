/// One small histogram of a `HistogramGrid`: counts in equal-width bins over [lower, upper],
/// and a note printed in the panel (a standard deviation, a saturated fraction).
public struct HistogramPanel: Sendable {
    /// The lower edge of the first bin.
    public var lowerBound: Double
    /// The upper edge of the last bin.
    public var upperBound: Double
    /// The number of values in each bin, lowest bin first.
    public var counts: [Int]
    /// Text drawn in the top left corner of the panel, one entry per line.
    public var notes: [String]

    /// Creates a panel.
    ///
    /// - Parameters: The properties of the same names.
    /// - Precondition: lower < upper, at least one bin, no negative count.
    public init(lowerBound: Double, upperBound: Double, counts: [Int], notes: [String] = []) {
        precondition(lowerBound < upperBound, "HistogramPanel: empty range [\(lowerBound), \(upperBound)]")
        precondition(!counts.isEmpty && counts.allSatisfy { $0 >= 0 }, "HistogramPanel: counts \(counts)")
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.counts = counts
        self.notes = notes
    }

    /// The fraction of the binned values in each bin (all 0 if the panel is empty).
    public var fractions: [Double] {
        let total = counts.reduce(0, +)
        return counts.map { total == 0 ? 0 : Double($0) / Double(total) }
    }
}
