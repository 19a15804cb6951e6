/// Counts of values in B equal-width bins over a fixed range.
///
/// With range [lo, hi] and B bins of width w = (hi − lo)/B, bin k (k = 0 … B − 1) covers
///
///     [lo + k·w, lo + (k + 1)·w)        and the last bin also includes hi,
///
/// so a value x in [lo, hi] lands in bin k = min(⌊(x − lo)/w⌋, B − 1). Values below lo or above
/// hi are not put into a bin but counted in `underflowCount` and `overflowCount`, so that no
/// outlier silently joins an edge bin; non-finite values (NaN, ±∞) are counted in
/// `nonFiniteCount`. A degenerate range (lo = hi, e.g. an all-zero tensor) is widened to
/// [lo − ½, lo + ½].
///
/// ```swift
/// let histogram = Histogram([0.1, 0.2, 0.6, 1.0], binCount: 2, range: 0...1)
/// histogram.counts          // [2, 2]: 0.1 and 0.2 in [0, 0.5), 0.6 and 1.0 in [0.5, 1]
/// ```
public struct Histogram: Sendable, Equatable {
    /// lo, the lower edge of the first bin.
    public let lowerBound: Double
    /// hi, the upper edge of the last bin (included in it).
    public let upperBound: Double
    /// The number of values in each bin, lowest bin first; `counts.count` is B.
    public let counts: [Int]
    /// The number of finite values below lo.
    public let underflowCount: Int
    /// The number of finite values above hi.
    public let overflowCount: Int
    /// The number of NaN and infinite values.
    public let nonFiniteCount: Int

    /// Sorts `values` into `binCount` equal bins over `range`.
    ///
    /// - Parameters:
    ///   - values: The values to count.
    ///   - binCount: B, the number of bins.
    ///   - range: [lo, hi]; widened to [lo − ½, lo + ½] when lo = hi.
    /// - Precondition: `binCount > 0` and the range's bounds are finite.
    /// - Complexity: O(number of values + B).
    public init(_ values: some Sequence<Double>, binCount: Int, range: ClosedRange<Double>) {
        checkPrecondition(binCount > 0, "Histogram: binCount must be positive, got \(binCount)")
        checkPrecondition(
            range.lowerBound.isFinite && range.upperBound.isFinite,
            "Histogram: the range must be finite, got \(range)")
        let (lower, upper) =
            range.lowerBound == range.upperBound
            ? (range.lowerBound - 0.5, range.upperBound + 0.5) : (range.lowerBound, range.upperBound)
        let width = (upper - lower) / Double(binCount)
        var counts = Array(repeating: 0, count: binCount)
        var underflow = 0
        var overflow = 0
        var nonFinite = 0
        for value in values {
            if !value.isFinite {
                nonFinite += 1
            } else if value < lower {
                underflow += 1
            } else if value > upper {
                overflow += 1
            } else {
                counts[min(Int((value - lower) / width), binCount - 1)] += 1
            }
        }
        self.lowerBound = lower
        self.upperBound = upper
        self.counts = counts
        self.underflowCount = underflow
        self.overflowCount = overflow
        self.nonFiniteCount = nonFinite
    }

    /// B, the number of bins.
    public var binCount: Int { counts.count }

    /// w = (hi − lo)/B.
    public var binWidth: Double { (upperBound - lowerBound) / Double(counts.count) }

    /// The edges of bin k: [lo + k·w, lo + (k + 1)·w].
    ///
    /// - Precondition: k is in `0..<binCount`.
    public func edges(ofBin k: Int) -> (lower: Double, upper: Double) {
        checkPrecondition(k >= 0 && k < counts.count, "Histogram: bin \(k) of \(counts.count)")
        return (lowerBound + Double(k) * binWidth, k == counts.count - 1 ? upperBound : lowerBound + Double(k + 1) * binWidth)
    }

    /// The number of values in the bins (not counting underflow, overflow and non-finite values).
    public var binnedCount: Int { counts.reduce(0, +) }
}
