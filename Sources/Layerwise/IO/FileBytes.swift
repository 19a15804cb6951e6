import Foundation

/// The contents of the file at `url`, or an error naming the file.
func readFileBytes(_ url: URL) throws(DataFileError) -> [UInt8] {
    do {
        return [UInt8](try Data(contentsOf: url))
    } catch {
        throw DataFileError(
            source: url.path, location: .wholeFile,
            reason: "cannot be read (\(error.localizedDescription))")
    }
}
