import LearnNotebook

/// A command's arguments: positionals, options with values (repeatable), and flags.
struct Arguments {
    var positionals: [String] = []
    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []

    /// Parses `arguments` for a command that takes the options `valued` (each `--name VALUE` or
    /// `--name=VALUE`) and the flags `switches`. Anything else starting with `-` is a usage error.
    init(_ arguments: [String], command: String, valued: Set<String>, switches: Set<String>) throws(UsageError) {
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            i += 1
            if a == "--" { positionals += arguments[i...]; break }
            guard a.hasPrefix("-"), a.count > 1, Double(a) == nil else { positionals.append(a); continue }
            var name = a, inline: String? = nil
            if let eq = a.firstIndex(of: "=") { name = String(a[..<eq]); inline = String(a[a.index(after: eq)...]) }
            if name == "-h" { name = "--help" }
            if switches.contains(name) {
                guard inline == nil else { throw UsageError("\(command): \(name) takes no value") }
                flags.insert(name)
            } else if valued.contains(name) {
                let value: String
                if let inline { value = inline } else {
                    guard i < arguments.count else { throw UsageError("\(command): \(name) needs a value") }
                    value = arguments[i]
                    i += 1
                }
                // No option means anything by an empty value: an empty path would be the root's
                // folder or nothing at all.
                guard !value.isEmpty else { throw UsageError("\(command): \(name) needs a value, not an empty one") }
                values[name, default: []].append(value)
            } else {
                let known = (valued.union(switches)).sorted().joined(separator: ", ")
                throw UsageError("\(command): unknown option '\(name)' (options: \(known))")
            }
        }
    }

    func has(_ flag: String) -> Bool { flags.contains(flag) }
    func all(_ option: String) -> [String] { values[option] ?? [] }
    func last(_ option: String) -> String? { values[option]?.last }

    /// `--digits N`: 1…17.
    func digits() throws(UsageError) -> Int {
        guard let text = last("--digits") else { return 9 }
        guard let n = Int(text), (1...17).contains(n) else { throw UsageError("--digits: expected a whole number from 1 to 17, got '\(text)'") }
        return n
    }

    /// `option`'s whole-number value within `range`, or nil when not given.
    func integer(_ option: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
        guard let text = last(option) else { return nil }
        guard let n = Int(text), range.contains(n) else {
            let upper = range.upperBound == Int.max ? "" : " to \(range.upperBound)"
            throw UsageError("\(option): expected a whole number from \(range.lowerBound)\(upper), got '\(text)'")
        }
        return n
    }

    /// `option`'s number within `range`, or nil when not given.
    func number(_ option: String, in range: ClosedRange<Double>) throws(UsageError) -> Double? {
        guard let text = last(option) else { return nil }
        guard let x = Double(text), x.isFinite, range.contains(x) else {
            throw UsageError("\(option): expected a number from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return x
    }

    /// Every `--set name=value`.
    func settings() throws(UsageError) -> [Argument] {
        try all("--set").map { (text: String) throws(UsageError) -> Argument in try Self.assignment(text, option: "--set") }
    }

    /// `name=value` with both parts present.
    static func assignment(_ text: String, option: String) throws(UsageError) -> Argument {
        let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw UsageError("\(option): expected name=value, got '\(text)'")
        }
        return Argument(name: parts[0], value: parts[1])
    }
}

import Foundation
