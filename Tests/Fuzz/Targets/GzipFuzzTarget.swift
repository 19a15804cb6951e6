// libFuzzer target for the gzip container and the DEFLATE decoder.
// Compiled with Sources/Layerwise and Tests/Fuzz/main.swift by Tests/Fuzz/run.sh (not part of the package).
//
// Oracle: decompression never crashes and never exceeds the output limit. The input is also
// decoded as a raw DEFLATE stream from its first byte, so the decoder is exercised even when
// the fuzzer breaks the gzip header.

func fuzzGzip(_ bytes: [UInt8]) {
    let limit = 1 << 22
    if let output = try? Gzip.decompress(bytes, source: "fuzz", maximumOutputSize: limit) {
        precondition(output.count <= limit, "output over the limit")
    }
    var reader = BitReader(bytes, start: 0, source: "fuzz-raw")
    if let output = try? DeflateDecoder.decompress(&reader, maximumOutputSize: limit) {
        precondition(output.count <= limit, "output over the limit")
    }
}
