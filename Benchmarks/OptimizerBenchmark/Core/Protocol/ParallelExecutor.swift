import Dispatch
import Foundation

/// Runs independent jobs on a few threads and returns their results in the jobs' order.
///
/// Each worker takes the next job not yet started; results do not depend on how the jobs are
/// spread over the workers, only the timings do.
enum ParallelExecutor {
    /// The results of `jobs`, run at most `workers` at a time.
    ///
    /// - Parameters:
    ///   - jobs: The work, in order.
    ///   - workers: The number of threads (1 runs everything on the calling thread).
    ///   - order: The order in which jobs are started (indices into `jobs`; default as given).
    /// - Returns: `jobs[i]()` at index i.
    static func run<Result: Sendable>(
        _ jobs: [@Sendable () -> Result], workers: Int, startOrder order: [Int]? = nil
    ) -> [Result] {
        let order = order ?? Array(jobs.indices)
        let box = ResultBox<Result>(count: jobs.count)
        let workerCount = max(1, min(workers, jobs.count))
        let work: @Sendable (Int) -> Void = { _ in
            while let next = box.takeNext(limit: order.count) {
                let index = order[next]
                box.store(jobs[index](), at: index)
            }
        }
        if workerCount == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workerCount, execute: work)
        }
        return box.results()
    }
}

/// The shared state of the workers: the next job to start and the results, behind a lock.
private final class ResultBox<Result: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var values: [Result?]

    init(count: Int) {
        values = Array(repeating: nil, count: count)
    }

    func takeNext(limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < limit else { return nil }
        next += 1
        return next - 1
    }

    func store(_ value: Result, at index: Int) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }

    func results() -> [Result] {
        lock.lock()
        defer { lock.unlock() }
        return values.map { $0! }
    }
}
