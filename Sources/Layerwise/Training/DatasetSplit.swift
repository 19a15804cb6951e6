/// Seeded train/validation splits.
extension Dataset {
    /// Splits the examples at random into a training part and a validation part of
    /// `validationCount` examples.
    ///
    /// The validation examples are the first `validationCount` of a random permutation drawn
    /// from `generator`; both parts keep the examples in their original relative order. The
    /// same seed gives the same split.
    ///
    /// - Parameters:
    ///   - validationCount: The number of validation examples.
    ///   - generator: The source of the permutation.
    /// - Returns: `training` (N − validationCount examples) and `validation`.
    /// - Precondition: 0 ≤ `validationCount` ≤ N.
    public func split(
        validationCount: Int, using generator: inout RandomGenerator
    ) -> (training: Dataset, validation: Dataset) {
        checkPrecondition(
            validationCount >= 0 && validationCount <= count,
            "Dataset.split: validationCount must be in 0...\(count), got \(validationCount)")
        let order = generator.permutation(count)
        return parts(validation: Set(order.prefix(validationCount)))
    }

    /// Splits the examples at random, with ⌈fraction · N⌉ of them for validation (the rounding
    /// of scikit-learn's `train_test_split`: 0.2 of 1797 examples is 360).
    ///
    /// - Parameters:
    ///   - validationFraction: The fraction of examples for validation, in [0, 1].
    ///   - generator: The source of the permutation.
    /// - Returns: `training` and `validation`, as `split(validationCount:using:)`.
    /// - Precondition: 0 ≤ `validationFraction` ≤ 1.
    public func split(
        validationFraction: Double, using generator: inout RandomGenerator
    ) -> (training: Dataset, validation: Dataset) {
        split(validationCount: validationCount(fraction: validationFraction), using: &generator)
    }

    /// ⌈fraction · N⌉.
    func validationCount(fraction: Double) -> Int {
        checkPrecondition(
            fraction >= 0 && fraction <= 1, "Dataset.split: validationFraction must be in [0, 1], got \(fraction)")
        return Int((fraction * Double(count)).rounded(.up))
    }

    /// The examples in `validation` and the others, each in their original order.
    func parts(validation: Set<Int>) -> (training: Dataset, validation: Dataset) {
        let indices = 0..<count
        return (
            subset(indices.filter { !validation.contains($0) }),
            subset(indices.filter { validation.contains($0) })
        )
    }
}

extension Dataset where Target == [Int] {
    /// Splits the examples at random so that each class is represented in the validation part
    /// in proportion to its size.
    ///
    /// With nᶜ examples of class c among N, class c gets ⌊V·nᶜ/N⌋ of the V validation examples;
    /// the examples still missing go, one each, to the classes with the largest remainders
    /// V·nᶜ/N − ⌊V·nᶜ/N⌋ (the smaller class index first on ties). Within each class the
    /// validation examples are the first of a random permutation drawn from `generator`,
    /// classes taken in increasing order. Both parts keep the original relative order.
    ///
    /// - Parameters:
    ///   - validationCount: V, the number of validation examples.
    ///   - generator: The source of the permutations.
    /// - Returns: `training` (N − V examples) and `validation` (V examples).
    /// - Precondition: 0 ≤ V ≤ N and every label is ≥ 0.
    public func stratifiedSplit(
        validationCount: Int, using generator: inout RandomGenerator
    ) -> (training: Dataset, validation: Dataset) {
        checkPrecondition(
            validationCount >= 0 && validationCount <= count,
            "Dataset.stratifiedSplit: validationCount must be in 0...\(count), got \(validationCount)")
        checkPrecondition(labels.allSatisfy { $0 >= 0 }, "Dataset.stratifiedSplit: labels must be ≥ 0")
        let classCount = (labels.max() ?? -1) + 1
        var members = [[Int]](repeating: [], count: classCount)
        for (index, label) in labels.enumerated() { members[label].append(index) }

        // Quotas V·nᶜ/N by the largest-remainder method, in exact integer arithmetic.
        var quotas = members.map { validationCount * $0.count / Swift.max(count, 1) }
        let remainders = members.map { validationCount * $0.count % Swift.max(count, 1) }
        let missing = validationCount - quotas.reduce(0, +)
        let byRemainder = quotas.indices.sorted { remainders[$0] > remainders[$1] || (remainders[$0] == remainders[$1] && $0 < $1) }
        for label in byRemainder.prefix(missing) { quotas[label] += 1 }

        var validation = Set<Int>()
        for label in members.indices {
            let order = generator.permutation(members[label].count)
            for position in order.prefix(quotas[label]) { validation.insert(members[label][position]) }
        }
        return parts(validation: validation)
    }

    /// Splits the examples at random and by class, with ⌈fraction · N⌉ of them for validation.
    ///
    /// - Parameters:
    ///   - validationFraction: The fraction of examples for validation, in [0, 1].
    ///   - generator: The source of the permutations.
    /// - Returns: `training` and `validation`, as `stratifiedSplit(validationCount:using:)`.
    /// - Precondition: 0 ≤ `validationFraction` ≤ 1 and every label is ≥ 0.
    public func stratifiedSplit(
        validationFraction: Double, using generator: inout RandomGenerator
    ) -> (training: Dataset, validation: Dataset) {
        stratifiedSplit(validationCount: validationCount(fraction: validationFraction), using: &generator)
    }
}
