import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Checks whether a port can be listened on before the server tries, so the
/// user hears "port 8000 is taken; try 8001" instead of a socket error.
enum PortProbe {
    static func isFree(host: String, port: Int) -> Bool {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &result) == 0, let info = result else { return true }
        defer { freeaddrinfo(result) }
        let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
        guard fd >= 0 else { return true }
        defer { close(fd) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        return bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0
    }

    /// The first free port after `port`, for the suggestion.
    static func nextFree(host: String, after port: Int) -> Int? {
        (port + 1...min(port + 100, 65535)).first { isFree(host: host, port: $0) }
    }
}
