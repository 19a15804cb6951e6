/// A canonical Huffman code (RFC 1951 §3.2.2) decoded through one lookup table.
///
/// The code is given by the length of each symbol's code word (0: the symbol is unused).
/// Code words are read bit by bit from the stream, first bit most significant, so the table is
/// indexed by the next `maximumLength` stream bits reversed: every entry whose low `length`
/// bits spell a code word holds that symbol.
struct HuffmanDecoder {
    /// For each `maximumLength`-bit index: `symbol << 4 | length`, or 0 for no code word.
    private var table: [UInt32]
    /// The longest code word, in bits (at least 1).
    private let maximumLength: Int

    /// Builds the decoder for the given code lengths.
    ///
    /// - Parameters:
    ///   - lengths: The code length of each symbol, 0…15.
    ///   - what: The code's name for error messages ("literal/length code").
    ///   - reader: Used to place errors.
    /// - Throws: when the lengths describe more code words than fit (an over-subscribed code).
    ///   An incomplete code is accepted; reading one of its missing code words throws.
    init(lengths: some Collection<Int>, what: String, reader: BitReader) throws(DataFileError) {
        let longest = max(lengths.max() ?? 0, 1)
        var countPerLength = [Int](repeating: 0, count: 16)
        for length in lengths { countPerLength[length] += 1 }
        countPerLength[0] = 0
        // Kraft inequality: the number of code words left at each length never goes negative.
        var left = 1
        for length in 1...15 {
            left = left * 2 - countPerLength[length]
            if left < 0 { throw reader.error("over-subscribed \(what)") }
        }
        // First code word of each length (RFC 1951 §3.2.2, step 2).
        var nextCode = [Int](repeating: 0, count: 16)
        var code = 0
        for length in 1...15 {
            code = (code + countPerLength[length - 1]) << 1
            nextCode[length] = code
        }
        maximumLength = longest
        table = [UInt32](repeating: 0, count: 1 << longest)
        for (symbol, length) in lengths.enumerated() where length > 0 {
            let word = nextCode[length]
            nextCode[length] += 1
            var reversed = 0
            for bit in 0..<length where word & (1 << (length - 1 - bit)) != 0 {
                reversed |= 1 << bit
            }
            let entry = UInt32(symbol) << 4 | UInt32(length)
            var index = reversed
            while index < table.count {
                table[index] = entry
                index += 1 << length
            }
        }
    }

    /// Reads one code word and returns its symbol.
    func decode(_ reader: inout BitReader) throws(DataFileError) -> Int {
        let (bits, available) = reader.peekBits(maximumLength)
        let entry = table[bits]
        let length = Int(entry & 15)
        guard length > 0 else {
            if available < maximumLength { throw reader.error("unexpected end of compressed data") }
            throw reader.error("invalid Huffman code")
        }
        guard length <= available else { throw reader.error("unexpected end of compressed data") }
        reader.skipBits(length)
        return Int(entry >> 4)
    }
}
