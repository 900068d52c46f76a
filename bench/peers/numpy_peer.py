"""NumPy's workers: sgemm, the MLP epoch written out by hand, MLP inference."""
from __future__ import annotations

from common import BATCH, INFERENCE_IMAGES, LR_SGD, SEED, epoch_result, gemm_results, inference_images, \
    inference_result, mnist_like, timed, weights


def gemm(args) -> list[dict]:
    import numpy as np

    rng = np.random.default_rng(SEED)

    def make_call(m, n, k, ta, tb):
        a = rng.standard_normal((k, m) if ta else (m, k), dtype=np.float32)
        b = rng.standard_normal((n, k) if tb else (k, n), dtype=np.float32)
        a, b = (a.T if ta else a), (b.T if tb else b)  # transposed views: BLAS is called with trans flags
        c = np.empty((m, n), dtype=np.float32)
        return lambda: np.matmul(a, b, out=c)

    return gemm_results(make_call, args.repeats)


def sigmoid(z, out=None):
    import numpy as np

    out = np.negative(z, out=out)
    np.exp(out, out=out)
    out += np.float32(1)
    np.reciprocal(out, out=out)
    return out


def mlp(args) -> list[dict]:
    import numpy as np

    x, y = mnist_like(args.samples)
    w1, w2 = weights((784, 625), 1), weights((625, 10), 2)
    lr = np.float32(LR_SGD)
    rows = np.arange(BATCH)

    def step(xb, yb):
        nonlocal w1, w2
        h = sigmoid(xb @ w1)                              # 128 × 625
        z = h @ w2                                        # 128 × 10
        z -= z.max(axis=1, keepdims=True)
        np.exp(z, out=z)
        z /= z.sum(axis=1, keepdims=True)                 # softmax probabilities
        z[rows, yb] -= np.float32(1)
        z *= np.float32(1 / BATCH)                        # δ2 = ∂(mean cross-entropy)/∂logits
        g2 = h.T @ z
        dh = z @ w2.T
        dh *= h
        dh *= np.float32(1) - h                           # δ1 = δ2·W2ᵀ ⊙ h(1 − h)
        g1 = xb.T @ dh
        w1 -= lr * g1
        w2 -= lr * g2

    def epoch(limit=None):
        n = len(x) if limit is None else min(len(x), limit * BATCH)
        for i in range(0, n, BATCH):
            step(x[i:i + BATCH], y[i:i + BATCH])

    epoch(3)
    assert w1.dtype == np.float32 and w2.dtype == np.float32
    return [dict(key="mlp_epoch_seconds", **epoch_result(timed(epoch, args.repeats), len(x),
                                                           ["hand-written forward/backward, float32 matmuls"]))]


def inference(args) -> list[dict]:
    import numpy as np

    x = inference_images()
    w1, w2 = weights((784, 625), 1), weights((625, 10), 2)

    def run():
        classes = np.empty(INFERENCE_IMAGES, dtype=np.int64)
        for i in range(0, INFERENCE_IMAGES, BATCH):
            classes[i:i + BATCH] = (sigmoid(x[i:i + BATCH] @ w1) @ w2).argmax(axis=1)
        return classes

    return inference_result("mlp_inference_images_per_second", run, args.repeats, [])


WORKERS = {"gemm": gemm, "mlp": mlp, "inference": inference}
