import LearnCore

/// Renders a `Document` as one self-contained HTML page (placeholder until the full renderer lands).
public struct HTMLRenderer: Sendable {
    public let format: NumberFormat
    public init(format: NumberFormat = NumberFormat()) { self.format = format }
    public func render(_ d: Document) -> String { "<!DOCTYPE html><title>\(d.title)</title>" }
}
