/// CSV as RFC 4180 describes it, read the way people type it: cells separated by
/// commas, a cell in double quotes may hold commas, line breaks and `""` for a
/// quote; spaces around a cell are ignored, and so are blank lines.
enum CSV {
    struct Cell: Equatable {
        var text: String
        /// 0-based line within the CSV text where the cell's content starts.
        var line: Int
        /// 1-based column (in Unicode scalars) of the cell's first character.
        var column: Int
    }

    struct Row: Equatable {
        var cells: [Cell]
        /// 0-based line within the CSV text where the row starts.
        var line: Int
    }

    struct Failure: Error, Equatable {
        var message: String
        var help: String
        var line: Int
        var column: Int
    }

    /// The rows read, and what stopped the reading early, if anything.
    static func parse(_ text: String) -> (rows: [Row], failure: Failure?) {
        var reader = Reader(Array(text.unicodeScalars))
        var rows: [Row] = []
        while reader.skipBlankLines() {
            let line = reader.line
            var cells: [Cell] = []
            while true {
                switch reader.cell() {
                case .success(let cell): cells.append(cell)
                case .failure(let failure): return (rows, failure)
                }
                if reader.peek == "," {
                    reader.advance()
                    continue
                }
                reader.endLine()
                break
            }
            rows.append(Row(cells: cells, line: line))
        }
        return (rows, nil)
    }

    private struct Reader {
        let scalars: [Unicode.Scalar]
        var index = 0
        var line = 0
        var column = 1

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
        var atLineEnd: Bool { peek == nil || peek == "\n" || peek == "\r" }

        mutating func advance() {
            guard let scalar = peek else { return }
            index += 1
            if scalar == "\n" {
                line += 1
                column = 1
            } else if scalar != "\r" {
                column += 1
            }
        }

        mutating func skipSpaces() {
            while peek == " " || peek == "\t" { advance() }
        }

        mutating func endLine() {
            if peek == "\r" { advance() }
            if peek == "\n" { advance() }
        }

        /// Moves past blank lines; false at the end of the text.
        mutating func skipBlankLines() -> Bool {
            while peek != nil {
                var probe = index
                while probe < scalars.count, scalars[probe] == " " || scalars[probe] == "\t" || scalars[probe] == "\r" { probe += 1 }
                guard probe >= scalars.count || scalars[probe] == "\n" else { return true }
                while index < probe { advance() }
                advance()
            }
            return false
        }

        mutating func cell() -> Result<Cell, Failure> {
            skipSpaces()
            if peek == "\"" { return quotedCell() }
            let start = (line, column)
            var text = String.UnicodeScalarView()
            while !atLineEnd, peek != "," {
                if let scalar = peek { text.append(scalar) }
                advance()
            }
            while let last = text.last, last == " " || last == "\t" { text.removeLast() }
            return .success(Cell(text: String(text), line: start.0, column: start.1))
        }

        private mutating func quotedCell() -> Result<Cell, Failure> {
            let quote = (line, column)
            advance()
            let start = (line, column)
            var text = String.UnicodeScalarView()
            while true {
                guard let scalar = peek else {
                    return .failure(Failure(
                        message: "the quoted cell that starts here is never closed",
                        help: "end the cell with '\"'; a quote inside a quoted cell is written twice (\"\")",
                        line: quote.0, column: quote.1))
                }
                advance()
                if scalar == "\"" {
                    guard peek == "\"" else { break }
                    advance()
                    text.append("\"")
                } else if scalar != "\r" {
                    text.append(scalar)
                }
            }
            skipSpaces()
            guard atLineEnd || peek == "," else {
                return .failure(Failure(
                    message: "unexpected text after the closing quote of a cell",
                    help: "put the whole cell in quotes, and write a quote inside it twice (\"\")",
                    line: line, column: column))
            }
            return .success(Cell(text: String(text), line: start.0, column: start.1))
        }
    }
}
