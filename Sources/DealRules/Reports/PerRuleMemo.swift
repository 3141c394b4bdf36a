/// Something a report makes from a rule alone (its heading, its location
/// line), made once per rule and looked up by the rule's identity: a large
/// report repeats it for hundreds of thousands of outcomes, and reading a
/// rule's description out of an outcome copies it.
struct PerRuleMemo<Made: Sendable>: Sendable {
    private var made: [ObjectIdentifier: (rule: SharedRuleInfo, made: Made)] = [:]

    /// What `make` gives for `rule`, made on first use.
    mutating func value(for rule: SharedRuleInfo, _ make: (RuleInfo) -> Made) -> Made {
        // The memo holds each rule, so no identity is reused meanwhile.
        let id = ObjectIdentifier(rule)
        if let known = made[id] { return known.made }
        let value = make(rule.info)
        made[id] = (rule, value)
        return value
    }
}
