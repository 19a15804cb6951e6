import Foundation
import Layerwise
import Testing

/// The DEFLATE decoder and gzip container. Expected outputs are the inputs given to Python's
/// zlib (an independent implementation) when the test vectors were made, or follow from the
/// RFCs by hand.
@Suite struct GzipTests {
    /// The standard CRC-32 check value (the CRC of "123456789" is 0xCBF43926 in every catalogue).
    @Test func crc32CheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
        #expect(CRC32.update(CRC32.checksum(Array("1234".utf8)), with: Array("56789".utf8)) == 0xCBF4_3926)
    }

    /// gzip.compress(b"hello", mtime=0) from Python: one fixed-Huffman block.
    @Test func pythonGzipOfHello() throws {
        let file = bytes(hex: "1f8b0800000000000203cb48cdc9c9070086a6103605000000")
        #expect(Gzip.isCompressed(file))
        #expect(try Gzip.decompress(file) == Array("hello".utf8))
    }

    /// A stored block: 01 (final, type 00), LEN 0005, NLEN FFFA, then the five bytes.
    @Test func storedBlock() throws {
        let deflate = bytes(hex: "010500faff68656c6c6f")
        let file = gzipMember(deflate: deflate, crc: 0x3610_A686, size: 5)
        #expect(try Gzip.decompress(file) == Array("hello".utf8))
    }

    /// Fixed Huffman codes with back-references ("abracadabra" twice).
    @Test func fixedHuffmanBlock() throws {
        let text = Array("abracadabra abracadabra".utf8)
        let file = gzipMember(
            deflate: bytes(hex: "4b4c2a4a4c4e4c4904520a89083600"), crc: CRC32.checksum(text), size: 23)
        #expect(try Gzip.decompress(file) == text)
    }

    /// A run compressed as a distance-1 copy that overlaps the bytes it writes.
    @Test func overlappingCopy() throws {
        let text = [UInt8](repeating: UInt8(ascii: "a"), count: 300)
        let file = gzipMember(deflate: bytes(hex: "4b4c1c05c40200"), crc: CRC32.checksum(text), size: 300)
        #expect(try Gzip.decompress(file) == text)
    }

    /// A dynamic-Huffman block (zlib level 9 on 40 numbered lines; first block type bits = 10).
    @Test func dynamicHuffmanBlock() throws {
        let text = Array((0..<40).map { "the quick brown fox jumps over the lazy dog \($0)\n" }.joined().utf8)
        #expect(text.count == 1870)
        #expect(CRC32.checksum(text) == 0x84DF_AF35)  // zlib.crc32 of the same text
        let deflate = bytes(hex: """
            95d4c915c2400c04d1bba35008a89bcde100363b0c98315bf490429d55b7ff5a75dfc77d3c6c4eb11ecaeb\
            1adbf28ee378b93da23cfb21eaff7c5e7d3fd1955d4c9a0aea44b5506d544f513d43f51cd50b542f51dd32\
            1d88c934937126f34c069a4c34196932d364a8c954c5540537ca54c554c554c554c554c554c554c554cd54\
            cd540d5f2f533553355335533553355375dbfc00
            """)
        #expect((deflate[0] >> 1) & 3 == 2)
        #expect(try Gzip.decompress(gzipMember(deflate: deflate, crc: 0x84DF_AF35, size: 1870)) == text)
    }

    /// Two members decompress to their concatenation, like `gunzip`.
    @Test func concatenatedMembers() throws {
        let hello = bytes(hex: "1f8b0800000000000203cb48cdc9c9070086a6103605000000")
        #expect(try Gzip.decompress(hello + hello) == Array("hellohello".utf8))
    }

    /// Optional header fields: FEXTRA, FNAME, FCOMMENT and FHCRC are skipped and checked.
    @Test func optionalHeaderFields() throws {
        var header: [UInt8] = [0x1F, 0x8B, 8, 0x02 | 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 3]
        header += [3, 0, 0xAA, 0xBB, 0xCC]  // XLEN = 3, three extra bytes
        header += Array("name.txt".utf8) + [0] + Array("a comment".utf8) + [0]
        let headerCRC = CRC32.checksum(header) & 0xFFFF
        let deflate = bytes(hex: "010500faff68656c6c6f")
        let trailer: [UInt8] = [0x86, 0xA6, 0x10, 0x36, 5, 0, 0, 0]
        let file = header + [UInt8(headerCRC & 0xFF), UInt8(headerCRC >> 8)] + deflate + trailer
        #expect(try Gzip.decompress(file) == Array("hello".utf8))

        var corrupted = file
        corrupted[header.count] ^= 1
        let error = try #require(dataFileError { _ = try Gzip.decompress(corrupted, source: "h.gz") })
        #expect(error.location == .byteOffset(header.count))
        #expect(error.reason.contains("header CRC"))
    }

    /// The MNIST test files (the original labels file, and 100 images compressed by Python):
    /// the .gz decompresses to exactly the bytes of the raw file.
    @Test(arguments: ["t10k-labels-idx1-ubyte", "t10k-images-first100-idx3-ubyte"])
    func mnistGzipMatchesRawFile(name: String) throws {
        let folder = mnistFixtureFolder
        let raw = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
        let compressed = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name + ".gz")))
        let decompressed = try Gzip.decompress(compressed, source: name + ".gz")
        #expect(decompressed.count == raw.count)
        #expect(decompressed == raw)
    }

    /// Each malformed input throws an error naming the byte offset and the problem.
    @Test(arguments: [
        // (file, offset, words in the reason)
        ("00", 0, "too short"),
        ("1f8c08000000000000ff010500faff68656c6c6f86a610360500000000", 0, "not gzip"),
        ("1f8b07000000000000ff010500faff68656c6c6f86a6103605000000", 2, "method 7"),
        ("1f8b08200000000000ff010500faff68656c6c6f86a6103605000000", 3, "reserved header flags"),
        // BFINAL = 1, BTYPE = 11: reserved.
        ("1f8b0800000000000003070000000000000000000000", 10, "reserved DEFLATE block type"),
        // Stored block whose NLEN is not the complement of LEN.
        ("1f8b08000000000000ff010500fbff68656c6c6f86a6103605000000", 15, "complement"),
        // Stored block longer than the data.
        ("1f8b08000000000000ff01ff0000ff68656c6c6f86a6103605000000", 15, "runs past the end"),
        // Fixed block whose first symbol is a copy (length 3, distance 1) with no output yet.
        // The error names the byte after the distance code (bit 15 → byte 11).
        ("1f8b08000000000000ff030200000000000000000000", 11, "before the start"),
        // CRC-32 of "hello" with its first byte changed.
        ("1f8b08000000000000ff010500faff68656c6c6f87a6103605000000", 20, "CRC-32"),
        // ISIZE 6 for five bytes.
        ("1f8b08000000000000ff010500faff68656c6c6f86a6103606000000", 24, "trailer says 6"),
        // Trailer cut short.
        ("1f8b08000000000000ff010500faff68656c6c6f86a61036050000", 20, "inside the gzip trailer"),
        // FNAME without its terminating zero.
        ("1f8b08080000000000ff6e616d656e616d656e616d65", 10, "terminating zero"),
        // Dynamic block: HLIT = 31 + 257 = 288 literal/length codes, more than 286 (read by bit 8).
        ("1f8b08000000000000ff fd ff ff ff ff ff ff ff ff", 11, "288 literal/length codes (at most 286)"),
        // HLIT = 257, HDIST = 31 + 1 = 32 distance codes, more than 30 (read by bit 13).
        ("1f8b08000000000000ff 05 1f ff ff ff ff ff ff ff", 11, "32 distance codes (at most 30)"),
    ])
    func malformedInput(hexFile: String, offset: Int, words: String) throws {
        let error = try #require(dataFileError { _ = try Gzip.decompress(bytes(hex: hexFile), source: "bad.gz") })
        #expect(error.source == "bad.gz")
        #expect(error.location == .byteOffset(offset), "\(error)")
        #expect(error.reason.contains(words), "\(error)")
    }

    /// Cutting a valid file anywhere gives an error, never a crash or a wrong result.
    @Test func everyTruncationThrows() throws {
        let text = Array((0..<40).map { "the quick brown fox jumps over the lazy dog \($0)\n" }.joined().utf8)
        let file = gzipMember(
            deflate: bytes(hex: """
                95d4c915c2400c04d1bba35008a89bcde100363b0c98315bf490429d55b7ff5a75dfc77d3c6c4eb11ecaeb\
                1adbf28ee378b93da23cfb21eaff7c5e7d3fd1955d4c9a0aea44b5506d544f513d43f51cd50b542f51dd32\
                1d88c934937126f34c069a4c34196932d364a8c954c5540537ca54c554c554c554c554c554c554c554cd54\
                cd540d5f2f533553355335533553355375dbfc00
                """), crc: CRC32.checksum(text), size: UInt32(text.count))
        for length in 0..<file.count {
            #expect(dataFileError { _ = try Gzip.decompress(Array(file[..<length])) } != nil, "cut at \(length)")
        }
    }

    /// The output limit stops a small file that expands beyond it.
    @Test func outputLimit() throws {
        let file = gzipMember(
            deflate: bytes(hex: "4b4c1c05c40200"),
            crc: CRC32.checksum([UInt8](repeating: 97, count: 300)), size: 300)
        let error = try #require(dataFileError { _ = try Gzip.decompress(file, maximumOutputSize: 100) })
        #expect(error.reason.contains("limit of 100 bytes"))
    }
}
