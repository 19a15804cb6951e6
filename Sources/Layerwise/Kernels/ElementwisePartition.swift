/// A whole-buffer element-wise kernel split into contiguous parts for the thread pool: part
/// `index` of `parts` covers elements `range(of: index)`, boundaries on multiples of 64 so
/// that every part but the last is whole vectors. Elements are independent, so any split gives
/// the same result, bit for bit.
struct ElementwisePartition: @unchecked Sendable {
    let count: Int
    let parts: Int
    /// Computes the elements of a range: a closure on the stack of `forEachRange`, which
    /// outlives every part (a pointer, so that workers never retain it).
    let body: UnsafePointer<(Range<Int>) -> Void>

    /// Buffers shorter than this run on the calling thread: below it, waking a worker costs
    /// more than the worker saves (the cheapest kernels, a few ns per 64 elements, break even
    /// near 30 000 elements; the transcendental ones much earlier).
    static let minimumElementsPerPart = 16384

    func range(of index: Int) -> Range<Int> {
        let blocks = (count + 63) / 64
        let start = min(index * blocks / parts * 64, count)
        let end = min((index + 1) * blocks / parts * 64, count)
        return start..<end
    }

    /// Calls `body` on ranges that together cover `0..<count`, on up to `Parallelism.threadCount`
    /// threads; `minimumPerPart` (default `minimumElementsPerPart`) is the smallest part worth a thread.
    @inline(__always)
    static func forEachRange(
        count: Int, minimumPerPart: Int = minimumElementsPerPart, _ body: (Range<Int>) -> Void
    ) {
        let parts = max(1, min(Parallelism.threadCount, count / max(1, minimumPerPart)))
        guard parts > 1 else {
            if count > 0 { body(0..<count) }
            return
        }
        withoutActuallyEscaping(body) { body in
            var stored = body
            withUnsafePointer(to: &stored) { pointer in
                let partition = ElementwisePartition(count: count, parts: parts, body: pointer)
                ComputeThreadPool.shared.run(.elementwise(partition), parts: parts)
            }
        }
    }
}
