import Testing
@Test func placeholderCLITests() { #expect(true) }
