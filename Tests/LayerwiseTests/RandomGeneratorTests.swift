import Layerwise
import Testing

@Suite struct RandomGeneratorTests {
    /// Seeding runs SplitMix64; its first outputs for seed 1234567 are the reference values
    /// published with the algorithm (Vigna, splitmix64.c).
    @Test func seedingIsSplitMix64() {
        let generator = RandomGenerator(seed: 1_234_567)
        #expect(
            generator.state
                == (6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
                    4_593_380_528_125_082_431))
    }

    /// xoshiro256** from the state (1, 2, 3, 4): the reference sequence of the algorithm
    /// (the first outputs follow from the update by hand: 1·5 rotated by 7, times 9, is 11520).
    @Test func drawsAreXoshiro256StarStar() {
        var generator = RandomGenerator(state: (1, 2, 3, 4))
        let draws = (0..<4).map { _ in generator.next() }
        #expect(draws == [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240])
    }

    @Test func copiesReplayTheSameSequence() {
        var original = RandomGenerator(seed: 42)
        _ = original.nextNormal()  // leaves a spare normal in the state
        var copy = original
        for _ in 0..<10 {
            #expect(original.nextNormal() == copy.nextNormal())
            #expect(original.nextUniform() == copy.nextUniform())
        }
    }

    @Test func differentSeedsGiveDifferentStreams() {
        var first = RandomGenerator(seed: 1)
        var second = RandomGenerator(seed: 2)
        #expect((0..<8).map { _ in first.next() } != (0..<8).map { _ in second.next() })
    }

    @Test func uniformDrawsLieInTheUnitIntervalWithMeanOneHalf() {
        var generator = RandomGenerator(seed: 3)
        let count = 100_000
        var sum = 0.0
        for _ in 0..<count {
            let u = generator.nextUniform()
            #expect(u >= 0 && u < 1)
            sum += u
        }
        // The mean of n uniforms has standard deviation 1/√(12n) ≈ 0.0009; allow 5σ.
        #expect(abs(sum / Double(count) - 0.5) < 0.0046)
    }

    @Test func normalDrawsHaveMeanZeroAndVarianceOne() {
        var generator = RandomGenerator(seed: 4)
        let count = 200_000
        var sum = 0.0
        var sumOfSquares = 0.0
        var beyondTwoSigma = 0
        for _ in 0..<count {
            let z = generator.nextNormal()
            sum += z
            sumOfSquares += z * z
            if abs(z) > 2 { beyondTwoSigma += 1 }
        }
        let mean = sum / Double(count)
        let variance = sumOfSquares / Double(count) - mean * mean
        // Standard errors: mean 1/√n ≈ 0.0022, variance √(2/n) ≈ 0.0032; allow 5σ.
        #expect(abs(mean) < 0.011)
        #expect(abs(variance - 1) < 0.016)
        // P(|Z| > 2) = 0.0455 (normal table); binomial standard error ≈ 0.00047.
        #expect(abs(Double(beyondTwoSigma) / Double(count) - 0.0455) < 0.0024)
    }

    @Test func tensorsDrawnWithTheSameSeedAreEqual() {
        var first = RandomGenerator(seed: 9)
        var second = RandomGenerator(seed: 9)
        let a = Tensor<Float>(randomNormal: [4, 5], using: &first)
        let b = Tensor<Float>(randomNormal: [4, 5], using: &second)
        #expect(a == b)
        let c = Tensor<Double>(randomUniform: [100], in: -2...3, using: &first)
        #expect(c.scalars.allSatisfy { $0 >= -2 && $0 < 3 })
    }
}
