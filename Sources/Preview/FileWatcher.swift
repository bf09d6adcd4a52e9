import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches folders for changes and reports them as batches of paths, after a
/// quiet spell (so an editor's save, often several writes, is one batch).
/// Linux: inotify, watching every subfolder and each new one as it appears.
/// Elsewhere, or when asked: polling the folders' files every 300 ms.
final class FileWatcher: Sendable {
    let folders: [URL]
    let debounce: Double
    let polling: Bool

    init(folders: [URL], debounce: Double, polling: Bool) {
        self.folders = folders.map(\.standardizedFileURL)
        self.debounce = debounce
        self.polling = polling
    }

    /// Batches of changed paths, until the stream's consumer goes away.
    func changes() -> AsyncStream<Set<String>> {
        let pending = PendingChanges()
        let source = makeSource()
        source.start { path in if Self.isRelevant(path) { pending.add(path) } }
        let quiet = debounce
        let (stream, continuation) = AsyncStream<Set<String>>.makeStream()
        // Check every 20 ms for a batch that has been quiet long enough.
        let task = Task {
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: 20_000_000)
                if let batch = pending.take(ifQuietFor: quiet) { continuation.yield(batch) }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in
            task.cancel()
            source.stop()
        }
        return stream
    }

    private func makeSource() -> any ChangeSource {
        #if canImport(Glibc)
        if !polling, let inotify = InotifySource(folders: folders) { return inotify }
        #endif
        return PollingSource(folders: folders)
    }

    /// Editors' swap and backup files are not the site's.
    static func isRelevant(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        if name.hasPrefix(".") || name.hasSuffix("~") || name == "4913" { return false }
        return !["swp", "swx", "swo", "tmp", "crdownload"].contains((name as NSString).pathExtension.lowercased())
    }
}

/// Changed paths collected between batches, with the time of the last one.
final class PendingChanges: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: Set<String> = []
    private var last = ContinuousClock.now

    func add(_ path: String) {
        lock.withLock {
            paths.insert(path)
            last = ContinuousClock.now
        }
    }

    /// The batch, once nothing has changed for `seconds`.
    func take(ifQuietFor seconds: Double) -> Set<String>? {
        lock.withLock {
            guard !paths.isEmpty, last.duration(to: .now) >= .milliseconds(Int(seconds * 1000)) else { return nil }
            defer { paths.removeAll() }
            return paths
        }
    }
}

/// Something that reports changed paths, one at a time.
protocol ChangeSource: Sendable {
    func start(_ report: @escaping @Sendable (String) -> Void)
    func stop()
}

/// Compares the folders' files (size and modification time) every 300 ms.
final class PollingSource: ChangeSource, @unchecked Sendable {
    private let folders: [URL]
    private let lock = NSLock()
    private var running = true

    init(folders: [URL]) {
        self.folders = folders
    }

    func start(_ report: @escaping @Sendable (String) -> Void) {
        let thread = Thread { [self] in
            var previous = snapshot()
            while lock.withLock({ running }) {
                Thread.sleep(forTimeInterval: 0.3)
                let current = snapshot()
                for path in Set(previous.keys).union(current.keys) where previous[path] != current[path] { report(path) }
                previous = current
            }
        }
        thread.name = "briefings.poll"
        thread.start()
    }

    func stop() {
        lock.withLock { running = false }
    }

    private func snapshot() -> [String: String] {
        var result: [String: String] = [:]
        for folder in folders {
            guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.contentModificationDateKey, .fileSizeKey]) else { continue }
            while let url = enumerator.nextObject() as? URL {
                let values = try? url.resourceValues(forKeys: [.contentModificationDateKey, .fileSizeKey])
                result[url.path] = "\(values?.contentModificationDate?.timeIntervalSince1970 ?? 0):\(values?.fileSize ?? -1)"
            }
        }
        return result
    }
}

#if canImport(Glibc)
/// inotify on every folder under the watched ones; new folders are added as
/// they appear. Events are read on a thread of their own, never on Swift's
/// cooperative pool, since reading blocks.
final class InotifySource: ChangeSource, @unchecked Sendable {
    private let descriptor: Int32
    private let folders: [URL]
    private let lock = NSLock()
    private var watches: [Int32: String] = [:]
    private var running = true
    private static let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF)

    init?(folders: [URL]) {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        self.folders = folders
        for folder in folders { addTree(folder.path) }
    }

    deinit {
        close(descriptor)
    }

    private func addTree(_ path: String) {
        addWatch(path)
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { return }
        while let relative = enumerator.nextObject() as? String {
            let full = path + "/" + relative
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), isFolder.boolValue { addWatch(full) }
        }
    }

    private func addWatch(_ path: String) {
        let watch = inotify_add_watch(descriptor, path, Self.mask)
        if watch >= 0 { lock.withLock { watches[watch] = path } }
    }

    func start(_ report: @escaping @Sendable (String) -> Void) {
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while lock.withLock({ running }) {
                var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 200) > 0 else { continue }
                let count = read(descriptor, &buffer, buffer.count)
                guard count > 0 else { continue }
                var offset = 0
                while offset + MemoryLayout<inotify_event>.size <= count {
                    let (watch, mask, nameLength, name) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int, String) in
                        let event = raw.load(fromByteOffset: offset, as: inotify_event.self)
                        let nameStart = offset + MemoryLayout<inotify_event>.size
                        let nameBytes = raw[nameStart..<min(nameStart + Int(event.len), raw.count)].prefix { $0 != 0 }
                        return (event.wd, event.mask, Int(event.len), String(decoding: nameBytes, as: UTF8.self))
                    }
                    offset += MemoryLayout<inotify_event>.size + nameLength
                    guard let folder = lock.withLock({ watches[watch] }) else { continue }
                    let path = name.isEmpty ? folder : folder + "/" + name
                    if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { addTree(path) }
                    report(path)
                }
            }
        }
        thread.name = "briefings.inotify"
        thread.start()
    }

    func stop() {
        lock.withLock { running = false }
    }
}
#endif
