import Testing
@Test func placeholderLessonTests() { #expect(true) }
