import Testing
@Test func tensorPlaceholder() { #expect(Bool(true)) }
