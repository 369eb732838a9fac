import Foundation
import MSKESMCore

/// `--output github`: one GitHub Actions workflow command per finding (`::error file=F,line=L,col=C,title=T::M`),
/// which the runner shows as an annotation on the file and line
/// (https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions).
///
/// Failures are `error`, warnings `warning`, info findings `notice`; passed and skipped checks print nothing.
/// A finding without a file (standard input, the file as a whole) prints without `file=`.
struct GitHubAnnotationRenderer {
    func lines(_ report: LintReport) -> String {
        var output = ""
        for located in report.allFindings {
            guard let command = Self.command(located.finding.severity) else { continue }
            var properties: [String] = []
            if let location = located.location {
                if location.file != "standard input" { properties.append("file=" + Self.escapeProperty(location.file)) }
                if let line = location.line {
                    properties.append("line=\(line)")
                    if let column = location.column { properties.append("col=\(column)") }
                }
            }
            properties.append("title=" + Self.escapeProperty(located.finding.code))
            var message = located.finding.title
            if let location = located.location { message += " (\(location.logicalName).\(location.path))" }
            if !located.finding.fix.isEmpty { message += "\nFix: " + located.finding.fix }
            output += "::\(command) \(properties.joined(separator: ","))::\(Self.escapeData(message))\n"
        }
        return output
    }

    static func command(_ severity: Severity) -> String? {
        switch severity {
        case .fail: "error"
        case .warn: "warning"
        case .info: "notice"
        case .pass, .skipped: nil
        }
    }

    /// A message: `%`, CR and LF escaped, as the runner's command parser unescapes them.
    static func escapeData(_ text: String) -> String {
        var escaped = ""
        for character in text.unicodeScalars {
            switch character {
            case "%": escaped += "%25"
            case "\r": escaped += "%0D"
            case "\n": escaped += "%0A"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// A property value: also `:` and `,`, which would end the value.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
