import DealRulesModel

/// GitHub Actions workflow commands (`::error file=…::message`), with the
/// escaping GitHub applies when it reads them back.
public enum GitHubCommands {
    /// `::error file=F,line=L,col=C,title=T::message`.
    public static func annotation(_ command: String, location: SourceLocation?, title: String, message: String) -> String {
        var properties: [String] = []
        if let location {
            properties.append("file=" + escapeProperty(location.path))
            if location.line >= 1 { properties.append("line=\(location.line)") }
            if location.column >= 1 { properties.append("col=\(location.column)") }
        }
        properties.append("title=" + escapeProperty(title))
        return "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))"
    }

    /// Workflow-command data: `%`, CR and LF are percent-encoded.
    public static func escapeData(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": output += "%25"
            case "\r": output += "%0D"
            case "\n": output += "%0A"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// Workflow-command property values: as data, plus `:` and `,`.
    public static func escapeProperty(_ text: String) -> String {
        var output = ""
        for scalar in escapeData(text).unicodeScalars {
            switch scalar {
            case ":": output += "%3A"
            case ",": output += "%2C"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
