import Foundation

/// Every file under a folder and its bytes, to prove a folder did not change
/// ("byte for byte") or that two builds are identical.
public struct FolderSnapshot: Equatable, Sendable {
    public let files: [String: Data]

    public init(_ folder: URL) {
        var files: [String: Data] = [:]
        let base = folder.standardizedFileURL.resolvingSymlinksInPath().path + "/"
        if let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) {
            while let url = enumerator.nextObject() as? URL {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
                let path = url.standardizedFileURL.resolvingSymlinksInPath().path
                files[String(path.dropFirst(base.count))] = (try? Data(contentsOf: url)) ?? Data()
            }
        }
        self.files = files
    }

    /// Paths whose bytes differ, or that only one side has.
    public func differences(from other: FolderSnapshot) -> [String] {
        Set(files.keys).union(other.files.keys).filter { files[$0] != other.files[$0] }.sorted()
    }
}

extension BinaryRunner {
    /// Starts the binary without waiting, for tests that interrupt it.
    public func start(_ arguments: [String], in folder: URL) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}
