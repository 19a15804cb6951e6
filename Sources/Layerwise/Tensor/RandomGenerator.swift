/// A seeded pseudo-random number generator that gives the same numbers on every platform.
///
/// The generator is xoshiro256** (Blackman and Vigna, 2018), seeded through SplitMix64.
/// Uniform numbers take the top 53 bits of a draw; normal numbers use Marsaglia's polar
/// method with a logarithm computed from IEEE arithmetic alone, so the sequence does not
/// depend on the platform's C library. Layerwise never uses a global source of randomness:
/// everything random takes a generator explicitly.
///
/// `RandomGenerator` is a value: copying it copies its state, and the copy then produces the
/// same sequence as the original. Gradient checks rely on this to replay a dropout mask.
public struct RandomGenerator: RandomNumberGenerator, Sendable, Hashable, Codable {
    /// The four words of xoshiro256** state.
    public private(set) var state: (UInt64, UInt64, UInt64, UInt64)
    /// The second normal number of the last polar-method pair, not yet returned.
    private var spareNormal: Double?

    /// Creates a generator whose sequence is determined by `seed`.
    public init(seed: UInt64) {
        var splitMix = seed
        func nextSplitMix() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (nextSplitMix(), nextSplitMix(), nextSplitMix(), nextSplitMix())
        spareNormal = nil
    }

    /// Restores a generator from a saved `state` (for example from a checkpoint).
    ///
    /// - Precondition: `state` is not all zeros.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        checkPrecondition(
            state != (0, 0, 0, 0), "RandomGenerator: the all-zero state is not a valid xoshiro256** state")
        self.state = state
        spareNormal = nil
    }

    /// Returns the next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, by: 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotateLeft(state.3, by: 45)
        return result
    }

    /// Returns a new generator seeded from this one's next draw, for an independent stream
    /// (for example the mask generator of a dropout layer).
    public mutating func split() -> RandomGenerator {
        RandomGenerator(seed: next())
    }

    /// Returns a number drawn uniformly from [0, 1), with 53 random bits.
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Returns a number drawn from the standard normal distribution N(0, 1).
    public mutating func nextNormal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        // Marsaglia's polar method: a point uniform in the unit disc gives two normals.
        while true {
            let u = 2 * nextUniform() - 1
            let v = 2 * nextUniform() - 1
            let s = u * u + v * v
            guard s > 0, s < 1 else { continue }
            let factor = (-2 * portableLog(s) / s).squareRoot()
            spareNormal = v * factor
            return u * factor
        }
    }

    /// Generators are equal when they will produce the same sequence.
    public static func == (lhs: RandomGenerator, rhs: RandomGenerator) -> Bool {
        lhs.state == rhs.state && lhs.spareNormal == rhs.spareNormal
    }

    /// Hashes the full state.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(state.0)
        hasher.combine(state.1)
        hasher.combine(state.2)
        hasher.combine(state.3)
        hasher.combine(spareNormal)
    }

    private enum CodingKeys: String, CodingKey { case state, spareNormal }

    /// Restores a generator saved with `encode(to:)`; rejects an all-zero state.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let words = try container.decode([UInt64].self, forKey: .state)
        guard words.count == 4, words != [0, 0, 0, 0] else {
            throw DecodingError.dataCorruptedError(
                forKey: .state, in: container,
                debugDescription: "RandomGenerator state must be four words, not all zero")
        }
        state = (words[0], words[1], words[2], words[3])
        spareNormal = try container.decodeIfPresent(Double.self, forKey: .spareNormal)
    }

    /// Saves the state words and any pending normal number.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode([state.0, state.1, state.2, state.3], forKey: .state)
        try container.encodeIfPresent(spareNormal, forKey: .spareNormal)
    }
}

@inline(__always)
private func rotateLeft(_ x: UInt64, by k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 - k))
}

/// The natural logarithm of a positive, finite `x`, from IEEE-754 operations only.
///
/// With `x = 2^e · m`, `m ∈ [√½, √2)`: `log x = e·ln 2 + 2·atanh(z)`, `z = (m − 1)/(m + 1)`,
/// `|z| ≤ 0.172`, and the atanh series `z + z³/3 + z⁵/5 + …` is summed until its terms no longer
/// change the result. Correctly rounded basic operations make the result identical on every
/// platform, which the C library's `log` does not promise.
func portableLog(_ x: Double) -> Double {
    var exponent = Double(x.exponent)
    var mantissa = x.significand  // in [1, 2)
    if mantissa > 1.4142135623730951 {
        mantissa /= 2
        exponent += 1
    }
    let z = (mantissa - 1) / (mantissa + 1)
    let z2 = z * z
    var term = z
    var series = 0.0
    var denominator = 1.0
    while true {
        let next = series + term / denominator
        if next == series { break }
        series = next
        term *= z2
        denominator += 2
    }
    return exponent * 0.6931471805599453 + 2 * series
}
