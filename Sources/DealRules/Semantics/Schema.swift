import DealRulesModel
import DealRulesSyntax

/// The optional schema of a program (LANGUAGE.md §7.4): declared fields
/// and their types, looked up by normalised key.
public struct Schema: Sendable {
    public struct Entry: Sendable {
        public var field: SchemaField
        public var key: String
    }

    public private(set) var entries: [Entry] = []
    private var index: [String: Int] = [:]

    public init() {}

    public var isEmpty: Bool { entries.isEmpty }

    /// Adds a field; returns the earlier declaration when the key is taken.
    public mutating func add(_ field: SchemaField) -> SchemaField? {
        let key = field.name.key
        if let existing = index[key] { return entries[existing].field }
        index[key] = entries.count
        entries.append(Entry(field: field, key: key))
        return nil
    }

    public func entry(_ key: String) -> Entry? {
        if let position = index[key] { return entries[position] }
        for candidate in CollectionNames.candidates(for: key).dropFirst() {
            if let position = index[candidate] { return entries[position] }
        }
        return nil
    }

    /// Type of a path: walks records and lists of records.
    public func type(of keys: [String]) -> SchemaType? {
        guard let first = keys.first, var current = entry(first)?.field.type else { return nil }
        for key in keys.dropFirst() {
            guard let next = Schema.member(key, of: current) else { return nil }
            current = next
        }
        return current
    }

    static func member(_ key: String, of type: SchemaType) -> SchemaType? {
        switch type {
        case .record(let fields):
            return fields.first { $0.name.key == key || CollectionNames.candidates(for: key).contains($0.name.key) }?.type
        case .listOf(let element):
            return member(key, of: element).map { .listOf($0) }
        default:
            return nil
        }
    }

    /// Every declared name (for did-you-mean).
    public var names: [String] { entries.map(\.field.name.text) }
}
