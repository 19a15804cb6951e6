import Foundation
import Layerwise
import Testing

/// Writes replace checkpoints atomically: an interrupted write leaves the previous file intact.
@Suite struct CheckpointAtomicWriteTests {
    static func weights(seed: UInt64) -> Sequential<Float> {
        CheckpointTests.network(Float.self, seed: seed)
    }

    /// A write abandoned between writing the bytes and renaming them (the failure the rename
    /// protects against) leaves the old checkpoint byte for byte, and removes its temporary file.
    @Test func failureBeforeRenameKeepsThePreviousFile() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("model.safetensors")
        try Self.weights(seed: 1).saveWeights(to: url)
        let before = try Data(contentsOf: url)

        let writer = try AtomicFileWriter(destination: url)
        #expect(writer.temporaryFile.deletingLastPathComponent().path == folder.path)
        try writer.write(SafetensorsFile(weightsOf: Self.weights(seed: 2)).serialized())
        #expect(FileManager.default.fileExists(atPath: writer.temporaryFile.path))
        #expect(try Data(contentsOf: url) == before)
        writer.abandon()
        #expect(try Data(contentsOf: url) == before)
        #expect(!FileManager.default.fileExists(atPath: writer.temporaryFile.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["model.safetensors"])

        // A completed write replaces it.
        try Self.weights(seed: 2).saveWeights(to: url)
        var model = Self.weights(seed: 3)
        try model.loadWeights(from: url)
        #expect(weightBits(model) == weightBits(Self.weights(seed: 2)))
    }

    /// A process that dies in the middle of writing a checkpoint (here: after half the bytes)
    /// leaves the previous checkpoint loadable and unchanged; the half-written temporary file is
    /// itself rejected as truncated, and the next write deletes it.
    @Test func crashMidWriteKeepsThePreviousFile() async throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("model.safetensors")
        try Self.weights(seed: 1).saveWeights(to: url)
        let before = try Data(contentsOf: url)

        let path = url.path
        await #expect(processExitsWith: .failure) { [path = path as String] in
            let url = URL(fileURLWithPath: path)
            let bytes = SafetensorsFile(weightsOf: Self.weights(seed: 2)).serialized()
            let writer = try AtomicFileWriter(destination: url)
            try writer.write(Array(bytes.prefix(bytes.count / 2)))
            fatalError("simulated crash in the middle of a checkpoint write")
        }

        #expect(try Data(contentsOf: url) == before)
        var model = Self.weights(seed: 3)
        try model.loadWeights(from: url)
        #expect(weightBits(model) == weightBits(Self.weights(seed: 1)))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "model.safetensors" }
        #expect(leftovers.count == 1)
        let partial = try #require(leftovers.first)
        #expect(partial.hasPrefix(".model.safetensors.partial-"))
        let error = try #require(dataFileError { _ = try SafetensorsFile(contentsOf: folder.appendingPathComponent(partial)) })
        #expect(error.reason.contains("truncated"))

        // The next write to the same destination deletes the dead writer's file.
        try Self.weights(seed: 4).saveWeights(to: url)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["model.safetensors"])
    }

    /// Temporary files left by writers that died — complete or not — are deleted by the next
    /// write to the same destination; files that only look similar, and other destinations'
    /// temporary files, are left alone.
    @Test func nextWriteDeletesStrayTemporaryFiles() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("model.safetensors")
        try Self.weights(seed: 1).saveWeights(to: url)
        let complete = try Data(contentsOf: url)
        let strays = [".model.safetensors.partial-999999-1", ".model.safetensors.partial-2-17"]
        let bystanders = [
            ".model.safetensors.partial-notes", ".model.safetensors.partial-1-2-3", ".other.safetensors.partial-5-1",
            "model.safetensors.bak",
        ]
        try complete.write(to: folder.appendingPathComponent(strays[0]))
        try complete.prefix(100).write(to: folder.appendingPathComponent(strays[1]))
        for name in bystanders { try Data([1, 2, 3]).write(to: folder.appendingPathComponent(name)) }

        try Self.weights(seed: 2).saveWeights(to: url)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(left == (bystanders + ["model.safetensors"]).sorted())
        var model = Self.weights(seed: 3)
        try model.loadWeights(from: url)
        #expect(weightBits(model) == weightBits(Self.weights(seed: 2)))
    }

    /// A writer still writing keeps its temporary file while another write to the same
    /// destination comes and goes (its lock says it is alive), and then commits normally.
    @Test func liveWriterKeepsItsTemporaryFile() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("model.safetensors")
        let slowWriter = try AtomicFileWriter(destination: url)
        try slowWriter.write(SafetensorsFile(weightsOf: Self.weights(seed: 1)).serialized())

        try Self.weights(seed: 2).saveWeights(to: url)
        #expect(FileManager.default.fileExists(atPath: slowWriter.temporaryFile.path))
        try slowWriter.commit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["model.safetensors"])
        var model = Self.weights(seed: 3)
        try model.loadWeights(from: url)
        #expect(weightBits(model) == weightBits(Self.weights(seed: 1)))
    }

    /// A folder that does not exist is an error naming the destination; nothing is created.
    @Test func unwritableFolder() throws {
        let url = URL(fileURLWithPath: "/nonexistent-folder-\(UUID().uuidString)/model.safetensors")
        let error = try #require(dataFileError { try Self.weights(seed: 1).saveWeights(to: url) })
        #expect(error.source == url.path)
        #expect(error.reason.contains("cannot create a temporary file"))
    }
}
