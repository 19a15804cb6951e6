import Foundation
import Testing

/// Code shown in the documentation and the tested code it must equal, compared line by line
/// (blank lines and `import Layerwise` ignored, indentation normalized).
enum DocumentedCode {
    /// The repository's root: three levels above a file in Tests/LayerwiseTests/.
    static func repositoryRoot(_ testFile: String = #filePath) -> URL {
        URL(fileURLWithPath: testFile).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// The lines of the first ```swift block after `marker` in `document` (a path relative to
    /// the repository's root).
    static func block(in document: String, after marker: String) throws -> [String] {
        let text = try String(contentsOf: repositoryRoot().appendingPathComponent(document), encoding: .utf8)
        let afterMarker = try #require(text.range(of: marker), "\(document) has no \(marker)")
        let rest = text[afterMarker.upperBound...]
        let start = try #require(rest.range(of: "```swift\n"))
        let end = try #require(rest[start.upperBound...].range(of: "```"))
        return normalized(rest[start.upperBound..<end.lowerBound])
    }

    /// The lines between `// BEGIN name` and `// END name` in a test file.
    static func tested(_ name: String, in testFile: String) throws -> [String] {
        let source = try String(contentsOf: URL(fileURLWithPath: testFile), encoding: .utf8)
        let begin = try #require(source.range(of: "// BEGIN \(name)\n"), "\(testFile) has no BEGIN \(name)")
        let end = try #require(source[begin.upperBound...].range(of: "// END \(name)"))
        return normalized(source[begin.upperBound..<end.lowerBound])
    }

    /// Non-blank lines other than `import Layerwise`, with their common indentation removed.
    private static func normalized(_ text: Substring) -> [String] {
        let lines = text.split(separator: "\n").map(String.init).filter {
            !$0.trimmingCharacters(in: .whitespaces).isEmpty && $0 != "import Layerwise"
        }
        let indentation = lines.map { $0.prefix { $0 == " " }.count }.min() ?? 0
        return lines.map { String($0.dropFirst(indentation)) }
    }
}
