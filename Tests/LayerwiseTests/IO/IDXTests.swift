import Foundation
import Layerwise
import Testing

/// The IDX reader: every element type from hand-written big-endian bytes, the MNIST and
/// MNIST-1D files (raw and gzip), and malformed files.
@Suite struct IDXTests {
    /// One file per element type; the expected values are the byte patterns decoded by hand.
    @Test(arguments: [
        // type, data bytes, values
        (UInt8(0x08), "00 7f 80 ff", [0.0, 127, 128, 255]),
        (UInt8(0x09), "00 7f 80 ff", [0.0, 127, -128, -1]),
        (UInt8(0x0B), "0102 7fff 8000 fffe", [258.0, 32767, -32768, -2]),
        (UInt8(0x0C), "00010000 7fffffff 80000000 ffffffff", [65536.0, 2_147_483_647, -2_147_483_648, -1]),
        // 1.5 = 0x3FC00000, -2.5 = 0xC0200000, 0.1f = 0x3DCCCCCD, 2⁻¹⁴⁹ = 0x00000001.
        (UInt8(0x0D), "3fc00000 c0200000 3dcccccd 00000001",
         [1.5, -2.5, Double(Float(0.1)), Double(Float.leastNonzeroMagnitude)]),
        // 1.5, -0.0, 1/3 = 0x3FD5555555555555, 2⁻¹⁰⁷⁴.
        (UInt8(0x0E), "3ff8000000000000 8000000000000000 3fd5555555555555 0000000000000001",
         [1.5, -0.0, 1.0 / 3, Double.leastNonzeroMagnitude]),
    ] as [(UInt8, String, [Double])])
    func elementTypes(type: UInt8, data: String, values: [Double]) throws {
        // Shape [2, 2]: magic 00 00 type 02, then 00000002 00000002.
        let file = [0, 0, type, 2, 0, 0, 0, 2, 0, 0, 0, 2] + bytes(hex: data)
        let array = try IDXArray(bytes: file)
        #expect(array.elementType.rawValue == type)
        #expect(array.shape == [2, 2])
        #expect(array.count == 4)
        for (index, value) in values.enumerated() {
            #expect(array.element(at: index).bitPattern == value.bitPattern, "element \(index)")
        }
        let doubles = array.tensor(as: Double.self)
        #expect(doubles.shape == [2, 2])
        #expect(doubles.scalars.map(\.bitPattern) == values.map(\.bitPattern))
        #expect(array.tensor(as: Float.self).scalars == values.map { Float($0) })
        #expect(array.examples(as: Double.self).shape == [2, 2])
    }

    /// Labels come from integer types; float elements or negative values are errors.
    @Test func labels() throws {
        let labels = try IDXArray(bytes: [0, 0, 8, 1, 0, 0, 0, 3, 7, 2, 1])
        #expect(try labels.labels() == [7, 2, 1])
        let floats = try IDXArray(bytes: [0, 0, 0x0D, 1, 0, 0, 0, 1, 0x3F, 0x80, 0, 0])
        #expect(dataFileError { _ = try floats.labels() }?.reason.contains("must be integers") == true)
        let negative = try IDXArray(bytes: [0, 0, 9, 1, 0, 0, 0, 2, 1, 0xFF], source: "y.idx")
        let error = try #require(dataFileError { _ = try negative.labels() })
        #expect(error.description == "y.idx: byte 9: label 1 is negative (-1)")
    }

    /// The same bytes gzip-compressed read the same (the compressed bytes are Python's
    /// `gzip.compress(bytes([0,0,8,1, 0,0,0,3, 7,2,1]), mtime=0)`).
    @Test func gzipCompressedBytes() throws {
        let compressed = bytes(hex: "1f8b08000000000002036360e06064606060666762040015f83e4e0b000000")
        let array = try IDXArray(bytes: compressed)
        #expect(array.shape == [3])
        #expect(try array.labels() == [7, 2, 1])
    }

    /// MNIST's test set: 10 000 labels beginning 7 2 1 0 4 1 4 9 5 9 (the well-known first
    /// digits), the original gzip file reading the same as the raw one; and the first 100
    /// images of 28 × 28 bytes, whose gzip copy (made by Python) reads the same as the raw bytes.
    @Test func mnistTestSet() throws {
        let folder = mnistFixtureFolder
        let labels = try IDXArray(contentsOf: folder.appendingPathComponent("t10k-labels-idx1-ubyte"))
        let zippedLabels = try IDXArray(contentsOf: folder.appendingPathComponent("t10k-labels-idx1-ubyte.gz"))
        #expect(labels.shape == [10000])
        let digits = try labels.labels()
        #expect(Array(digits.prefix(10)) == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
        #expect(digits.allSatisfy { (0...9).contains($0) })
        #expect(try zippedLabels.labels() == digits)

        let images = try IDXArray(contentsOf: folder.appendingPathComponent("t10k-images-first100-idx3-ubyte.gz"))
        #expect(images.elementType == .unsignedByte)
        #expect(images.shape == [100, 28, 28])
        let pixels = images.examples(as: Float.self)
        #expect(pixels.shape == [100, 784])
        let raw = [UInt8](try Data(contentsOf: folder.appendingPathComponent("t10k-images-first100-idx3-ubyte")))
        #expect(pixels.scalars == raw.dropFirst(16).map { Float($0) })
    }

    /// MNIST-1D: float features [N, 40] and byte labels 0…9; the feature bytes decoded by hand
    /// for the first element agree with the reader.
    @Test(arguments: [("test", 1000), ("train", 4000)])
    func mnist1D(split: String, count: Int) throws {
        let folder = benchmarkDataFolder
        let featuresURL = folder.appendingPathComponent("mnist1d-\(split)-x.idx")
        let features = try IDXArray(contentsOf: featuresURL)
        let labels = try IDXArray(contentsOf: folder.appendingPathComponent("mnist1d-\(split)-y.idx"))
        #expect(features.elementType == .float)
        #expect(features.shape == [count, 40])
        #expect(labels.shape == [count])
        #expect(try labels.labels().allSatisfy { (0...9).contains($0) })
        let raw = [UInt8](try Data(contentsOf: featuresURL))
        let firstBits = UInt32(raw[12]) << 24 | UInt32(raw[13]) << 16 | UInt32(raw[14]) << 8 | UInt32(raw[15])
        #expect(features.tensor(as: Float.self).scalars[0] == Float(bitPattern: firstBits))
        #expect(features.tensor(as: Float.self).scalars.allSatisfy { $0.isFinite })
    }

    /// Malformed files throw an error naming the byte offset.
    @Test(arguments: [
        ("000008", 0, "too short"),
        ("01000801 00000001 07", 0, "not an IDX file"),
        ("00000a01 00000001 07", 2, "unknown IDX element type 0x0A"),
        ("00000802 00000002 0000", 10, "inside the 2 dimension sizes"),
        ("00000801 00000003 0702", 10, "file ends after 2 data bytes; shape [3] of unsignedByte needs 3"),
        ("00000b01 00000002 0001 00", 11, "file ends after 3 data bytes; shape [2] of short needs 4"),
        ("00000801 00000002 0102 03", 10, "1 bytes after the data"),
        // (2³² − 1)² elements overflow the size limit at the second extent, bytes 8…11.
        ("00000e03 ffffffff ffffffff ffffffff", 8, "too many elements"),
        // Found by the fuzzer: a zero extent made the element count 0, and the product of the
        // other extents (255 × 4294902528 × 134922021 > 2⁶³/8 at the fourth, bytes 16…19)
        // overflowed later. Now the non-zero extents are bounded too.
        ("00000908 00000000 000000ff ffff0300 080ac325 53747269 00ffffff 7c1700f4 00000000", 16, "too many elements"),
    ])
    func malformed(hexFile: String, offset: Int, words: String) throws {
        let error = try #require(dataFileError { _ = try IDXArray(bytes: bytes(hex: hexFile), source: "bad.idx") })
        #expect(error.source == "bad.idx")
        #expect(error.location == .byteOffset(offset), "\(error)")
        #expect(error.reason.contains(words), "\(error)")
    }

    /// A missing file is an error naming it.
    @Test func missingFile() throws {
        let url = URL(fileURLWithPath: "/nonexistent/folder/x.idx")
        let error = try #require(dataFileError { _ = try IDXArray(contentsOf: url) })
        #expect(error.source == "/nonexistent/folder/x.idx")
        #expect(error.location == .wholeFile)
    }
}
