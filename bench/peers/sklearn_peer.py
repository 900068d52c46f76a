"""scikit-learn's worker: one epoch of MLPClassifier."""
from __future__ import annotations

import warnings

from common import BATCH, LR_SGD, SEED, epoch_result, mnist_like, timed


def mlp(args) -> list[dict]:
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    x, y = mnist_like(args.samples)

    def classifier():
        return MLPClassifier(hidden_layer_sizes=(625,), activation="logistic", solver="sgd", batch_size=BATCH,
                             max_iter=1, learning_rate_init=LR_SGD, momentum=0, shuffle=False,
                             random_state=SEED)

    last = None

    def epoch(n=None):
        nonlocal last
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            last = classifier().fit(x if n is None else x[:n * BATCH], y if n is None else y[:n * BATCH])

    epoch(3)
    times = timed(epoch, args.repeats)
    dtype = last.coefs_[0].dtype
    return [dict(key="mlp_epoch_seconds", **epoch_result(times, len(x), [
        f"MLPClassifier.fit, max_iter=1; has biases (no option to drop them); {dtype} weights"]))]


WORKERS = {"mlp": mlp}
