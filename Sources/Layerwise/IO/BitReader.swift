/// Reads a byte array as a stream of bits, least significant bit of each byte first, the way
/// DEFLATE (RFC 1951 §3.1.1) packs its data.
///
/// Reading past the end throws; `byteOffset` says where the reader is, for error messages.
struct BitReader {
    /// The bytes being read.
    let bytes: [UInt8]
    /// The next byte to move into `buffer`.
    private(set) var nextByte: Int
    /// Bits already taken from `bytes` but not consumed, the next bit lowest.
    private var buffer: UInt64 = 0
    /// How many bits of `buffer` are valid.
    private var bufferedBits = 0
    /// The name of the bytes for error messages.
    let source: String
    /// Added to positions in `bytes` to give offsets in the whole file.
    let baseOffset: Int

    /// Starts reading `bytes` at `start`.
    init(_ bytes: [UInt8], start: Int, source: String, baseOffset: Int = 0) {
        self.bytes = bytes
        self.nextByte = start
        self.source = source
        self.baseOffset = baseOffset
    }

    /// The offset in the file of the byte holding the next unread bit.
    var byteOffset: Int { baseOffset + nextByte - (bufferedBits + 7) / 8 }

    /// An error at the current position.
    func error(_ reason: String) -> DataFileError {
        DataFileError(source: source, location: .byteOffset(byteOffset), reason: reason)
    }

    /// Moves whole bytes into the buffer until it holds at least `count` bits or the input ends.
    private mutating func refill(_ count: Int) {
        while bufferedBits < count && nextByte < bytes.count {
            buffer |= UInt64(bytes[nextByte]) << UInt64(bufferedBits)
            nextByte += 1
            bufferedBits += 8
        }
    }

    /// The next `count` bits (0…32) as an integer, the first bit lowest.
    mutating func readBits(_ count: Int) throws(DataFileError) -> Int {
        if count == 0 { return 0 }
        refill(count)
        guard bufferedBits >= count else { throw error("unexpected end of compressed data") }
        let value = Int(buffer & ((1 << UInt64(count)) - 1))
        buffer >>= UInt64(count)
        bufferedBits -= count
        return value
    }

    /// The next `count` bits without consuming them, padded with zeros past the end, and how
    /// many of them are real.
    mutating func peekBits(_ count: Int) -> (value: Int, available: Int) {
        refill(count)
        return (Int(buffer & ((1 << UInt64(count)) - 1)), min(bufferedBits, count))
    }

    /// Consumes `count` bits that `peekBits` showed to be available.
    mutating func skipBits(_ count: Int) {
        buffer >>= UInt64(count)
        bufferedBits -= count
    }

    /// Drops the bits left in the current byte, so the next read starts on a byte boundary.
    mutating func alignToByte() {
        let drop = bufferedBits % 8
        buffer >>= UInt64(drop)
        bufferedBits -= drop
    }

    /// The next `count` whole bytes (the reader must be byte-aligned).
    mutating func readBytes(_ count: Int) throws(DataFileError) -> ArraySlice<UInt8> {
        // Give back whole buffered bytes first.
        nextByte -= bufferedBits / 8
        buffer = 0
        bufferedBits = 0
        guard count <= bytes.count - nextByte else {
            throw error("stored block of \(count) bytes runs past the end of the data")
        }
        let slice = bytes[nextByte..<nextByte + count]
        nextByte += count
        return slice
    }

    /// The position just after the last consumed byte (the reader must be byte-aligned).
    var alignedPosition: Int { nextByte - bufferedBits / 8 }
}
