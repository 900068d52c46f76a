/// Placeholder until the tensor engine lands.
enum LearnTensorPlaceholder {}
