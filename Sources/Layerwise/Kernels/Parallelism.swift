import Foundation
import Synchronization

/// How many threads Layerwise's compute kernels may use.
///
/// Matrix products large enough to gain from it are split by tiles of the output across this
/// many threads (the calling thread and persistent workers), and so is the `Float` Adam update
/// of large parameters (by runs of elements). The split never changes a result: every element
/// sums its terms in the same order whatever the thread count, so outputs (and whole training
/// runs) are bitwise identical for 1, 2 or more threads.
///
/// ```swift
/// Parallelism.threadCount = 1  // single-threaded from now on
/// ```
public enum Parallelism {
    /// The number of threads a matrix product may use, at least 1.
    ///
    /// Defaults to ``defaultThreadCount``. Safe to read and set from any thread; a change
    /// applies to products that start after it.
    ///
    /// - Precondition: The new value is at least 1.
    public static var threadCount: Int {
        get { configuredThreadCount.load(ordering: .relaxed) }
        set {
            checkPrecondition(newValue >= 1, "Parallelism.threadCount: needs at least 1 thread, got \(newValue)")
            configuredThreadCount.store(min(newValue, maximumThreadCount), ordering: .relaxed)
        }
    }

    /// The processors active at launch, at most ``maximumThreadCount``.
    public static let defaultThreadCount = min(
        max(ProcessInfo.processInfo.activeProcessorCount, 1), maximumThreadCount)

    /// The largest thread count used; larger settings are clamped to it.
    public static let maximumThreadCount = 16
}

/// Storage behind `Parallelism.threadCount`.
private let configuredThreadCount = Atomic<Int>(Parallelism.defaultThreadCount)
