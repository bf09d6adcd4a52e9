import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Fast file-system work for whole sites: listing a tree with readdir (one
/// system call per folder, not one per file), making folders and writing files
/// with plain system calls. Foundation's equivalents stat every entry, which
/// costs seconds on a site of ten thousand pages.
enum FileTree {
    /// Every regular file and symlink under `root`, relative to it, with `/`,
    /// in no particular order; with `emptyFolders`, each folder below `root`
    /// that holds nothing too, as its path and a `/`. Folders are read a
    /// level at a time, the folders of a level on all cores: a site has a
    /// folder per page.
    static func files(under root: String, emptyFolders: Bool = false) -> [String] {
        var result: [String] = []
        var level: [String] = [""]
        while !level.isEmpty {
            let listed = ConcurrentMap.map(level) { list(root: root, relative: $0) }
            for (folder, (files, folders)) in zip(level, listed) where emptyFolders && !folder.isEmpty && files.isEmpty && folders.isEmpty {
                result.append(folder + "/")
            }
            level = []
            for (files, folders) in listed {
                result += files
                level += folders
            }
        }
        return result
    }

    /// One folder's files and subfolders, relative to `root`.
    static func list(root: String, relative: String) -> (files: [String], folders: [String]) {
        var files: [String] = [], folders: [String] = []
        let path = relative.isEmpty ? root : root + "/" + relative
        guard let directory = opendir(path) else { return ([], []) }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = entryName(entry)
            if name == "." || name == ".." { continue }
            let child = relative.isEmpty ? name : relative + "/" + name
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) {
                var info = stat()
                if lstat(root + "/" + child, &info) == 0 {
                    type = (info.st_mode & S_IFMT) == S_IFDIR ? UInt8(DT_DIR) : UInt8(DT_REG)
                }
            }
            if type == UInt8(DT_DIR) { folders.append(child) } else { files.append(child) }
        }
        return (files, folders)
    }

    /// A directory entry's name. It is read in place, up to its NUL: the record
    /// is only as long as the name, so copying the whole 256-byte `d_name`
    /// field could read past the end of the kernel's buffer.
    static func entryName(_ entry: UnsafeMutablePointer<dirent>) -> String {
        let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name) ?? 19
        return String(cString: UnsafeRawPointer(entry).advanced(by: offset).assumingMemoryBound(to: CChar.self))
    }

    /// Makes a folder and any missing parents; an existing folder is fine.
    static func makeFolder(_ path: String) throws {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw POSIXError(code: errno) }
        let parent = (path as NSString).deletingLastPathComponent
        guard !parent.isEmpty, parent != path else { throw POSIXError(code: ENOENT) }
        try makeFolder(parent)
        if mkdir(path, 0o755) != 0, errno != EEXIST { throw POSIXError(code: errno) }
    }

    /// A whole file, or nil when it cannot be read: open, size and read, where
    /// Foundation's `Data(contentsOf:)` takes twice the time.
    static func data(of path: String) -> Data? {
        guard let (descriptor, size) = openRegular(path) else { return nil }
        defer { close(descriptor) }
        var buffer = Data(count: size)
        let got = buffer.withUnsafeMutableBytes { readFully(descriptor, into: $0.baseAddress, size: size) }
        return got == size ? buffer : nil
    }

    /// A whole file's bytes, or nil when it cannot be read.
    static func bytes(of path: String) -> [UInt8]? {
        guard let (descriptor, size) = openRegular(path) else { return nil }
        defer { close(descriptor) }
        // Not zeroed first, since every byte is read over: for the build's
        // state (megabytes), zeroing took as long as the read.
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            if size >= 1 << 20, let base = buffer.baseAddress { populate(base, size) }
            count = readFully(descriptor, into: buffer.baseAddress, size: size)
        }
        return bytes.count == size ? bytes : nil
    }

    /// A file's last bytes (at most `limit`) and its size, or nil.
    static func lastBytes(of path: String, atMost limit: Int) -> (bytes: [UInt8], size: Int)? {
        guard let (descriptor, size) = openRegular(path) else { return nil }
        defer { close(descriptor) }
        let count = min(size, limit)
        return stretch(of: descriptor, in: size - count..<size).map { ($0, size) }
    }

    /// The bytes of a stretch of a file, or nil when they cannot all be read.
    static func bytes(of path: String, in range: Range<Int>) -> [UInt8]? {
        guard let (descriptor, _) = openRegular(path) else { return nil }
        defer { close(descriptor) }
        return stretch(of: descriptor, in: range)
    }

    private static func stretch(of descriptor: Int32, in range: Range<Int>) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: range.count)
        var done = 0
        while done < range.count {
            let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, range.count - done, off_t(range.lowerBound + done)) }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { return nil }
            done += got
        }
        return bytes
    }

    /// Maps a large buffer's pages in one call (Linux's MADV_POPULATE_WRITE)
    /// rather than one fault at a time as the read fills it: for the 8 MB of
    /// a 10,000-page site's state, the faults took longer than the copy.
    private static func populate(_ base: UnsafeMutableRawPointer, _ size: Int) {
        #if os(Linux)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard page > 0 else { return }
        let start = (Int(bitPattern: base) + page - 1) / page * page
        let end = (Int(bitPattern: base) + size) / page * page
        guard end > start, let first = UnsafeMutableRawPointer(bitPattern: start) else { return }
        // Older kernels refuse the advice (EINVAL); the read then faults as before.
        _ = madvise(first, end - start, 23 /* MADV_POPULATE_WRITE, Linux 5.14 */)
        #endif
    }

    /// A regular file opened for reading, and its size.
    private static func openRegular(_ path: String) -> (Int32, Int)? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            return nil
        }
        return (descriptor, Int(info.st_size))
    }

    /// Reads until `size` bytes are in, the file ends or reading fails: how many were read.
    private static func readFully(_ descriptor: Int32, into base: UnsafeMutableRawPointer?, size: Int) -> Int {
        var offset = 0
        while offset < size, let base {
            let got = read(descriptor, base + offset, size - offset)
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { break }
            offset += got
        }
        return offset
    }

    static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(code: errno) }
        defer { close(descriptor) }
        try write(bytes, into: descriptor)
    }

    /// Several pieces, one after the other, as one file.
    static func write(_ parts: [ArraySlice<UInt8>], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(code: errno) }
        defer { close(descriptor) }
        for part in parts { try part.withUnsafeBytes { try write($0, into: descriptor) } }
    }

    /// Writes all of `bytes` at `offset` of an open file; false on failure.
    static func write(_ bytes: UnsafeRawBufferPointer, into descriptor: Int32, at offset: Int) -> Bool {
        var done = 0
        while done < bytes.count {
            let written = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            done += written
        }
        return true
    }

    private static func write(_ bytes: UnsafeRawBufferPointer, into descriptor: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw POSIXError(code: errno)
            }
            offset += written
        }
    }
}

struct POSIXError: Error, CustomStringConvertible {
    var code: Int32
    var description: String { String(cString: strerror(code)).lowercased() }
}
