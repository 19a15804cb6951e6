/// Decompresses DEFLATE data (RFC 1951): stored, fixed-Huffman and dynamic-Huffman blocks.
///
/// Every malformed input throws a `DataFileError` naming the byte offset: a reserved block
/// type, a stored block whose length check fails, an over-subscribed or incomplete Huffman
/// code, a code-length repeat with nothing to repeat, a length or distance symbol out of range,
/// a distance further back than the output so far, the data ending early, or the output
/// growing past `maximumOutputSize`.
struct DeflateDecoder {
    /// The base match length of length symbols 257…285 (RFC 1951 §3.2.5).
    private static let lengthBases = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
        35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
    ]
    /// The extra bits read after length symbols 257…285.
    private static let lengthExtraBits = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
        3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    /// The base distance of distance symbols 0…29.
    private static let distanceBases = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
        257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ]
    /// The extra bits read after distance symbols 0…29.
    private static let distanceExtraBits = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
        7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]
    /// The order in which a dynamic block lists the code-length code's lengths.
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// Decompresses the DEFLATE stream starting at `reader`'s position, which is left just
    /// after the final block (not byte-aligned).
    ///
    /// - Parameters:
    ///   - reader: The compressed bits.
    ///   - maximumOutputSize: The largest output accepted, in bytes.
    ///   - expectedSize: A hint for reserving the output (capped by `maximumOutputSize`).
    /// - Returns: The decompressed bytes.
    static func decompress(
        _ reader: inout BitReader, maximumOutputSize: Int, expectedSize: Int = 0
    ) throws(DataFileError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(min(max(expectedSize, 0), maximumOutputSize, 1 << 28))
        var isFinal = false
        while !isFinal {
            isFinal = try reader.readBits(1) == 1
            switch try reader.readBits(2) {
            case 0:
                try copyStoredBlock(&reader, into: &output, maximumOutputSize: maximumOutputSize)
            case 1:
                let (literals, distances) = try fixedCodes(reader)
                try inflateBlock(
                    &reader, literals: literals, distances: distances, into: &output,
                    maximumOutputSize: maximumOutputSize)
            case 2:
                let (literals, distances) = try dynamicCodes(&reader)
                try inflateBlock(
                    &reader, literals: literals, distances: distances, into: &output,
                    maximumOutputSize: maximumOutputSize)
            default:
                throw reader.error("reserved DEFLATE block type 3")
            }
        }
        return output
    }

    /// A stored block: byte-aligned LEN, NLEN = ~LEN, then LEN literal bytes.
    private static func copyStoredBlock(
        _ reader: inout BitReader, into output: inout [UInt8], maximumOutputSize: Int
    ) throws(DataFileError) {
        reader.alignToByte()
        let length = try reader.readBits(16)
        let complement = try reader.readBits(16)
        guard length == ~complement & 0xFFFF else {
            throw reader.error("stored block length \(length) does not match its complement \(complement)")
        }
        guard output.count + length <= maximumOutputSize else {
            throw reader.error("decompressed data larger than the limit of \(maximumOutputSize) bytes")
        }
        output.append(contentsOf: try reader.readBytes(length))
    }

    /// The fixed literal/length and distance codes (RFC 1951 §3.2.6).
    private static func fixedCodes(_ reader: BitReader) throws(DataFileError) -> (HuffmanDecoder, HuffmanDecoder) {
        var lengths = [Int](repeating: 8, count: 288)
        for symbol in 144..<256 { lengths[symbol] = 9 }
        for symbol in 256..<280 { lengths[symbol] = 7 }
        let literals = try HuffmanDecoder(lengths: lengths, what: "fixed literal/length code", reader: reader)
        let distances = try HuffmanDecoder(
            lengths: [Int](repeating: 5, count: 30), what: "fixed distance code", reader: reader)
        return (literals, distances)
    }

    /// Reads a dynamic block's code descriptions (RFC 1951 §3.2.7).
    private static func dynamicCodes(_ reader: inout BitReader) throws(DataFileError) -> (HuffmanDecoder, HuffmanDecoder) {
        let literalCount = try reader.readBits(5) + 257
        guard literalCount <= 286 else {
            throw reader.error("dynamic block declares \(literalCount) literal/length codes (at most 286)")
        }
        let distanceCount = try reader.readBits(5) + 1
        guard distanceCount <= 30 else {
            throw reader.error("dynamic block declares \(distanceCount) distance codes (at most 30)")
        }
        let codeLengthCount = try reader.readBits(4) + 4
        var codeLengthLengths = [Int](repeating: 0, count: 19)
        for index in 0..<codeLengthCount {
            codeLengthLengths[codeLengthOrder[index]] = try reader.readBits(3)
        }
        let codeLengthCode = try HuffmanDecoder(
            lengths: codeLengthLengths, what: "code-length code", reader: reader)
        var lengths: [Int] = []
        lengths.reserveCapacity(literalCount + distanceCount)
        while lengths.count < literalCount + distanceCount {
            let symbol = try codeLengthCode.decode(&reader)
            var repeated = 0
            var count = 1
            switch symbol {
            case 0...15:
                repeated = symbol
            case 16:
                guard let previous = lengths.last else {
                    throw reader.error("code-length repeat (16) with no previous length")
                }
                repeated = previous
                count = 3 + (try reader.readBits(2))
            case 17:
                count = 3 + (try reader.readBits(3))
            default:
                count = 11 + (try reader.readBits(7))
            }
            guard lengths.count + count <= literalCount + distanceCount else {
                throw reader.error("code-length repeat runs past the \(literalCount + distanceCount) code lengths")
            }
            lengths.append(contentsOf: repeatElement(repeated, count: count))
        }
        guard lengths[256] > 0 else { throw reader.error("dynamic block has no end-of-block code") }
        let literals = try HuffmanDecoder(
            lengths: lengths[0..<literalCount], what: "literal/length code", reader: reader)
        let distances = try HuffmanDecoder(
            lengths: lengths[literalCount...], what: "distance code", reader: reader)
        return (literals, distances)
    }

    /// Decodes literals and (length, distance) copies until the end-of-block symbol.
    private static func inflateBlock(
        _ reader: inout BitReader, literals: HuffmanDecoder, distances: HuffmanDecoder,
        into output: inout [UInt8], maximumOutputSize: Int
    ) throws(DataFileError) {
        while true {
            let symbol = try literals.decode(&reader)
            if symbol < 256 {
                guard output.count < maximumOutputSize else {
                    throw reader.error("decompressed data larger than the limit of \(maximumOutputSize) bytes")
                }
                output.append(UInt8(symbol))
                continue
            }
            if symbol == 256 { return }
            let lengthIndex = symbol - 257
            guard lengthIndex < lengthBases.count else { throw reader.error("invalid length symbol \(symbol)") }
            let length = lengthBases[lengthIndex] + (try reader.readBits(lengthExtraBits[lengthIndex]))
            let distanceSymbol = try distances.decode(&reader)
            guard distanceSymbol < distanceBases.count else {
                throw reader.error("invalid distance symbol \(distanceSymbol)")
            }
            let distance = distanceBases[distanceSymbol] + (try reader.readBits(distanceExtraBits[distanceSymbol]))
            guard distance <= output.count else {
                throw reader.error("distance \(distance) reaches before the start of the output (\(output.count) bytes so far)")
            }
            guard output.count + length <= maximumOutputSize else {
                throw reader.error("decompressed data larger than the limit of \(maximumOutputSize) bytes")
            }
            // Byte by byte: the source may overlap the bytes being written (a run).
            var from = output.count - distance
            for _ in 0..<length {
                output.append(output[from])
                from += 1
            }
        }
    }
}
