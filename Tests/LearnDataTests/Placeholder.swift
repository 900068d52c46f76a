import Testing
@Test func dataPlaceholder() { #expect(Bool(true)) }
