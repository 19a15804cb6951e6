import Foundation
import Layerwise

/// Reading the benchmark's data files.
///
/// TEMPORARY: minimal readers until the IO issue's IDX and CSV readers are merged.
public enum DataFiles {
    /// An error reading a data file.
    public struct ReadError: Error, CustomStringConvertible {
        /// What went wrong, naming the file.
        public let description: String
    }

    /// The UCI digits: features /16 into [0, 1], labels 0…9.
    public static func loadDigits(_ url: URL) throws -> Dataset<Float, [Int]> {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ReadError(description: "cannot read \(url.path)")
        }
        var features: [Float] = []
        var labels: [Int] = []
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces))! }
            features += fields.dropLast().map { Float($0) / 16 }
            labels.append(fields.last!)
        }
        return Dataset(features: Tensor(shape: [labels.count, 64], scalars: features), labels: labels)
    }

    /// An IDX file as (shape, scalars as Float, whether the file held unsigned bytes).
    public static func readIDX(_ url: URL) throws -> (shape: [Int], values: [Float], isBytes: Bool) {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ReadError(description: "cannot read \(url.path)")
        }
        let bytes = [UInt8](data)
        let type = bytes[2]
        let rank = Int(bytes[3])
        var shape: [Int] = []
        for i in 0..<rank {
            let o = 4 + 4 * i
            shape.append(Int(bytes[o]) << 24 | Int(bytes[o + 1]) << 16 | Int(bytes[o + 2]) << 8 | Int(bytes[o + 3]))
        }
        let body = bytes[(4 + 4 * rank)...]
        switch type {
        case 0x08:
            return (shape, body.map { Float($0) }, true)
        case 0x0d:
            let b = Array(body)
            return (shape, stride(from: 0, to: b.count, by: 4).map { i in
                Float(bitPattern: UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3]))
            }, false)
        default:
            throw ReadError(description: "\(url.path): IDX type \(type) not supported")
        }
    }
}
