/// How bad a finding is. Errors stop a build; warnings stop it only under `--strict`.
public enum Severity: String, Sendable, Hashable, Comparable, Codable {
    case warning
    case error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .warning && rhs == .error
    }
}

/// One finding about the site, addressed to the person who can fix it: where
/// (file, line, column), what was expected, and what to do.
public struct Diagnostic: Sendable, Hashable, Codable {
    public var severity: Severity
    /// A stable name for the kind of finding, e.g. `front-matter.type`, for
    /// filtering and for machine-readable output.
    public var code: String
    public var message: String
    /// The file's path as the user would type it (relative to the working folder
    /// when inside it), or nil for findings about the whole site.
    public var file: String?
    public var line: Int?
    public var column: Int?
    /// What to do about it, when the message alone does not say.
    public var help: String?

    public init(
        _ severity: Severity, code: String, _ message: String,
        file: String? = nil, line: Int? = nil, column: Int? = nil, help: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.help = help
    }

    public static func error(
        _ code: String, _ message: String, at location: SourceLocation? = nil, help: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, code: code, message, file: location?.file, line: location?.line, column: location?.column, help: help)
    }

    public static func warning(
        _ code: String, _ message: String, at location: SourceLocation? = nil, help: String? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, code: code, message, file: location?.file, line: location?.line, column: location?.column, help: help)
    }

    /// Files first, then by place in the file, so reports read top to bottom and
    /// are the same on every run.
    static func reportOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        let left = (lhs.file ?? "", lhs.line ?? 0, lhs.column ?? 0, lhs.code, lhs.message)
        let right = (rhs.file ?? "", rhs.line ?? 0, rhs.column ?? 0, rhs.code, rhs.message)
        return left < right
    }
}

/// A place in a file. `line` and `column` are 1-based; either may be unknown.
public struct SourceLocation: Sendable, Hashable {
    public var file: String
    public var line: Int?
    public var column: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }
}

extension Array where Element == Diagnostic {
    public var errorCount: Int { count { $0.severity == .error } }
    public var warningCount: Int { count { $0.severity == .warning } }
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted for reporting, with exact repeats removed.
    public func sortedForReport() -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return sorted(by: Diagnostic.reportOrder).filter { seen.insert($0).inserted }
    }
}
