import Foundation
import Layerwise

extension Components {
    /// IDX bytes to a `[N, 784]` Float tensor scaled to [0, 1], for 10 000 MNIST-sized images
    /// (bytes generated here; the reader's speed does not depend on the pixel values).
    mutating func dataConversion() {
        let count = 10000
        var bytes: [UInt8] = [0, 0, 8, 3]
        for extent in [count, 28, 28] {
            bytes += [UInt8(extent >> 24 & 255), UInt8(extent >> 16 & 255), UInt8(extent >> 8 & 255), UInt8(extent & 255)]
        }
        bytes += (0..<(count * 784)).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 13) }
        let array = try! IDXArray(bytes: bytes)
        record("data", "IDX to scaled Float", "10000×784") {
            var images = array.examples(as: Float.self)
            images *= 1 / 255
        }
    }
}
