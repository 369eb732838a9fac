/// Splits a REPL line into words the way a POSIX shell does for plain words: single quotes keep
/// everything, double quotes allow backslash escapes, a backslash outside quotes escapes the next
/// character, and `#` at the start of a word begins a comment (so scripts can be annotated).
struct ShellWords: Equatable {
    var words: [String]
    /// The line ends inside a quote: an error when running, normal while completing.
    var unterminatedQuote: Bool
    /// The line ends with whitespace after the last word (completion then starts a new word).
    var endsWithSpace: Bool

    init(_ line: String) {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        var endsWithSpace = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            endsWithSpace = false
            if escaped {
                current.append(character)
                escaped = false
                continue
            }
            switch (quote, character) {
            case ("'", "'"), ("\"", "\""):
                quote = nil
            case ("'", _):
                current.append(character)
            case ("\"", "\\"):
                escaped = true
            case ("\"", _):
                current.append(character)
            case (nil, "\\"):
                escaped = true
                inWord = true
            case (nil, "'"), (nil, "\""):
                quote = character
                inWord = true
            case (nil, "#") where !inWord:
                // A comment: the rest of the line is ignored.
                self.init(words: words, unterminatedQuote: false, endsWithSpace: true)
                return
            case (nil, _) where character.isWhitespace:
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
                endsWithSpace = true
            default:
                current.append(character)
                inWord = true
            }
        }
        if inWord || quote != nil { words.append(current) }
        self.init(words: words, unterminatedQuote: quote != nil, endsWithSpace: endsWithSpace)
    }

    init(words: [String], unterminatedQuote: Bool, endsWithSpace: Bool) {
        self.words = words
        self.unterminatedQuote = unterminatedQuote
        self.endsWithSpace = endsWithSpace
    }

    /// Quotes a word for display or insertion so that `ShellWords` reads it back unchanged.
    static func quote(_ word: String) -> String {
        let plain = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=@,+%^".contains($0) }
        if plain && !word.isEmpty { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
