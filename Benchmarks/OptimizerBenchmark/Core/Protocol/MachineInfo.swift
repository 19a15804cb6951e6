import Foundation

/// Where the benchmark ran, for the report: processor, cores, operating system.
public struct MachineInfo: Sendable {
    /// The processor model ("Intel(R) Xeon(R) …"), or "unknown".
    public var processor: String
    /// The number of active processor cores.
    public var cores: Int
    /// The operating system's version string.
    public var operatingSystem: String

    /// Creates the description.
    ///
    /// - Parameters: The properties of the same names.
    public init(processor: String, cores: Int, operatingSystem: String) {
        self.processor = processor
        self.cores = cores
        self.operatingSystem = operatingSystem
    }

    /// This machine (the processor from /proc/cpuinfo on Linux).
    public static var current: MachineInfo {
        var processor = "unknown"
        if let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
            let colon = line.firstIndex(of: ":")
        {
            processor = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let info = ProcessInfo.processInfo
        return MachineInfo(processor: processor, cores: info.activeProcessorCount, operatingSystem: info.operatingSystemVersionString)
    }
}
