/// Versions reported by `namecanon --version` and the protocol's `version` op.
public enum NameCanonVersion {
    /// NameCanon's own version.
    public static let nameCanon = "0.1.0"
    /// The system ICU NameCanon runs on, e.g. "72.1".
    public static var icu: String { ICU.version }
    /// The Unicode version of ICU's data.
    public static var unicode: String { ICU.unicodeVersion }
}
