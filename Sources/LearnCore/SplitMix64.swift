/// A small seeded random number generator, so that every run with the same seed gives the same numbers
/// on every Swift version (the standard library's `Float.random(in:using:)` algorithm may change).
///
/// SplitMix64 (Steele, Lea & Flood 2014): a 64-bit counter stepped by the golden-ratio constant and mixed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The generator `count` draws ahead, in O(1): the state is a counter, so skipping `count` draws adds
    /// `count` steps at once. Lets threads draw disjoint parts of one sequence and still get exactly the
    /// numbers a single thread would.
    public func advanced(by count: Int) -> SplitMix64 {
        precondition(count >= 0, "SplitMix64.advanced(by:): count is \(count)")
        var copy = self
        copy.state &+= 0x9E37_79B9_7F4A_7C15 &* UInt64(count)
        return copy
    }

    /// A uniform Double in [0, 1) from the top 53 bits.
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A uniform Double in [low, high).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * nextUnit() }
}
