/// Counts of (actual class, predicted class) pairs, with per-class precision and recall.
///
/// Entry (a, p) is the number of examples of class a predicted as class p (rows: actual class,
/// columns: predicted class, as in scikit-learn). The diagonal holds the correct predictions.
/// For class c, with TPᶜ = entry (c, c):
///
///     precision(c) = TPᶜ / Σₐ entry(a, c)      (of the examples predicted c, the share that is c)
///     recall(c)    = TPᶜ / Σₚ entry(c, p)      (of the examples of class c, the share found)
///     accuracy     = Σ_c TPᶜ / Σ all entries
///
/// ```swift
/// var confusion = ConfusionMatrix(classCount: 10)
/// for (input, labels) in test.batches(size: 256) {
///     confusion.add(logits: model.predict(input), labels: labels)
/// }
/// print(confusion)            // the table, with recall per row and precision per column
/// ```
public struct ConfusionMatrix: Sendable, Equatable, CustomStringConvertible {
    /// C, the number of classes.
    public let classCount: Int
    /// The C × C counts, row-major: `counts[actual * classCount + predicted]`.
    public private(set) var counts: [Int]

    /// An empty matrix for classes `0..<classCount`.
    ///
    /// - Precondition: `classCount > 0`.
    public init(classCount: Int) {
        checkPrecondition(classCount > 0, "ConfusionMatrix: classCount must be positive, got \(classCount)")
        self.classCount = classCount
        counts = Array(repeating: 0, count: classCount * classCount)
    }

    /// A matrix counting the given predictions.
    ///
    /// - Parameters:
    ///   - predictions: The predicted class of every example.
    ///   - labels: The actual class of every example.
    ///   - classCount: C.
    /// - Precondition: equal lengths; every class in `0..<classCount`.
    public init(predictions: [Int], labels: [Int], classCount: Int) {
        self.init(classCount: classCount)
        add(predictions: predictions, labels: labels)
    }

    /// The number of examples of class `actual` predicted as `predicted`.
    ///
    /// - Precondition: both classes are in `0..<classCount`.
    public subscript(actual actual: Int, predicted predicted: Int) -> Int {
        requireClass(actual)
        requireClass(predicted)
        return counts[actual * classCount + predicted]
    }

    /// Counts one example.
    ///
    /// - Parameters:
    ///   - predicted: The predicted class.
    ///   - actual: The actual class.
    /// - Precondition: both classes are in `0..<classCount`.
    public mutating func add(predicted: Int, actual: Int) {
        requireClass(actual)
        requireClass(predicted)
        counts[actual * classCount + predicted] += 1
    }

    /// Counts a batch of predictions.
    ///
    /// - Parameters:
    ///   - predictions: The predicted class of every example.
    ///   - labels: The actual class of every example.
    /// - Precondition: equal lengths; every class in `0..<classCount`.
    public mutating func add(predictions: [Int], labels: [Int]) {
        checkPrecondition(
            predictions.count == labels.count,
            "ConfusionMatrix: \(predictions.count) predictions for \(labels.count) labels")
        for (predicted, actual) in zip(predictions, labels) {
            add(predicted: predicted, actual: actual)
        }
    }

    /// Counts a batch of logits: the predicted class of a row is its largest element.
    ///
    /// - Parameters:
    ///   - logits: `[N, classCount]` scores.
    ///   - labels: N actual classes.
    /// - Precondition: `logits` is `[labels.count, classCount]`.
    public mutating func add<Scalar: TensorScalar>(logits: Tensor<Scalar>, labels: [Int]) {
        checkPrecondition(
            logits.shape == [labels.count, classCount],
            "ConfusionMatrix: logits of shape \(logits.shape) for \(labels.count) labels and \(classCount) classes")
        add(predictions: logits.argmaxPerRow(), labels: labels)
    }

    /// The number of examples counted.
    public var total: Int { counts.reduce(0, +) }

    /// The number of correct predictions, Σ_c entry(c, c).
    public var correctCount: Int {
        (0..<classCount).reduce(0) { $0 + counts[$1 * classCount + $1] }
    }

    /// The fraction of correct predictions; NaN when nothing was counted.
    public var accuracy: Double {
        Double(correctCount) / Double(total)
    }

    /// The number of examples of class `actual` (the row sum).
    ///
    /// - Precondition: `actual` is in `0..<classCount`.
    public func actualCount(ofClass actual: Int) -> Int {
        requireClass(actual)
        return counts[actual * classCount..<(actual + 1) * classCount].reduce(0, +)
    }

    /// The number of examples predicted as class `predicted` (the column sum).
    ///
    /// - Precondition: `predicted` is in `0..<classCount`.
    public func predictedCount(ofClass predicted: Int) -> Int {
        requireClass(predicted)
        return (0..<classCount).reduce(0) { $0 + counts[$1 * classCount + predicted] }
    }

    /// TPᶜ / (examples predicted as c), or nil when no example was predicted as c.
    ///
    /// - Precondition: `label` is in `0..<classCount`.
    public func precision(ofClass label: Int) -> Double? {
        let predicted = predictedCount(ofClass: label)
        return predicted == 0 ? nil : Double(counts[label * classCount + label]) / Double(predicted)
    }

    /// TPᶜ / (examples of class c), or nil when there is no example of class c.
    ///
    /// - Precondition: `label` is in `0..<classCount`.
    public func recall(ofClass label: Int) -> Double? {
        let actual = actualCount(ofClass: label)
        return actual == 0 ? nil : Double(counts[label * classCount + label]) / Double(actual)
    }

    /// The matrix as a table: one row per actual class ending in its recall, one column per
    /// predicted class, a last row of precisions, and the accuracy. Undefined ratios show "–".
    ///
    /// ```
    /// actual \ predicted      0      1      2   recall
    ///                  0      2      0      0  100.0 %
    ///                  1      1      1      1   33.3 %
    ///                  2      0      1      0    0.0 %
    ///          precision 66.7 % 50.0 %  0.0 %
    /// accuracy 50.0 % (3 of 6)
    /// ```
    public var description: String {
        func percent(_ ratio: Double?) -> String {
            ratio.map { formatPercent($0, decimals: 1) } ?? "–"
        }
        func padded(_ text: String, to width: Int) -> String {
            String(repeating: " ", count: Swift.max(0, width - text.count)) + text
        }
        let classes = 0..<classCount
        let precisions = classes.map { percent(precision(ofClass: $0)) }
        let recalls = classes.map { percent(recall(ofClass: $0)) }
        let header = "actual \\ predicted"
        let columnWidth = ([String(classCount - 1)] + counts.map(String.init) + precisions).map(\.count).max()!
        let recallWidth = (["recall"] + recalls).map(\.count).max()!
        func row(_ label: String, _ cells: [String], _ last: String) -> String {
            padded(label, to: header.count) + cells.map { " " + padded($0, to: columnWidth) }.joined()
                + (last.isEmpty ? "" : "  " + padded(last, to: recallWidth))
        }

        var lines = [row(header, classes.map(String.init), "recall")]
        for actual in classes {
            let cells = classes.map { String(counts[actual * classCount + $0]) }
            lines.append(row(String(actual), cells, recalls[actual]))
        }
        lines.append(row("precision", precisions, ""))
        lines.append("accuracy \(formatPercent(accuracy, decimals: 1)) (\(correctCount) of \(total))")
        return lines.joined(separator: "\n")
    }

    /// Stops with a message unless `label` is a class of this matrix.
    private func requireClass(_ label: Int) {
        checkPrecondition(
            label >= 0 && label < classCount,
            "ConfusionMatrix: class \(label) is outside 0..<\(classCount)")
    }
}
