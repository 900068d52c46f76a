import Testing
@testable import LearnModels

/// The settings `learn train` uses: the learning-rate schedule and each network's defaults.
@Suite struct TrainingSettingsTests {
    @Test func theLearningRateDecaysOncePerEpoch() {
        let s = TrainingSettings(epochs: 3, optimizer: .sgd, learningRate: 0.5, learningRateDecay: 0.9)
        #expect(s.learningRate(inEpoch: 1) == 0.5)
        #expect(abs(s.learningRate(inEpoch: 3) - 0.5 * 0.9 * 0.9) < 1e-15)
    }

    @Test func everyNetworkTakesAnImageAndGivesTenScores() {
        for model in CourseNetwork.allCases {
            #expect(model.defaultSettings.epochs >= 1, "\(model)")
            #expect(model.build(seed: 1).parameterCount > 7_840 - 1, "\(model)")
        }
    }
}
