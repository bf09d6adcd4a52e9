import Foundation

/// A Markdown file of the site, read and checked to be UTF-8 text.
public struct SourceFile: Sendable {
    public var url: URL
    /// Relative to the content folder, with `/`: `case-studies/kent.md`.
    public var relativePath: String
    /// As shown in messages: `Content/case-studies/kent.md`.
    public var displayPath: String
    public var text: String
    /// Of the file's bytes, to tell whether it changed since the last build.
    public var digest: UInt64 = 0
}

/// A file copied to the output as it is (images, PDFs, stylesheets).
public struct StaticFile: Sendable, Hashable {
    public var source: URL
    /// Relative to the output folder: `assets/logo.svg`.
    public var outputPath: String
}

/// When a file last changed, as the file system says: enough to tell, without
/// reading it, that a file is as it was at the last build.
public struct FileStamp: Sendable, Hashable {
    public var size: Int
    public var modified: Int
    public var inode: Int

    init(_ info: stat) {
        size = Int(info.st_size)
        modified = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
        inode = Int(info.st_ino)
    }

    public init(size: Int, modified: Int, inode: Int) {
        self.size = size
        self.modified = modified
        self.inode = inode
    }
}

/// Finds the site's files under the content folder. It never follows a symlink
/// out of the folder or round a loop, and reports every unreadable, binary or
/// non-UTF-8 file instead of stopping at the first. The walk only looks at the
/// folders (one `readdir` each, one `lstat` a file); reading is a separate
/// step, on all cores, of just the files a build needs to read.
struct ContentScanner {
    let root: URL
    let display: DisplayPath
    /// Files in the content folder that are settings, not pages.
    let settingsFiles: Set<String> = [SiteConfig.fileName, Taxonomies.fileName]
    static let assetsFolder = "assets"

    /// A Markdown file found by the walk, not yet read.
    struct Candidate: Sendable {
        /// The folder's path and the file's name, joined only for the files
        /// read: a path made for each of ten thousand files was a
        /// millisecond of a build that reads one.
        var folder: String
        var name: String
        var relativePath: String
        var stamp: FileStamp
        var path: String { folder.hasSuffix("/") ? folder + name : folder + "/" + name }
        var url: URL { URL(fileURLWithPath: path, isDirectory: false) }
    }

    struct Result {
        var markdown: [Candidate] = []
        var assets: [(file: StaticFile, stamp: FileStamp)] = []
        var diagnostics: [Diagnostic] = []
    }

    /// Walks the content folder.
    func scan() -> Result {
        var result = Result()
        guard let rootReal = Self.realPath(root.path) else {
            result.diagnostics.append(.error("content.missing", "the content folder does not exist",
                                             at: SourceLocation(file: display(root)), help: "create it, or pass --content DIR"))
            return result
        }
        var visited: Set<String> = [rootReal]
        walk(folder: root, relative: "", rootReal: rootReal, visited: &visited, into: &result)
        result.markdown.sort { $0.relativePath < $1.relativePath }
        result.assets.sort { $0.file.outputPath < $1.file.outputPath }
        return result
    }

    /// Reads Markdown files on all cores, in order; each unreadable, binary or
    /// non-UTF-8 file is a finding instead.
    static func read(_ candidates: [Candidate], display: DisplayPath) -> (sources: [SourceFile], diagnostics: [Diagnostic]) {
        var sources: [SourceFile] = []
        var diagnostics: [Diagnostic] = []
        var outcomes = ConcurrentMap.map(candidates, { read(path: $0.path, relativePath: $0.relativePath, display: display) })
        sources.reserveCapacity(outcomes.count)
        // Each file moved out, not copied: popped from the end, then put back in order.
        outcomes.reverse()
        while let outcome = outcomes.popLast() {
            switch consume outcome {
            case .success(let source): sources.append(source)
            case .failure(let failure): diagnostics.append(failure.diagnostic)
            }
        }
        return (sources, diagnostics)
    }

    /// Walks and reads everything: for commands that need the whole site once.
    func scanAndRead() -> (sources: [SourceFile], assets: [StaticFile], diagnostics: [Diagnostic]) {
        let result = scan()
        let (sources, problems) = Self.read(result.markdown, display: display)
        return (sources, result.assets.map(\.file), result.diagnostics + problems)
    }

    private func walk(folder: URL, relative: String, rootReal: String, visited: inout Set<String>, into result: inout Result) {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0, let directory = fdopendir(descriptor) else {
            let reason = String(cString: strerror(errno)).lowercased()
            if descriptor >= 0 { close(descriptor) }
            result.diagnostics.append(.error("file.unreadable", "the folder cannot be read: \(reason)",
                                             at: SourceLocation(file: display(folder)), help: "check its permissions"))
            return
        }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = FileTree.entryName(entry)
            if !name.hasPrefix(".") { names.append(name) }
        }
        names.sort()
        let infos = Self.entryInfos(names, in: descriptor)
        closedir(directory)
        // Paths are strings here: a URL and a display path per file cost more
        // than the system calls on a site of ten thousand pages.
        let folderPath = folder.path
        for (name, entry) in zip(names, infos) {
            var path: String { folderPath.hasSuffix("/") ? folderPath + name : folderPath + "/" + name }
            var url: URL { folder.appendingPathComponent(name) }
            let relativePath = relative.isEmpty ? name : relative + "/" + name
            var location: SourceLocation { SourceLocation(file: display(url)) }
            guard var info = entry else { continue }
            let isSymlink = (info.mode & S_IFMT) == S_IFLNK
            if isSymlink {
                guard let real = Self.realPath(path) else {
                    let loop = errno == ELOOP
                    result.diagnostics.append(.error(
                        loop ? "file.symlink-loop" : "file.broken-symlink",
                        loop ? "the symlink loops back on itself" : "the symlink points to nothing",
                        at: location, help: "remove the symlink or point it at a file inside the content folder"))
                    continue
                }
                if real != rootReal, !real.hasPrefix(rootReal + "/") {
                    result.diagnostics.append(.error("file.symlink-outside", "the symlink points outside the content folder, to \(real)",
                                                     at: location, help: "copy the file into the content folder instead"))
                    continue
                }
                var followed = stat()
                guard stat(path, &followed) == 0 else { continue }
                info = EntryInfo(followed)
            }
            if (info.mode & S_IFMT) == S_IFDIR {
                let real = isSymlink ? (Self.realPath(path) ?? path) : rootReal + "/" + relativePath
                guard visited.insert(real).inserted else {
                    result.diagnostics.append(.error("file.symlink-loop", "the symlink leads back to a folder already read, which would loop",
                                                     at: location, help: "remove the symlink"))
                    continue
                }
                if relative.isEmpty, name == Self.assetsFolder {
                    collectAssets(folder: url, relative: name, rootReal: rootReal, visited: &visited, into: &result)
                } else {
                    walk(folder: url, relative: relativePath, rootReal: rootReal, visited: &visited, into: &result)
                }
            } else if relative.isEmpty, settingsFiles.contains(name) {
                continue
            } else if name.hasSuffix(".md") {
                result.markdown.append(Candidate(folder: folderPath, name: name, relativePath: relativePath, stamp: info.stamp))
            } else {
                classifyStray(url, location: location, into: &result)
            }
        }
    }

    /// What the walk needs of an entry's `lstat`: its type and its stamp, a
    /// fifth of the whole (ten thousand of them were a megabyte and a half
    /// of fresh memory on every build).
    struct EntryInfo: Sendable {
        var mode: mode_t
        var stamp: FileStamp

        init(_ info: stat) {
            mode = info.st_mode
            stamp = FileStamp(info)
        }
    }

    /// Each entry's `lstat`, looked up from the open folder (a one-part lookup,
    /// not the whole path), and on every core for a large folder: a site's
    /// case studies are thousands of files in one folder.
    static func entryInfos(_ names: [String], in folder: Int32) -> [EntryInfo?] {
        @Sendable func info(_ name: String) -> EntryInfo? {
            var info = stat()
            return fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 ? EntryInfo(info) : nil
        }
        return ConcurrentMap.map(names, inRunsOf: 256, info)
    }

    /// Everything under `Content/assets/` is copied as is, keeping its path.
    private func collectAssets(folder: URL, relative: String, rootReal: String, visited: inout Set<String>, into result: inout Result) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        for name in names where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name)
            guard let real = Self.realPath(url.path), real.hasPrefix(rootReal + "/") else {
                result.diagnostics.append(.error("file.symlink-outside", "the asset is a symlink that loops or leads outside the content folder",
                                                 at: SourceLocation(file: display(url)), help: "copy the file into the content folder instead"))
                continue
            }
            var info = stat()
            guard stat(url.path, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                guard visited.insert(real).inserted else { continue }
                collectAssets(folder: url, relative: relative + "/" + name, rootReal: rootReal, visited: &visited, into: &result)
            } else if FileManager.default.isReadableFile(atPath: url.path) {
                result.assets.append((StaticFile(source: url, outputPath: relative + "/" + name), FileStamp(info)))
            } else {
                result.diagnostics.append(.error("file.unreadable", "the asset cannot be read (permission denied)",
                                                 at: SourceLocation(file: display(url)), help: "check its permissions"))
            }
        }
    }

    struct ReadFailure: Error {
        var diagnostic: Diagnostic
    }

    static func read(path: String, relativePath: String, display: DisplayPath) -> Swift.Result<SourceFile, ReadFailure> {
        let file = display(path: path)
        let url = URL(fileURLWithPath: path, isDirectory: false)
        let data: Data
        if let read = FileTree.data(of: path) {
            data = read
        } else {
            // Read again through Foundation, for the reason it gives.
            do {
                data = try Data(contentsOf: url)
            } catch {
                return .failure(ReadFailure(diagnostic: .error("file.unreadable", "the file cannot be read: \(reason(error))",
                                                               at: SourceLocation(file: file), help: "check its permissions")))
            }
        }
        var text: String
        switch TextCheck.text(of: data) {
        case .success(let checked): text = checked
        case .failure(let problem):
            return .failure(ReadFailure(diagnostic: .error(problem.code, problem.message,
                                                           at: SourceLocation(file: file, line: problem.line, column: problem.column),
                                                           help: problem.help)))
        }
        // The bytes first: `hasPrefix` with a non-ASCII prefix goes through
        // Foundation's string search, and almost no file starts with a BOM.
        if text.utf8.starts(with: [0xEF, 0xBB, 0xBF]), text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return .success(SourceFile(url: url, relativePath: relativePath, displayPath: file, text: text,
                                   digest: data.withUnsafeBytes { Digest.of(bytes: $0) }))
    }

    /// A file that is neither Markdown nor under `assets/`: a binary one is an
    /// error (it would silently vanish from the site), a text one a warning.
    private func classifyStray(_ url: URL, location: SourceLocation, into result: inout Result) {
        let sample = (try? FileHandle(forReadingFrom: url)).flatMap { handle -> Data? in
            defer { try? handle.close() }
            return try? handle.read(upToCount: 8192)
        } ?? Data()
        if sample.contains(0) {
            result.diagnostics.append(.error("file.binary", "a binary file among the pages; only Markdown (.md) files are pages",
                                             at: location, help: "move it to \(display(root.appendingPathComponent(Self.assetsFolder)))/ to publish it"))
        } else {
            result.diagnostics.append(.warning("file.ignored", "this file is not Markdown (.md) and is not published",
                                               at: location, help: "rename it to .md to make it a page, or move it to assets/"))
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code))).lowercased()
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))).lowercased() }
        if nsError.domain == NSCocoaErrorDomain {
            switch nsError.code {
            case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return "permission denied"
            case NSFileWriteVolumeReadOnlyError: return "read-only file system"
            case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "no such file or folder"
            case NSFileWriteOutOfSpaceError: return "no space left on the device"
            case NSFileWriteFileExistsError: return "a file is already there"
            default: break
            }
        }
        return nsError.localizedDescription
    }
}

/// Checks that bytes are text a person wrote: no NUL bytes, valid UTF-8, not empty.
enum TextCheck {
    struct Problem: Error {
        var code: String
        var message: String
        var line: Int?
        var column: Int?
        var help: String
    }

    static func problem(in data: Data) -> Problem? {
        if case .failure(let problem) = text(of: data) { return problem }
        return nil
    }

    /// The file's text, or what makes it unusable: empty, binary (a NUL byte)
    /// or not UTF-8. The text is the one the UTF-8 check made, so a file is
    /// decoded once.
    static func text(of data: Data) -> Swift.Result<String, Problem> {
        data.withUnsafeBytes { text(of: $0.bindMemory(to: UInt8.self), data: data) }
    }

    private static func text(of bytes: UnsafeBufferPointer<UInt8>, data: Data) -> Swift.Result<String, Problem> {
        let onlySpace = bytes.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        if onlySpace {
            return .failure(Problem(code: "file.empty", message: "the file is empty", line: nil, column: nil,
                                    help: "add front matter with at least a title and a summary, or delete the file"))
        }
        if let base = bytes.baseAddress, let found = memchr(base, 0, bytes.count) {
            let nul = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            let (line, column) = position(of: data.startIndex + nul, in: data)
            return .failure(Problem(code: "file.binary", message: "the file is binary, not text (it holds a NUL byte)",
                                    line: line, column: column, help: "Markdown files must be plain text; move binary files to assets/"))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = firstInvalidUTF8(in: data)
            let (line, column) = position(of: offset, in: data)
            return .failure(Problem(code: "file.encoding", message: "the file is not valid UTF-8", line: line, column: column,
                                    help: "save the file as UTF-8 in your editor"))
        }
        return .success(text)
    }

    private static func position(of offset: Int, in data: Data) -> (Int, Int) {
        var line = 1
        var lineStart = data.startIndex
        for index in data.startIndex..<offset where data[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        let column = String(decoding: data[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1
        return (line, column)
    }

    /// The offset of the first byte that does not begin a valid UTF-8 sequence.
    private static func firstInvalidUTF8(in data: Data) -> Int {
        var index = data.startIndex
        while index < data.endIndex {
            let byte = data[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            guard index + length <= data.endIndex,
                String(validating: data[index..<index + length], as: UTF8.self) != nil
            else { return index }
            index += length
        }
        return data.endIndex
    }
}
