/// Placeholder until the data module lands.
enum LearnDataPlaceholder {}
