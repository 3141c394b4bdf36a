#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the REPL keeps its history file.
///
/// `DEALRULES_HISTORY` names the file; set to the empty string it turns
/// history off. Otherwise the file is `~/.dealrules_history`, with the home
/// directory taken from `HOME`, then from the password database.
public enum HistoryLocation {
    public static let environmentVariable = "DEALRULES_HISTORY"
    public static let defaultFileName = ".dealrules_history"

    /// The history path for the given environment, or nil for no history.
    /// `passwordHome` is the home directory from the password database,
    /// consulted only when `HOME` is unset or empty.
    public static func resolve(environment: [String: String], passwordHome: String?) -> String? {
        if let override = environment[environmentVariable] {
            return override.isEmpty ? nil : override
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? passwordHome
        guard let home, !home.isEmpty else {
            return nil
        }
        return home.hasSuffix("/") ? home + defaultFileName : home + "/" + defaultFileName
    }

    /// The history path for this process.
    public static func forCurrentProcess() -> String? {
        var environment: [String: String] = [:]
        for name in [environmentVariable, "HOME"] {
            if let value = getenv(name) {
                environment[name] = String(cString: value)
            }
        }
        return resolve(environment: environment, passwordHome: passwordDatabaseHome())
    }

    private static func passwordDatabaseHome() -> String? {
        guard let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir else {
            return nil
        }
        return String(cString: directory)
    }
}
