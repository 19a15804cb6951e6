import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress display on standard error, redrawn in place while the benchmark runs;
/// silent when standard error is not a terminal (CI logs, redirected output).
///
/// It shows the phase, how many of its runs are done, the runs in progress with their epoch,
/// and the elapsed time: `tuning  37/250 · mnist1d Adam 1e-3 (7/15) · digits SGD 0.01 (3/20) · 1:12`.
public final class ProgressDisplay: @unchecked Sendable {
    /// Whether anything is written.
    public let isEnabled: Bool
    private let lock = NSLock()
    private var phase = ""
    private var total = 0
    private var done = 0
    private var running: [Int: String] = [:]
    private var nextToken = 0
    private var lastDraw = 0.0
    private let clock = Stopwatch()

    /// A display on standard error if it is a terminal.
    ///
    /// - Parameter enabled: Forces the display on or off; by default on exactly when standard
    ///   error is a terminal (`isatty`).
    public init(enabled: Bool? = nil) {
        isEnabled = enabled ?? (isatty(STDERR_FILENO) != 0)
    }

    /// Starts a phase of `total` runs.
    func beginPhase(_ name: String, total: Int) {
        lock.lock()
        phase = name
        self.total = total
        done = 0
        running = [:]
        lock.unlock()
        draw(force: true)
    }

    /// Registers a run in progress; returns the token for `update` and `finish`.
    func start(_ label: String) -> Int {
        lock.lock()
        nextToken += 1
        let token = nextToken
        running[token] = label
        lock.unlock()
        draw(force: false)
        return token
    }

    /// Changes the text of a run in progress.
    func update(_ token: Int, _ label: String) {
        lock.lock()
        running[token] = label
        lock.unlock()
        draw(force: false)
    }

    /// Marks a run as done.
    func finish(_ token: Int) {
        lock.lock()
        running[token] = nil
        done += 1
        lock.unlock()
        draw(force: false)
    }

    /// Prints a line of its own (kept above the progress line), only when enabled.
    func note(_ text: String) {
        guard isEnabled else { return }
        lock.lock()
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text + "\n").utf8))
        lock.unlock()
        draw(force: true)
    }

    /// Clears the progress line.
    public func clear() {
        guard isEnabled else { return }
        lock.lock()
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
        lock.unlock()
    }

    /// Redraws the line, at most ten times a second unless forced.
    private func draw(force: Bool) {
        guard isEnabled else { return }
        lock.lock()
        defer { lock.unlock() }
        guard !phase.isEmpty else { return }
        let now = clock.seconds
        guard force || now - lastDraw >= 0.1 else { return }
        lastDraw = now
        let elapsed = Int(now)
        let time = "\(elapsed / 60):" + (elapsed % 60 < 10 ? "0" : "") + "\(elapsed % 60)"
        let width = String(total).count
        let count = String(repeating: " ", count: max(0, width - String(done).count)) + "\(done)/\(total)"
        let parts = [phase + " " + count] + running.keys.sorted().map { running[$0]! } + [time]
        var line = parts.joined(separator: " · ")
        if line.count > 118 { line = String(line.prefix(117)) + "…" }
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line).utf8))
    }
}
