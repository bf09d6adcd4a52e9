import Foundation

/// Runs Pagefind (https://pagefind.app) over the complete staged site, so the
/// search index is published in the same atomic swap as the pages it describes.
///
/// Pagefind writes into a scratch folder, not into the staging folder, and its
/// files are then copied in through `StagingFolder`: that way they are in the
/// output's manifest, so the next build replaces them rather than keeping them
/// as someone else's files.
enum SearchIndexer {
    static let executableName = "pagefind"
    /// Where the index is published, under the site's root.
    static let folder = "pagefind"
    static let installHelp = "install it with 'pip install pagefind-bin' and put its 'pagefind' binary on PATH "
        + "(./scripts/build-site does both), or pass --no-search"

    /// `options.search`: true (asked for), false (not wanted), nil (when installed).
    static func run(on staging: StagingFolder, search: Bool?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> [Diagnostic]
    {
        if search == false { return [] }
        guard let executable = locate(in: environment) else {
            let message = "search index not built: \(executableName) is not on PATH"
            return [search == true ? .error("search.missing", message, help: installHelp) : .warning("search.missing", message, help: installHelp)]
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("briefings-search-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let bundle = scratch.appendingPathComponent("bundle")
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            let result = try launch(executable, arguments: ["--site", staging.url.path, "--output-path", bundle.path, "--quiet"],
                                    in: scratch)
            guard result.status == 0 else {
                let said = result.output.split(separator: "\n").suffix(5).joined(separator: " / ")
                return [.error("search.failed", "search index not built: \(executable.path) exited with status \(result.status)",
                               help: said.isEmpty ? "run it by hand: \(executable.path) --site OUTPUT" : "it said: \(said)")]
            }
            for file in files(in: bundle) {
                try staging.copy(bundle.appendingPathComponent(file), to: folder + "/" + file)
            }
            return []
        } catch {
            return [.error("search.failed", "search index not built: \(ContentScanner.reason(error))",
                           help: "check that \(executable.path) runs, or pass --no-search")]
        }
    }

    /// The first executable `pagefind` on PATH.
    static func locate(in environment: [String: String]) -> URL? {
        let path = environment["PATH"] ?? ""
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(executableName)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), !isFolder.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate.path)
            {
                return candidate
            }
        }
        return nil
    }

    /// Runs the indexer with its output in a file (a pipe could fill and block
    /// it) and its working folder a scratch one, so no stray `pagefind.yml`
    /// in the user's folder changes what it does.
    private static func launch(_ executable: URL, arguments: [String], in folder: URL) throws -> (status: Int32, output: String) {
        let log = folder.appendingPathComponent("pagefind.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return (process.terminationStatus, output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Every regular file under a folder, relative to it, sorted.
    private static func files(in folder: URL) -> [String] {
        let base = folder.standardizedFileURL.resolvingSymlinksInPath().path + "/"
        var paths: [String] = []
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let full = url.standardizedFileURL.resolvingSymlinksInPath().path
            if full.hasPrefix(base) { paths.append(String(full.dropFirst(base.count))) }
        }
        return paths.sorted()
    }
}
