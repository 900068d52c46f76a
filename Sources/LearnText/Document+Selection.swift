extension Document {
    /// The document without the published numbers it reproduced and without the passages that tell how
    /// to check one's own numbers: a handout.
    public func withoutChecks() -> Document {
        var d = self
        d.parts = parts.filter { $0.kind != .checks && $0.kind != .practice }
        return d
    }

    /// Only section `n`: the part under the `n`-th level-2 heading (0: the introduction before the
    /// first). Nil when the document has no such section.
    public func section(_ n: Int) -> Document? {
        guard n >= 0, n <= sections.count else { return nil }
        var d = self
        d.parts = parts.filter { $0.section == n }
        return d
    }
}
