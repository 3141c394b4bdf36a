/// The version `dealrules --version` prints and reports name.
public enum DealRulesVersion {
    public static let current = "1.0.0"
}
