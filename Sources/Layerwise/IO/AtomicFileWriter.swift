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
/// destination is untouched; `abandon()` deletes the temporary file. A process that dies before
/// committing leaves the old destination intact and a stray `.partial-` file.
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

    /// Creates the temporary file beside `destination`.
    ///
    /// - Parameter destination: The file to write (it need not exist yet).
    /// - Throws: `DataFileError` naming the destination when the folder does not exist or is not writable.
    public init(destination: URL) throws(DataFileError) {
        self.destination = destination
        let number = Self.counterLock.withLock {
            Self.counter += 1
            return Self.counter
        }
        let folder = destination.deletingLastPathComponent()
        temporaryFile = folder.appendingPathComponent(
            ".\(destination.lastPathComponent).partial-\(getpid())-\(number)")
        let descriptor = open(temporaryFile.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            throw Self.failure(destination, "cannot create a temporary file in \(folder.path)")
        }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
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
