import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file so that readers (and a later run after a crash) see either the old contents
/// or the new contents, never a mixture or a truncated file.
///
/// The bytes go to a new temporary file in the destination's folder (same file system, so the
/// rename is atomic), named `.<name>.partial-<pid>-<n>`; `commit()` flushes it to the disk
/// (`fsync`), renames it over the destination (`rename(2)`, atomic on POSIX file systems) and
/// flushes the folder so the rename itself survives a power cut. Until `commit()` returns, the
/// destination is untouched; `abandon()` deletes the temporary file.
///
/// A process that dies before committing leaves the old destination intact and its temporary
/// file behind, which may be incomplete or complete. The writer holds an exclusive `flock(2)`
/// on its temporary file while it is open, and the system releases it when the process dies;
/// so the next `AtomicFileWriter` for the same destination deletes every such file whose lock
/// it can take (a writer that died) and leaves those of writers still running. Where the file
/// system does not support `flock`, nothing is deleted.
///
/// ```swift
/// let writer = try AtomicFileWriter(destination: url)
/// try writer.write(bytes)
/// try writer.commit()
/// ```
public final class AtomicFileWriter {
    /// The file to replace.
    public let destination: URL
    /// The temporary file being written.
    public let temporaryFile: URL
    /// The open temporary file; nil once committed or abandoned.
    private var handle: FileHandle?

    /// Distinguishes temporary files of one process.
    nonisolated(unsafe) private static var counter = 0
    private static let counterLock = NSLock()

    /// Deletes the temporary files that dead writers left for `destination`, then creates (and
    /// locks) the temporary file beside it.
    ///
    /// - Parameter destination: The file to write (it need not exist yet).
    /// - Throws: `DataFileError` naming the destination when the folder does not exist or is not writable.
    /// - Complexity: O(f) for f entries in the destination's folder (one listing).
    public init(destination: URL) throws(DataFileError) {
        self.destination = destination
        let folder = destination.deletingLastPathComponent()
        let prefix = ".\(destination.lastPathComponent).partial-"
        Self.removeTemporaryFilesOfDeadWriters(in: folder, prefix: prefix)
        for _ in 0..<100 {
            let number = Self.counterLock.withLock {
                Self.counter += 1
                return Self.counter
            }
            let candidate = folder.appendingPathComponent("\(prefix)\(getpid())-\(number)")
            let descriptor = open(candidate.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                // A file of that name left by an earlier process with the same id: the next number.
                if errno == EEXIST { continue }
                throw Self.failure(destination, "cannot create a temporary file in \(folder.path)")
            }
            // The lock marks the file as being written. Taken at once unless another writer's
            // cleanup holds it this instant (it will delete the file): then the next number.
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK
                || !Self.path(candidate.path, names: descriptor)
            {
                close(descriptor)
                continue
            }
            temporaryFile = candidate
            handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            return
        }
        throw Self.failure(destination, "cannot create a temporary file in \(folder.path) after 100 attempts")
    }

    /// Deletes the files `.<name>.partial-<pid>-<n>` in `folder` whose lock can be taken: their
    /// writer is no longer running (or abandoned them unclosed in this process, which cannot
    /// happen: `deinit` closes).
    private static func removeTemporaryFilesOfDeadWriters(in folder: URL, prefix: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            let suffix = name.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
            guard suffix.count == 2, suffix.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
            else { continue }
            let path = folder.appendingPathComponent(name).path
            let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0, Self.path(path, names: descriptor) else { continue }
            unlink(path)
        }
    }

    /// Whether `path` still names the regular file open as `descriptor` (it was not deleted
    /// or replaced since it was opened).
    private static func path(_ path: String, names descriptor: Int32) -> Bool {
        var open = stat()
        var named = stat()
        guard fstat(descriptor, &open) == 0, lstat(path, &named) == 0 else { return false }
        return (open.st_mode & S_IFMT) == S_IFREG && open.st_dev == named.st_dev && open.st_ino == named.st_ino
    }

    /// An error naming the destination, with the system's reason.
    private static func failure(_ destination: URL, _ what: String) -> DataFileError {
        DataFileError(
            source: destination.path, location: .wholeFile,
            reason: "\(what): \(String(cString: strerror(errno)))")
    }

    /// Appends bytes to the temporary file.
    ///
    /// - Parameter bytes: The next bytes of the new contents.
    /// - Throws: `DataFileError` when the write fails (for example, the disk is full).
    /// - Precondition: neither `commit()` nor `abandon()` has been called.
    public func write(_ bytes: [UInt8]) throws(DataFileError) {
        guard let handle else { programmerError("AtomicFileWriter: write after commit or abandon") }
        do {
            try handle.write(contentsOf: Data(bytes))
        } catch {
            throw DataFileError(
                source: destination.path, location: .wholeFile,
                reason: "writing \(temporaryFile.lastPathComponent) failed: \(error.localizedDescription)")
        }
    }

    /// Flushes the temporary file to the disk and renames it over the destination.
    ///
    /// - Throws: `DataFileError` when flushing or renaming fails; the destination is then unchanged.
    /// - Precondition: neither `commit()` nor `abandon()` has been called.
    public func commit() throws(DataFileError) {
        guard let handle else { programmerError("AtomicFileWriter: commit after commit or abandon") }
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw DataFileError(
                source: destination.path, location: .wholeFile,
                reason: "flushing \(temporaryFile.lastPathComponent) failed: \(error.localizedDescription)")
        }
        self.handle = nil
        guard rename(temporaryFile.path, destination.path) == 0 else {
            let error = Self.failure(destination, "cannot rename \(temporaryFile.lastPathComponent) over it")
            unlink(temporaryFile.path)
            throw error
        }
        // Flush the folder so that the rename is on the disk too (best effort).
        let folder = open(destination.deletingLastPathComponent().path, O_RDONLY)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }

    /// Closes and deletes the temporary file, leaving the destination as it was. Does nothing
    /// after `commit()`.
    public func abandon() {
        guard let handle else { return }
        try? handle.close()
        self.handle = nil
        unlink(temporaryFile.path)
    }

    deinit {
        abandon()
    }
}
