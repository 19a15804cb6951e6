import Foundation
import Layerwise
import Testing

/// The safetensors container: bytes written by hand from the format's description, the
/// half-precision conversions, and every kind of malformed file.
@Suite struct SafetensorsFormatTests {
    /// A file from a header text and data bytes: 8-byte little-endian length, header, data.
    static func file(header: String, data: [UInt8]) -> [UInt8] {
        let headerBytes = Array(header.utf8)
        let length = UInt64(headerBytes.count)
        return (0..<8).map { UInt8(truncatingIfNeeded: length >> UInt64(8 * $0)) } + headerBytes + data
    }

    /// F32 1.5 is 0x3FC00000 and −2 is 0xC0000000, stored little-endian.
    static let twoFloats: [UInt8] = [0x00, 0x00, 0xC0, 0x3F, 0x00, 0x00, 0x00, 0xC0]

    @Test func readsHandWrittenFile() throws {
        let bytes = Self.file(
            header: #"{"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[1,2],"data_offsets":[0,8]}}"#,
            data: Self.twoFloats)
        let file = try SafetensorsFile(bytes: bytes)
        #expect(file.metadata == ["format": "pt"])
        #expect(file.names == ["w"])
        #expect(try file.tensor(named: "w", as: Float.self) == Tensor(shape: [1, 2], scalars: [1.5, -2]))
        #expect(try file.tensor(named: "w", as: Double.self) == Tensor(shape: [1, 2], scalars: [1.5, -2]))
    }

    /// The writer's bytes, spelled out: the header is compact JSON padded with spaces to a
    /// multiple of 8 bytes (with the 8-byte length), then the data.
    @Test func writesTheFormat() throws {
        var file = SafetensorsFile()
        file.metadata["k"] = "v"
        file["w"] = SafetensorsTensor(Tensor<Float>([1.5, -2]))
        file["d"] = SafetensorsTensor(Tensor<Double>(shape: [], scalars: [0.5]))
        let json = #"{"__metadata__":{"k":"v"},"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"d":{"dtype":"F64","shape":[],"data_offsets":[8,16]}}"#
        let padding = (8 - json.utf8.count % 8) % 8
        // 0.5 = 0x3FE0000000000000.
        let expected = Self.file(
            header: json + String(repeating: " ", count: padding),
            data: Self.twoFloats + [0, 0, 0, 0, 0, 0, 0xE0, 0x3F])
        #expect(file.serialized() == expected)
        #expect(try SafetensorsFile(bytes: expected) == file)
    }

    /// Half precision: sign, 5 exponent bits (bias 15), 10 fraction bits; bfloat16 is the top
    /// half of a Float. Each value below is worked out from its bits.
    @Test func halfPrecisionConversions() throws {
        let halves: [(UInt16, Float)] = [
            (0x3C00, 1), (0xC000, -2), (0x7BFF, 65504), (0x0001, 0x1p-24), (0x03FF, 1023 * 0x1p-24),
            (0x0400, 0x1p-14), (0x3555, 0.333251953125), (0x8000, -0.0), (0x7C00, .infinity), (0xFC00, -.infinity),
        ]
        let brains: [(UInt16, Float)] = [(0x3F80, 1), (0xC0A0, -5), (0x4049, 3.140625), (0x0001, 0x1p-133)]
        for (dtype, cases) in [("F16", halves), ("BF16", brains)] {
            let data = cases.flatMap { [UInt8($0.0 & 0xFF), UInt8($0.0 >> 8)] }
            let header = #"{"h":{"dtype":"\#(dtype)","shape":[\#(cases.count)],"data_offsets":[0,\#(data.count)]}}"#
            let file = try SafetensorsFile(bytes: Self.file(header: header, data: data))
            let values = try file.tensor(named: "h", as: Float.self).scalars
            #expect(values.map(\.bitPattern) == cases.map(\.1.bitPattern), "\(dtype)")
            let doubles = try file.tensor(named: "h", as: Double.self).scalars
            #expect(doubles == cases.map { Double($0.1) }, "\(dtype)")
        }
        // A NaN stays a NaN.
        let nan = try SafetensorsFile(bytes: Self.file(header: #"{"n":{"dtype":"F16","shape":[],"data_offsets":[0,2]}}"#, data: [0x01, 0x7E]))
        #expect(try nan.tensor(named: "n", as: Float.self).scalars[0].isNaN)
    }

    /// Zero-element tensors take no bytes and may share an offset.
    @Test func emptyTensors() throws {
        let header = #"{"a":{"dtype":"F32","shape":[0,3],"data_offsets":[0,0]},"b":{"dtype":"F64","shape":[0],"data_offsets":[0,0]}}"#
        let file = try SafetensorsFile(bytes: Self.file(header: header, data: []))
        #expect(try file.tensor(named: "a", as: Float.self).shape == [0, 3])
        #expect(try SafetensorsFile(bytes: file.serialized()) == file)
    }

    static let f32Pair = #"{"dtype":"F32","shape":[2],"data_offsets":[0,8]}"#

    /// Malformed headers: each throws, naming the tensor (or byte offset) and the problem.
    @Test(arguments: [
        (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, 7, "a", "run past the end of the data (7 bytes)"),
        (#"{"a":{"dtype":"F33","shape":[2],"data_offsets":[0,8]}}"#, 8, "a", "unknown dtype \"F33\""),
        (#"{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}"#, 8, "a", "must hold non-negative integers"),
        (#"{"a":{"dtype":"F32","shape":[2.0],"data_offsets":[0,8]}}"#, 8, "a", "must hold non-negative integers"),
        (#"{"a":{"dtype":"F32","shape":["2"],"data_offsets":[0,8]}}"#, 8, "a", "must hold non-negative integers"),
        (#"{"a":{"dtype":"F32","shape":2,"data_offsets":[0,8]}}"#, 8, "a", "shape must be an array"),
        (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[8]}}"#, 8, "a", "must be two non-negative integers"),
        (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,99999999999999999999999]}}"#, 8, "a", "must be two non-negative integers"),
        (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}"#, 8, "a", "end before they begin"),
        (#"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, 8, "a", "hold 8 bytes, but shape [3] of F32 needs 12"),
        (#"{"a":{"dtype":"F32","shape":[4294967296,4294967296,4294967296],"data_offsets":[0,8]}}"#, 8, "a", "too large"),
        (#"{"a":{"dtype":"F32","shape":[0,4294967296,4294967296,4294967296],"data_offsets":[0,0]}}"#, 0, "a", "too large"),
        (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8],"extra":1}}"#, 8, "a", "unexpected field \"extra\""),
        (#"{"a":{"shape":[2],"data_offsets":[0,8]}}"#, 8, "a", "missing dtype"),
        (#"{"a":{"dtype":"F32","data_offsets":[0,8]}}"#, 8, "a", "missing shape"),
        (#"{"a":{"dtype":"F32","shape":[2]}}"#, 8, "a", "missing data_offsets"),
        (#"{"a":[1]}"#, 0, "a", "must be an object"),
        (#"{"":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, 8, "", "empty tensor name"),
        (#"{"__metadata__":{"k":1}}"#, 0, "__metadata__", "metadata \"k\" must be a string"),
        (#"{"__metadata__":[]}"#, 0, "__metadata__", "must be an object of strings"),
        // Two tensors over the same bytes, and a gap between two tensors.
        (#"{"a":\#(f32Pair),"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#, 12, "b", "overlap the previous tensor's data (which ends at 8)"),
        (#"{"a":\#(f32Pair),"b":{"dtype":"F32","shape":[2],"data_offsets":[12,20]}}"#, 20, "b", "leave bytes 8..<12 of the data unused"),
        (#"{"b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}"#, 16, "b", "leave bytes 0..<8 of the data unused"),
    ])
    func malformedEntries(header: String, dataSize: Int, tensor: String, words: String) throws {
        let bytes = Self.file(header: header, data: [UInt8](repeating: 0, count: dataSize))
        let error = try #require(dataFileError { _ = try SafetensorsFile(bytes: bytes, source: "bad.safetensors") })
        #expect(error.source == "bad.safetensors")
        #expect(error.location == .tensor(tensor), "\(error)")
        #expect(error.reason.contains(words), "\(error)")
    }

    /// Malformed bytes: errors naming the byte offset.
    @Test func malformedBytes() throws {
        func error(_ bytes: [UInt8]) -> DataFileError? {
            dataFileError { _ = try SafetensorsFile(bytes: bytes, source: "x") }
        }
        let valid = Self.file(header: #"{"a":\#(Self.f32Pair)}"#, data: Self.twoFloats)
        // Shorter than the length field.
        #expect(error([1, 0, 0])?.reason.contains("too short for the 8-byte header length") == true)
        // A header length past the end: the file is truncated.
        let truncated = try #require(error(Array(valid.prefix(20))))
        #expect(truncated.location == .byteOffset(0))
        #expect(truncated.reason.contains("runs past the end of the file (20 bytes): the file is truncated"))
        // Over the 100 MB header limit (100 000 001 = 0x05F5E101).
        let huge = try #require(error([0x01, 0xE1, 0xF5, 0x05, 0, 0, 0, 0] + Array(valid.dropFirst(8))))
        #expect(huge.reason.contains("larger than the limit of 100000000 bytes"))
        // One more byte of data than the tensors cover.
        let trailing = try #require(error(valid + [0]))
        #expect(trailing.location == .byteOffset(valid.count))
        #expect(trailing.reason.contains("1 bytes after the last tensor's data"))
        // The header must be a JSON object.
        let array = try #require(error(Self.file(header: "[1]", data: [])))
        #expect(array.location == .byteOffset(8))
        #expect(array.reason.contains("does not start with '{'"))
        // Not JSON, duplicate names, trailing text, deep nesting, invalid UTF-8.
        for (header, words) in [
            (#"{"a":}"#, "unexpected character"),
            (#"{"a":\#(Self.f32Pair),"a":\#(Self.f32Pair)}"#, "duplicate key \"a\""),
            (#"{"a":\#(Self.f32Pair)} x"#, "unexpected text after the JSON value"),
            ("{\"a\":" + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}", "nesting deeper than 64"),
            (#"{"a":"\u12"}"#, "four hexadecimal digits"),
            (#"{"a":"\ud800"}"#, "unpaired surrogate"),
            (#"{"a":01}"#, "leading zero"),
        ] {
            let found = try #require(error(Self.file(header: header, data: [])), "\(header)")
            #expect(found.reason.contains(words), "\(found)")
        }
        var invalidUTF8 = Self.file(header: #"{"a\#u{01}":1}"#, data: [])
        invalidUTF8[10] = 0xFF
        #expect(error(invalidUTF8)?.reason.contains("invalid UTF-8 byte FF") == true)
    }

    /// Cutting a valid file anywhere throws.
    @Test func everyTruncationThrows() throws {
        var file = SafetensorsFile()
        file.metadata["note"] = "ünïcode ✓"
        file["a"] = SafetensorsTensor(Tensor<Float>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]))
        file["b"] = SafetensorsTensor(int64: [7], shape: [])
        let bytes = file.serialized()
        #expect(try SafetensorsFile(bytes: bytes) == file)
        for length in 0..<bytes.count {
            #expect(dataFileError { _ = try SafetensorsFile(bytes: Array(bytes[..<length])) } != nil, "cut at \(length)")
        }
    }

    /// Reading a non-floating tensor as weights, or a missing one, names it.
    @Test func tensorLookupErrors() throws {
        var file = SafetensorsFile()
        file["steps"] = SafetensorsTensor(int64: [1, 2], shape: [2])
        let integer = try #require(dataFileError { _ = try file.tensor(named: "steps", as: Float.self) })
        #expect(integer.description == #"<memory>: tensor "steps": dtype I64 is not a floating-point type (F64, F32, F16, BF16)"#)
        let missing = try #require(dataFileError { _ = try file.tensor(named: "nope", as: Float.self) })
        #expect(missing.location == .tensor("nope"))
        #expect(file["steps"]?.int64Values() == [1, 2])
    }
}
