/// A JSON document as a value, with object members kept in the order they
/// were added so that written output is deterministic.
///
/// Not `indirect`: arrays and objects already hold their elements in
/// arrays, so no case needs a box of its own; boxing every value cost a
/// JSON report two allocations (and frees) for each string it wrote.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    /// A number kept as its literal text (`2.5`, `1e3`), written verbatim.
    /// Only the reader and callers with already-valid JSON numbers use it.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    /// A string, or `null` when absent: `"status": null` in reports.
    public static func string(orNull text: String?) -> JSONValue {
        text.map(JSONValue.string) ?? .null
    }

    /// An object from key/value pairs, in the order given.
    public static func object(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(pairs.map { JSONMember($0.key, $0.value) })
    }

    /// The value of the first member named `key`, when this is an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }
}

/// One `"key": value` pair of a JSON object.
public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var value: JSONValue

    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}
