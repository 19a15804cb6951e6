/// Decompresses gzip data (RFC 1952) with the DEFLATE decoder written here (no dependencies).
///
/// Each member's header is checked (magic bytes, method 8 = DEFLATE, reserved flags clear,
/// the optional extra field, name, comment and header CRC), its data inflated, and its
/// trailer checked: the CRC-32 and the length modulo 2³² (ISIZE) of the decompressed data.
/// Several members one after the other decompress to their concatenation, as with `gunzip`.
///
/// ```swift
/// let bytes = try Gzip.decompress(compressed, source: "t10k-labels-idx1-ubyte.gz")
/// ```
public enum Gzip {
    /// Whether `bytes` starts with the gzip magic bytes 1F 8B.
    ///
    /// - Parameter bytes: A file's contents.
    /// - Returns: `true` for gzip data.
    public static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// Decompresses every member of a gzip file.
    ///
    /// - Parameters:
    ///   - bytes: The gzip file's contents.
    ///   - source: The file's name, for error messages.
    ///   - maximumOutputSize: The largest decompressed size accepted (a guard against
    ///     decompression bombs); default 4 GiB.
    /// - Returns: The decompressed bytes.
    /// - Throws: `DataFileError` naming the byte offset of the first problem.
    /// - Complexity: O(compressed + decompressed size).
    public static func decompress(
        _ bytes: [UInt8], source: String = "<memory>", maximumOutputSize: Int = 1 << 32
    ) throws(DataFileError) -> [UInt8] {
        var output: [UInt8] = []
        var start = 0
        repeat {
            let member = try decompressMember(
                bytes, at: start, source: source, maximumOutputSize: maximumOutputSize - output.count)
            if output.isEmpty { output = member.data } else { output.append(contentsOf: member.data) }
            start = member.end
        } while start < bytes.count
        return output
    }

    /// Decompresses the member starting at `start`; returns its data and the offset after it.
    private static func decompressMember(
        _ bytes: [UInt8], at start: Int, source: String, maximumOutputSize: Int
    ) throws(DataFileError) -> (data: [UInt8], end: Int) {
        func failure(_ offset: Int, _ reason: String) -> DataFileError {
            DataFileError(source: source, location: .byteOffset(offset), reason: reason)
        }
        guard bytes.count - start >= 18 else {
            throw failure(start, "\(bytes.count - start) bytes are too short for a gzip member (at least 18)")
        }
        guard bytes[start] == 0x1F, bytes[start + 1] == 0x8B else {
            throw failure(start, 
                "not gzip data: starts with \(hex(bytes[start], digits: 2)) \(hex(bytes[start + 1], digits: 2)), not 1F 8B")
        }
        guard bytes[start + 2] == 8 else {
            throw failure(start + 2, "compression method \(bytes[start + 2]) is not 8 (DEFLATE)")
        }
        let flags = bytes[start + 3]
        guard flags & 0xE0 == 0 else {
            throw failure(start + 3, "reserved header flags are set (\(flags))")
        }
        var position = start + 10
        if flags & 0x04 != 0 {  // FEXTRA
            guard position + 2 <= bytes.count else { throw failure(position, "header ends inside the extra field length") }
            let extraLength = Int(bytes[position]) | Int(bytes[position + 1]) << 8
            position += 2
            guard extraLength <= bytes.count - position else {
                throw failure(position, "extra field of \(extraLength) bytes runs past the end of the file")
            }
            position += extraLength
        }
        for (flag, field) in [(UInt8(0x08), "file name"), (UInt8(0x10), "comment")] where flags & flag != 0 {
            guard let terminator = bytes[position...].firstIndex(of: 0) else {
                throw failure(position, "the \(field) in the header has no terminating zero byte")
            }
            position = terminator + 1
        }
        if flags & 0x02 != 0 {  // FHCRC: the low 16 bits of the header's CRC-32.
            guard position + 2 <= bytes.count else { throw failure(position, "header ends inside its CRC") }
            let stored = UInt32(bytes[position]) | UInt32(bytes[position + 1]) << 8
            let computed = CRC32.checksum(bytes[start..<position]) & 0xFFFF
            guard stored == computed else {
                throw failure(position, "header CRC \(stored) does not match the header (\(computed))")
            }
            position += 2
        }
        var reader = BitReader(bytes, start: position, source: source)
        let expected = bytes.count >= 4
            ? Int(bytes[bytes.count - 4]) | Int(bytes[bytes.count - 3]) << 8
                | Int(bytes[bytes.count - 2]) << 16 | Int(bytes[bytes.count - 1]) << 24
            : 0
        let data = try DeflateDecoder.decompress(
            &reader, maximumOutputSize: maximumOutputSize, expectedSize: expected)
        reader.alignToByte()
        let trailer = reader.alignedPosition
        guard bytes.count - trailer >= 8 else {
            throw failure(trailer, "file ends inside the gzip trailer (CRC-32 and length)")
        }
        func littleEndian32(_ offset: Int) -> UInt32 {
            (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << UInt32(8 * $1) }
        }
        let storedChecksum = littleEndian32(trailer)
        let computedChecksum = CRC32.checksum(data)
        guard storedChecksum == computedChecksum else {
            throw failure(trailer, 
                "CRC-32 \(hex(computedChecksum, digits: 8)) of the decompressed data does not match the stored \(hex(storedChecksum, digits: 8))")
        }
        let storedSize = littleEndian32(trailer + 4)
        guard storedSize == UInt32(truncatingIfNeeded: data.count) else {
            throw failure(trailer + 4, "decompressed \(data.count) bytes but the trailer says \(storedSize) (mod 2³²)")
        }
        return (data, trailer + 8)
    }
}
