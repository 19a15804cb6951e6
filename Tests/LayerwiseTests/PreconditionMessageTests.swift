import Foundation
import Layerwise
import Testing

/// Every check a user can trip prints its message also in release builds.
///
/// The standard library's `precondition` and `preconditionFailure` drop their message in
/// optimized builds, and `assert` does not run there at all; the library's checks call
/// `checkPrecondition` and `programmerError` instead, which keep it. `.ci/run` also runs
/// `precondition-messages` (Tests/PreconditionMessages) from the release build, which trips
/// each kind of check and reads the message it prints.
@Suite struct PreconditionMessageTests {
    static let droppingCalls = ["precondition(", "preconditionFailure(", "assert(", "assertionFailure("]

    /// No source file of the library calls a check that loses its message in release builds
    /// (comments excluded).
    @Test func libraryUsesOnlyChecksThatKeepTheirMessage() throws {
        let sources = repositoryRoot.appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        #expect(files.count > 100)
        var offenders: [String] = []
        for file in files {
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            for (number, line) in lines.enumerated() {
                let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                for call in Self.droppingCalls where Self.calls(call, in: code) {
                    offenders.append("\(file.lastPathComponent):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(offenders.isEmpty, "checks whose message release builds drop:\n\(offenders.joined(separator: "\n"))")
    }

    /// Whether `code` calls the free function `call` (not `checkPrecondition(` or `x.assert(`).
    static func calls(_ call: String, in code: Substring) -> Bool {
        var searchStart = code.startIndex
        while let range = code.range(of: call, range: searchStart..<code.endIndex) {
            let before = range.lowerBound == code.startIndex ? " " : code[code.index(before: range.lowerBound)]
            if !(before.isLetter || before.isNumber || before == "_" || before == ".") { return true }
            searchStart = range.upperBound
        }
        return false
    }

    /// The scanner itself finds a bare call and ignores the message-keeping ones.
    @Test func scannerFindsBareCalls() {
        #expect(Self.calls("precondition(", in: "        precondition(x > 0, \"x\")"))
        #expect(Self.calls("assert(", in: "if a { assert(b) }"))
        #expect(!Self.calls("precondition(", in: "checkPrecondition(x > 0, \"x\")"))
        #expect(!Self.calls("precondition(", in: "Swift.precondition"))
        #expect(!Self.calls("assert(", in: "value.assert(b)"))
    }

    /// A tensor whose scalars do not fill its shape, and an index outside the shape, stop with
    /// a message naming both (these were plain `precondition`s).
    @Test func tensorShapeMismatchNamesBothShapes() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Float>(shape: [2, 3], scalars: [1, 2])
        }
        let message = String(decoding: try #require(result).standardErrorContent, as: UTF8.self)
        #expect(message.contains("Layerwise: Tensor: 2 scalars do not fill shape [2, 3] (6 needed)"), "\(message)")
    }

    @Test func tensorIndexOutsideTheShapeNamesBoth() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let tensor = Tensor<Double>(zeros: [2, 3])
            _ = tensor[1, 3]
        }
        let message = String(decoding: try #require(result).standardErrorContent, as: UTF8.self)
        #expect(message.contains("index [1, 3] is outside shape [2, 3]"), "\(message)")
    }
}
