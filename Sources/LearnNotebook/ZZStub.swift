// TEMPORARY stub until the renderer lands.
public struct TerminalStyle: Sendable { public var colour: Bool; public var width: Int; public var unicodeSubscripts: Bool
  public init(colour: Bool = false, width: Int = 80, unicodeSubscripts: Bool = true) { self.colour = colour; self.width = width; self.unicodeSubscripts = unicodeSubscripts } }
public struct TerminalRenderer: Sendable { let style: TerminalStyle; public init(style: TerminalStyle) { self.style = style }
  public func render(_ markdown: String) -> String { markdown + "\n" } }
public enum MathText { public static func unicode(_ latex: String, subscripts: Bool = true) -> String { latex } }
