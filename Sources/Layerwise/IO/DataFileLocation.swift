/// A position in a data file, for error messages.
public enum DataFileLocation: Equatable, Sendable {
    /// The file as a whole (for example, it could not be opened).
    case wholeFile
    /// A byte offset from the start of the file (0-based), for binary formats.
    case byteOffset(Int)
    /// A line and a column (both 1-based; the column counts fields for CSV), for text formats.
    case line(Int, column: Int)
    /// An entry of a file's header, by name (a tensor, or `__metadata__`, of a safetensors file).
    case tensor(String)
}
