import LearnCore

extension RpropMinibatch {
    /// RPROP's sign-based step sizes by hand, mini-batch by mini-batch, on a drawn version of Hinton's
    /// sequence: `batches − 1` gradients g_small, then one g_large of the other sign.
    ///
    /// Every step: Δ ← η⁺·Δ while the sign stays, Δ ← η⁻·Δ when it changes (and, for iRprop⁻, no move and
    /// g⁻ ← 0), w ← w − sign(g)·Δ. The learner follows Δ and w through the first epoch and two mini-batches
    /// of the second (where the variants part), then SGD's epoch and rmsprop's first two steps. This is the
    /// `rprop` lesson's exercise: `rprop-fullbatch`, its first run, records only E_total per epoch of the
    /// 2-2-2 network, and no step size to compute by hand.
    public static let exercise: Exercise? = Exercise(
        draws: [
            .number("g_small", in: -0.5...0.5, step: 0.1, excluding: [0]),
            .number("g_large", in: -1.5...1.5, step: 0.1, excluding: [0]),
            .count("batches", in: 3...5),
            .one("variant", of: ["irprop-", "rprop-"]),
            .one("delta0", of: ["0.05", "0.1", "0.2"]),
            .one("eta", of: ["0.1", "0.5"]),
            .one("decay", of: ["0.5", "0.9"]),
        ],
        fixed: [Argument(name: "epochs", value: "2")],
        givens: ["g_small", "g_large", "batches", "variant", "delta0", "eta_plus", "eta_minus", "eta", "decay"],
        asked: [],
        sections: ["sequence"],
        askedFor: { p in
            let batches = p.count("batches")
            let first = (1...batches).flatMap { ["rprop_step_1,\($0)", "rprop_w_1,\($0)"] }
            let second = (1...2).flatMap { ["rprop_step_2,\($0)", "rprop_w_2,\($0)"] }
            return ["sum_gradients"] + first + second + ["sgd_w_1", "rmsprop_w_1,1", "rmsprop_w_1,2"]
        },
        accepts: { p, _ in p["g_small"] * p["g_large"] < 0 })
}
