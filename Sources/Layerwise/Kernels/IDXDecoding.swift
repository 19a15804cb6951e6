/// The elements of an IDX payload (big-endian, `elementType`) converted to `T`, one concrete
/// loop per element type: bytes convert directly, wider types are assembled from their bytes.
@inline(__always)
func decodeIDXPayload<T: TensorScalar>(_ payload: [UInt8], elementType: IDXElementType, count: Int, as _: T.Type) -> [T] {
    payload.withUnsafeBufferPointer { bytes in
        [T](unsafeUninitializedCapacity: count) { output, initialized in
            guard let p = bytes.baseAddress else {
                initialized = 0
                return
            }
            @inline(__always) func word32(_ i: Int) -> UInt32 {
                let q = p + i &* 4
                return UInt32(q[0]) << 24 | UInt32(q[1]) << 16 | UInt32(q[2]) << 8 | UInt32(q[3])
            }
            switch elementType {
            case .unsignedByte:
                for i in 0..<count { output[i] = T(p[i]) }
            case .signedByte:
                for i in 0..<count { output[i] = T(Int8(bitPattern: p[i])) }
            case .short:
                for i in 0..<count { output[i] = T(Int16(bitPattern: UInt16(p[2 &* i]) << 8 | UInt16(p[2 &* i &+ 1]))) }
            case .int:
                for i in 0..<count { output[i] = T(Int32(bitPattern: word32(i))) }
            case .float:
                for i in 0..<count { output[i] = T(Float(bitPattern: word32(i))) }
            case .double:
                for i in 0..<count {
                    let high = UInt64(word32(2 &* i)), low = UInt64(word32(2 &* i &+ 1))
                    output[i] = T(Double(bitPattern: high << 32 | low))
                }
            }
            initialized = count
        }
    }
}
