import Foundation
import Layerwise
import Testing

/// One PyTorch reference case read from `Fixtures/parity/*.json` (schema: the fixtures' README).
struct ParityCase: CustomTestStringConvertible, Sendable {
    let name: String
    let kind: String
    /// The decoded JSON object.
    nonisolated(unsafe) let json: [String: Any]

    var testDescription: String { name }

    /// Every `*.json` in the fixture folder, sorted by name: a file dropped there is picked up
    /// with no code change.
    static func all() -> [ParityCase] {
        let folder = Bundle.module.url(forResource: "Fixtures/parity", withExtension: nil)!
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
            .map { load($0) }
    }

    static func load(_ url: URL) -> ParityCase {
        let data = try! Data(contentsOf: url)
        let json = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        let name = url.deletingPathExtension().lastPathComponent
        return ParityCase(name: name, kind: json["kind"] as? String ?? "?", json: json)
    }

    /// The object at `key`.
    func object(_ key: String) -> [String: Any] {
        json[key] as? [String: Any] ?? [:]
    }
}

/// Reads a `{"shape": [...], "data": [...]}` tensor.
func decodeTensor<Scalar: TensorScalar>(_ value: Any?, as _: Scalar.Type = Scalar.self) -> Tensor<Scalar> {
    guard let object = value as? [String: Any] else { fatalError("not a tensor: \(String(describing: value))") }
    let shape = (object["shape"] as! [Any]).map { ($0 as! NSNumber).intValue }
    let data = (object["data"] as! [Any]).map { Scalar(($0 as! NSNumber).doubleValue) }
    return Tensor(shape: shape, scalars: data)
}

/// Reads a JSON number.
func decodeNumber(_ value: Any?) -> Double? {
    (value as? NSNumber)?.doubleValue
}

/// The tolerances of the parity contract: Float relative 1e-4 with absolute 1e-5; Double
/// relative 1e-9 (with an absolute floor of 1e-12 for values that are zero in PyTorch).
struct ParityTolerance {
    let relative: Double
    let absolute: Double

    static func `for`<Scalar: TensorScalar>(_: Scalar.Type) -> ParityTolerance {
        Scalar.self == Float.self
            ? ParityTolerance(relative: 1e-4, absolute: 1e-5)
            : ParityTolerance(relative: 1e-9, absolute: 1e-12)
    }

    func accepts(_ actual: Double, _ expected: Double) -> Bool {
        if actual == expected { return true }  // includes equal infinities
        return abs(actual - expected) <= absolute + relative * abs(expected)
    }
}

/// Collects what differs from PyTorch in one case.
struct ParityComparison {
    let tolerance: ParityTolerance
    private(set) var mismatches: [String] = []

    init<Scalar: TensorScalar>(_: Scalar.Type) {
        tolerance = .for(Scalar.self)
    }

    /// Compares a tensor with the expected one: shape, finiteness and every element.
    mutating func compare<Scalar: TensorScalar>(_ label: String, _ actual: Tensor<Scalar>, _ expected: Tensor<Scalar>) {
        guard actual.shape == expected.shape else {
            mismatches.append("\(label): shape \(actual.shape), expected \(expected.shape)")
            return
        }
        var worst: (index: Int, actual: Double, expected: Double)?
        var worstExcess = 0.0
        for index in actual.scalars.indices {
            let a = Double(actual.scalars[index])
            let e = Double(expected.scalars[index])
            if e.isFinite && !a.isFinite {
                mismatches.append("\(label)[\(index)]: \(a) is not finite (expected \(e))")
                return
            }
            if !tolerance.accepts(a, e) {
                let excess = abs(a - e) / (tolerance.absolute + tolerance.relative * abs(e))
                if excess > worstExcess { worstExcess = excess; worst = (index, a, e) }
            }
        }
        if let worst {
            mismatches.append(
                "\(label)[\(worst.index)]: \(worst.actual), expected \(worst.expected) (\(String(format: "%.1f", worstExcess))× the tolerance)")
        }
    }

    /// Compares a scalar.
    mutating func compare(_ label: String, _ actual: Double, _ expected: Double) {
        if !tolerance.accepts(actual, expected) {
            mismatches.append("\(label): \(actual), expected \(expected)")
        }
    }

    mutating func fail(_ message: String) {
        mismatches.append(message)
    }
}
