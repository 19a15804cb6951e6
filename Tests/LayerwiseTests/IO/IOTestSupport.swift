import Foundation
import Layerwise

/// The bytes spelled by a string of hexadecimal digit pairs (spaces ignored).
func bytes(hex: String) -> [UInt8] {
    let digits = Array(hex.filter { !$0.isWhitespace })
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
}

/// The repository's root folder (this file is Tests/LayerwiseTests/IO/IOTestSupport.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// The slice of the MNIST test set in the test fixtures (see its README).
let mnistFixtureFolder = repositoryRoot.appendingPathComponent("Tests/LayerwiseTests/Fixtures/mnist")

/// The data that ships with the optimizer benchmark (MNIST-1D, digits).
let benchmarkDataFolder = repositoryRoot.appendingPathComponent("Benchmarks/OptimizerBenchmark/Data")

/// A gzip member around raw DEFLATE data: header without options, then the given trailer.
func gzipMember(deflate: [UInt8], crc: UInt32, size: UInt32) -> [UInt8] {
    var member: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF] + deflate
    for value in [crc, size] {
        for shift in stride(from: 0, to: 32, by: 8) { member.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }
    return member
}

/// Calls `body`, which must throw a `DataFileError`, and returns that error.
func dataFileError(_ body: () throws -> Void) -> DataFileError? {
    do {
        try body()
        return nil
    } catch let error as DataFileError {
        return error
    } catch {
        return nil
    }
}
