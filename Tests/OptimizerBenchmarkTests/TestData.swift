import Foundation
import Layerwise

/// Paths and small data sets shared by the benchmark tests.
enum TestData {
    /// Benchmarks/OptimizerBenchmark/Data, found from this file's path.
    static var shippedDataDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Benchmarks/OptimizerBenchmark/Data")
    }

    /// A fresh empty temporary folder.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("optimizer-benchmark-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Four well-separated Gaussian blobs in 2-D (labels 0…3), `count` examples.
    static func blobs(count: Int, seed: UInt64) -> Dataset<Float, [Int]> {
        var generator = RandomGenerator(seed: seed)
        let centers: [(Float, Float)] = [(-2, -2), (2, -2), (-2, 2), (2, 2)]
        var features: [Float] = []
        var labels: [Int] = []
        for k in 0..<count {
            let label = k % 4
            features += [centers[label].0 + Float(0.3 * generator.nextNormal()), centers[label].1 + Float(0.3 * generator.nextNormal())]
            labels.append(label)
        }
        return Dataset(features: Tensor(shape: [count, 2], scalars: features), labels: labels)
    }

    /// The bytes of an IDX file: magic 0, 0, type, rank; big-endian dimensions; the data.
    static func idxBytes(type: UInt8, shape: [Int], data: [UInt8]) -> Data {
        var bytes: [UInt8] = [0, 0, type, UInt8(shape.count)]
        for dimension in shape {
            bytes += [UInt8(dimension >> 24 & 0xff), UInt8(dimension >> 16 & 0xff), UInt8(dimension >> 8 & 0xff), UInt8(dimension & 0xff)]
        }
        return Data(bytes + data)
    }

    /// `data` as a gzip file (RFC 1952) holding one stored (uncompressed) DEFLATE block (RFC
    /// 1951, BTYPE 00): header 1f 8b 08, the block (BFINAL = 1, LEN, NLEN = ~LEN, bytes), then
    /// CRC-32 and the length, little-endian. `data` must be shorter than 65536 bytes.
    static func gzipStored(_ data: Data) -> Data {
        let bytes = [UInt8](data)
        precondition(bytes.count < 65536)
        var crc: UInt32 = 0xffff_ffff
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xedb8_8320 : crc >> 1 }
        }
        crc ^= 0xffff_ffff
        func littleEndian(_ value: UInt32, bytes count: Int) -> [UInt8] {
            (0..<count).map { UInt8(value >> (8 * UInt32($0)) & 0xff) }
        }
        let length = UInt32(bytes.count)
        var file: [UInt8] = [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]
        file += [0x01] + littleEndian(length, bytes: 2) + littleEndian(~length & 0xffff, bytes: 2) + bytes
        file += littleEndian(crc, bytes: 4) + littleEndian(length, bytes: 4)
        return Data(file)
    }
}
