import DealRules
import DealRulesModel

/// A hand-built check report modelled on `deals.yaml` (15 published deals)
/// and a small rule set: findings with reported and confirmed basis,
/// evidence with sources, undetermined outcomes (missing, imprecise, error),
/// a grouped rule, a portfolio rule, data problems and a baseline.
enum ReportFixtures {
    static let asOf: DateValue = {
        guard let date = DateValue(year: 2026, month: 11, day: 24) else { fatalError("fixture as-of date") }
        return date
    }()

    static let deals = [
        "amazon-anthropic-2026", "meta-entergy-hyperion", "nextera-gas-buildout", "microsoft-constellation-tmi",
        "amazon-talen-susquehanna", "google-kairos-smr", "stargate", "oracle-openai-4-5gw", "nvidia-openai-10gw",
        "amd-openai-6gw", "broadcom-openai-10gw", "coreweave-openai", "microsoft-nebius", "google-anthropic-tpu",
        "openai-aws-38b",
    ]
    static let groups = ["Amazon Web Services", "Microsoft", "Google", "Oracle"]

    static func rule(_ name: String, flag: String? = nil, _ severity: Severity, _ path: String, line: Int,
                     tags: [String] = [], scope: String? = nil) -> RuleInfo {
        RuleInfo(name: name, flag: flag ?? name, severity: severity,
                 location: SourceLocation(path: path, line: line, column: 1), tags: tags, scopeDescription: scope)
    }

    static let timeline = rule("Timeline risk", flag: "timeline risk", .high, "Rules/timeline.rules", line: 1, tags: ["timeline", "chips"])
    static let unverified = rule("Unverified headline value", flag: "unverified figure", .medium, "Rules/provenance.rules", line: 3,
                                 tags: ["provenance"])
    static let pricing = rule("Value per gigawatt", flag: "pricing anomaly", .medium, "Rules/provenance.rules", line: 10)
    static let lockIn = rule("long lock-in", .low, "Rules/lockin.rules", line: 5)
    static let gas = rule("gas dependence", .info, "Rules/power.rules", line: 1)
    static let regulatory = rule("Regulatory timing", flag: "regulatory risk", .critical, "Rules/power.rules", line: 3)
    static let concentration = rule("Compute concentration", flag: "concentration risk", .high, "Rules/portfolio.rules", line: 1,
                                    scope: "for each hyperscaler")
    static let portfolioGas = rule("Portfolio gas exposure", flag: "portfolio gas exposure", .medium, "Rules/portfolio.rules", line: 6,
                                   scope: "for all deals")

    static let rules = [timeline, unverified, pricing, lockIn, gas, regulatory, concentration, portfolioGas]

    static func ev(_ field: String, _ value: String, _ status: ProvenanceStatus? = nil, _ source: String? = nil) -> Evidence {
        Evidence(field: field, value: value, status: status, source: source)
    }

    private enum Planned {
        case finding(String, ProvenanceStatus, [Evidence])
        case undetermined([UndeterminedReason], [Evidence])
    }

    private static func plan() -> [String: [String: Planned]] {
        let anthropicValue = ev("deal value", "$100 billion", .reported, "headline reports; absent from the primary announcement")
        return [
            timeline.name: [
                "amazon-anthropic-2026": .undetermined(
                    [UndeterminedReason(field: "capacity target", problem: .imprecise,
                                        message: "2028 may fall before or after 2028-11-24")],
                    [ev("chip roadmap", "unvalidated"), ev("capacity target", "2028", .confirmed, "Anthropic announcement (approximately 2028)")]),
                "stargate": .undetermined(
                    [UndeterminedReason(field: "chip roadmap", problem: .missing),
                     UndeterminedReason(field: "capacity target", problem: .missing)], []),
                "broadcom-openai-10gw": .finding(
                    "Capacity target 2029 rests on an unvalidated chip roadmap.", .confirmed,
                    [ev("chip roadmap", "unvalidated"), ev("capacity target", "2029", .confirmed, "deployments through end of 2029")]),
            ],
            unverified.name: [
                "amazon-anthropic-2026": .finding("Headline value $100 billion (reported) does not appear in a primary source.",
                                                  .reported, [anthropicValue]),
                "meta-entergy-hyperion": .finding("Headline value $27 billion (reported) does not appear in a primary source.",
                                                  .reported, [ev("deal value", "$27 billion", .reported, "press reports")]),
                "stargate": .finding("Headline value $500 billion (reported) does not appear in a primary source.", .reported,
                                     [ev("deal value", "$500 billion", .reported, "OpenAI announcement: 'intends to invest' over four years")]),
                "oracle-openai-4-5gw": .finding("Headline value $300 billion (reported) does not appear in a primary source.",
                                                .reported, [ev("deal value", "$300 billion", .reported, "press reports, 2025-09")]),
                "nvidia-openai-10gw": .finding("Headline value $100 billion (reported) does not appear in a primary source.", .reported,
                                               [ev("deal value", "$100 billion", .reported,
                                                   "investment 'up to' $100 billion, progressive per GW deployed")]),
            ],
            pricing.name: [
                "amazon-anthropic-2026": .finding("Value per gigawatt $20 billion per GW (reported) is above $15 billion per GW.",
                                                  .reported, [anthropicValue, ev("capacity", "5 GW", .confirmed, "Anthropic announcement")]),
                "oracle-openai-4-5gw": .finding("Value per gigawatt $66.666667 billion per GW (reported) is above $15 billion per GW.",
                                                .reported, [ev("deal value", "$300 billion", .reported, "press reports, 2025-09"),
                                                            ev("capacity", "4.5 GW", .confirmed, "OpenAI announcement, 2025-07-22")]),
                "microsoft-nebius": .undetermined(
                    [UndeterminedReason(field: "capacity", problem: .error, message: "division by zero (capacity is 0 GW)")],
                    [ev("deal value", "$17.4 billion", .confirmed, "Nebius filing, 2025-09"), ev("capacity", "0 GW", .reported, "press reports")]),
            ],
            lockIn.name: [
                "microsoft-constellation-tmi": .finding(
                    "term is at least 10 years and exclusivity is exclusive (term 20 years, exclusivity exclusive)", .confirmed,
                    [ev("term", "20 years", .confirmed, "Constellation press release, 2024-09-20"), ev("exclusivity", "exclusive")]),
            ],
            gas.name: [
                "meta-entergy-hyperion": .finding("power source is gas (power source gas)", .confirmed, [ev("power source", "gas")]),
                "nextera-gas-buildout": .finding("power source is gas (power source gas)", .confirmed, [ev("power source", "gas")]),
            ],
            regulatory.name: [
                "microsoft-constellation-tmi": .finding(
                    "Restart of \"Crane\" awaits NRC approval: 835 MW (100% offtake) due 2028 — Microsoft & Constellation PPA | 20 years.",
                    .confirmed,
                    [ev("regulatory status", "pending"), ev("capacity", "835 MW", .confirmed, "Constellation press release, 2024-09-20"),
                     ev("capacity target", "2028", .confirmed, "Constellation press release, 2024-09-20")]),
                "amazon-talen-susquehanna": .undetermined([UndeterminedReason(field: "capacity target", problem: .missing)],
                                                          [ev("regulatory status", "pending")]),
            ],
            concentration.name: [
                "Amazon Web Services": .finding("Amazon Web Services holds 12.2% of contracted capacity.", .confirmed,
                                                [ev("hyperscaler", "Amazon Web Services"), ev("share of capacity", "12.2%")]),
            ],
            portfolioGas.name: [
                "portfolio": .finding("2 deals rely on gas power.", .confirmed, [ev("count of deals where power source is gas", "2")]),
            ],
        ]
    }

    /// Subjects a rule is evaluated for.
    private static func subjects(for rule: RuleInfo) -> [String] {
        switch rule.scopeDescription {
        case "for each hyperscaler": return groups
        case "for all deals": return ["portfolio"]
        default: return deals
        }
    }

    /// The evaluation result before any baseline.
    static func plainReport(showClear: Bool = false) -> CheckReport {
        let planned = plan()
        var findings: [Finding] = []
        var undetermined: [UndeterminedOutcome] = []
        var clear: [ClearOutcome] = []
        for rule in rules {
            for subject in subjects(for: rule) {
                switch planned[rule.name]?[subject] {
                case .finding(let message, let basis, let evidence)?:
                    findings.append(Finding(rule: rule, subject: subject, severity: rule.severity, message: message,
                                            basis: basis, evidence: evidence))
                case .undetermined(let reasons, let evidence)?:
                    undetermined.append(UndeterminedOutcome(rule: rule, subject: subject, reasons: reasons, evidence: evidence))
                case nil:
                    clear.append(ClearOutcome(rule: rule, subject: subject, evidence: []))
                }
            }
        }
        let errors = [
            Diagnostic(.warning, code: "W401",
                       message: "deal nextera-gas-buildout has no hyperscaler; \"Compute concentration\" leaves it out of every group",
                       location: SourceLocation(path: "data/deals.yaml", line: 29, column: 5)),
            Diagnostic(.warning, code: "W402", message: "2 deals name no capacity; rules that read it are undetermined for them"),
        ]
        return CheckReport(asOf: asOf, rules: rules, subjects: deals + groups + ["portfolio"], dealCount: deals.count,
                           findings: findings, undetermined: undetermined, clear: clear, errors: errors,
                           showClear: showClear, baseline: nil, failOn: .high)
    }

    /// The keys an earlier run found: everything except the new findings,
    /// plus one finding that has since been resolved.
    static let baselineKeys: [FindingKey] = [
        FindingKey(rule: "Unverified headline value", flag: "unverified figure", subject: "amazon-anthropic-2026"),
        FindingKey(rule: "Unverified headline value", flag: "unverified figure", subject: "meta-entergy-hyperion"),
        FindingKey(rule: "Unverified headline value", flag: "unverified figure", subject: "stargate"),
        FindingKey(rule: "Unverified headline value", flag: "unverified figure", subject: "oracle-openai-4-5gw"),
        FindingKey(rule: "Value per gigawatt", flag: "pricing anomaly", subject: "amazon-anthropic-2026"),
        FindingKey(rule: "long lock-in", flag: "long lock-in", subject: "microsoft-constellation-tmi"),
        FindingKey(rule: "long lock-in", flag: "long lock-in", subject: "amazon-anthropic-2026"),
        FindingKey(rule: "gas dependence", flag: "gas dependence", subject: "meta-entergy-hyperion"),
        FindingKey(rule: "gas dependence", flag: "gas dependence", subject: "nextera-gas-buildout"),
        FindingKey(rule: "Regulatory timing", flag: "regulatory risk", subject: "microsoft-constellation-tmi"),
        FindingKey(rule: "Compute concentration", flag: "concentration risk", subject: "Amazon Web Services"),
    ]

    /// The realistic report every golden file renders: the plain report
    /// compared with `baseline.json`.
    static func report(showClear: Bool = false) -> CheckReport {
        Baseline.apply(baselineKeys, path: "baseline.json", to: plainReport(showClear: showClear))
    }
}
