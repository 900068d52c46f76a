import LearnData

extension DatasetLocator.Source {
    /// How `learn data` names the rule that put a folder on the list.
    var label: String {
        switch self {
        case .dataOption: return "--data"
        case .environment: return "$LEARN_DATA"
        case .userCache: return "~/.cache/learn"
        case .system: return "/usr/share/datasets"
        }
    }
}

extension MirrorChoice.Source {
    /// The option or variable that chose a mirror; nil for the catalogue's default.
    var label: String? {
        switch self {
        case .option: return "--mirror"
        case .environment: return "$LEARN_MIRROR"
        case .catalogue: return nil
        }
    }
}
