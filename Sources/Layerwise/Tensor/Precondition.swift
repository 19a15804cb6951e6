/// Stops the program with `message` when `condition` is false, in every build configuration.
///
/// Programmer errors in Layerwise (shape mismatches, indices out of range, backward before
/// forward) stop with a message that names what was called and the shapes involved. The
/// standard library's `precondition` drops its message in optimized builds ("precondition
/// failure" is all a release build prints), so the library's checks go through this function,
/// which calls `fatalError` and keeps it. `message` is evaluated only when the check fails.
@inline(__always) @usableFromInline
func checkPrecondition(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
    file: StaticString = #file, line: UInt = #line
) {
    if !condition() {
        programmerError(message(), file: file, line: line)
    }
}

/// Stops the program with `message`, prefixed by "Layerwise: ", in every build configuration
/// (in place of `preconditionFailure`, whose message optimized builds drop).
@usableFromInline
func programmerError(_ message: String, file: StaticString = #file, line: UInt = #line) -> Never {
    fatalError("Layerwise: " + message, file: file, line: line)
}
