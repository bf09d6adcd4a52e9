import Foundation

/// Writes findings in the three formats users need: text for people, GitHub
/// Actions annotations for CI, JSON for tools.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    case text
    case github
    case json
}

public struct DiagnosticFormatter: Sendable {
    public var format: DiagnosticFormat
    public var colour: Bool

    public init(format: DiagnosticFormat = .text, colour: Bool = false) {
        self.format = format
        self.colour = colour
    }

    /// The whole report for a list of findings, each on its own line(s).
    public func report(_ diagnostics: [Diagnostic]) -> String {
        switch format {
        case .text: diagnostics.map(text).joined()
        case .github: diagnostics.map(github).joined()
        case .json: json(diagnostics)
        }
    }

    /// `file:line:col: error: message`, and an indented `help:` line when there is help.
    public func text(_ diagnostic: Diagnostic) -> String {
        var location = diagnostic.file ?? "briefings"
        if let line = diagnostic.line {
            location += ":\(line)"
            if let column = diagnostic.column { location += ":\(column)" }
        }
        let label = diagnostic.severity.rawValue
        let painted = colour ? "\(diagnostic.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m")\(label)\u{1B}[0m" : label
        var output = "\(location): \(painted): \(diagnostic.message)\n"
        if let help = diagnostic.help {
            output += "  help: \(help)\n"
        }
        return output
    }

    /// `::error file=…,line=…,col=…,title=…::message`, escaped as GitHub requires.
    public func github(_ diagnostic: Diagnostic) -> String {
        var properties: [String] = []
        if let file = diagnostic.file { properties.append("file=\(Self.escapeProperty(file))") }
        if let line = diagnostic.line { properties.append("line=\(line)") }
        if let column = diagnostic.column { properties.append("col=\(column)") }
        properties.append("title=\(Self.escapeProperty(diagnostic.code))")
        var message = diagnostic.message
        if let help = diagnostic.help { message += "\n" + help }
        return "::\(diagnostic.severity.rawValue) \(properties.joined(separator: ","))::\(Self.escapeData(message))\n"
    }

    public func json(_ diagnostics: [Diagnostic]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(diagnostics)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text)
            .replacingOccurrences(of: ":", with: "%3A")
            .replacingOccurrences(of: ",", with: "%2C")
    }
}
