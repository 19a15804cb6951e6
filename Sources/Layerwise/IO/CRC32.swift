/// The CRC-32 checksum of gzip, zlib and PNG (ISO 3309, ITU-T V.42; reflected polynomial
/// 0xEDB88320, initial value and final XOR 0xFFFFFFFF).
///
/// `CRC32.checksum(Array("123456789".utf8)) == 0xCBF43926`.
public enum CRC32 {
    /// The remainder of each byte value, computed once.
    private static let table: [UInt32] = (0..<256).map { byte in
        var remainder = UInt32(byte)
        for _ in 0..<8 {
            remainder = remainder & 1 == 1 ? (remainder >> 1) ^ 0xEDB8_8320 : remainder >> 1
        }
        return remainder
    }

    /// The CRC-32 of `bytes`.
    ///
    /// - Parameter bytes: The data.
    /// - Returns: The checksum.
    /// - Complexity: O(n).
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        update(0, with: bytes)
    }

    /// Continues a checksum: `update(checksum(a), with: b) == checksum(a + b)`.
    ///
    /// - Parameters:
    ///   - checksum: The CRC-32 of the bytes so far (0 for none).
    ///   - bytes: The next bytes.
    /// - Returns: The CRC-32 of all bytes.
    public static func update(_ checksum: UInt32, with bytes: some Sequence<UInt8>) -> UInt32 {
        var crc = ~checksum
        for byte in bytes {
            crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return ~crc
    }
}
