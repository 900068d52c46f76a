"""What every peer worker and the driver share: the workloads, the table's rows, the synthetic data and
the timing helpers. See bench/README.md."""
from __future__ import annotations

import math
import os
import statistics
import time

SEED = 20_240_601
BATCH = 128
EPOCH_IMAGES = 60_000
INFERENCE_IMAGES = 10_000
LR_SGD = 0.05
# A measurement (or an interleaved round) during which other processes took more than this share of
# the cores is marked * (see busy_share in cpu.py).
BUSY_SHARE = 0.10

PEERS = ["numpy", "torch", "keras", "sklearn"]
PEER_TITLES = {"numpy": "NumPy", "torch": "PyTorch", "keras": "Keras", "sklearn": "scikit-learn"}
PEER_DISTRIBUTIONS = {"numpy": ["numpy"], "torch": ["torch"], "keras": ["tensorflow-cpu", "tensorflow"],
                      "sklearn": ["scikit-learn"]}
# The module of each peer's workers (bench/peers/<module>.py, with a WORKERS dict by workload).
PEER_MODULES = {"numpy": "numpy_peer", "torch": "torch_peer", "keras": "keras_peer", "sklearn": "sklearn_peer"}
WORKLOADS = ["gemm", "mlp", "cnn", "lenet5", "inference", "cnn_inference"]
# Which peer runs which workload.
MATRIX = {
    "gemm": ["numpy", "torch"],
    "mlp": ["numpy", "torch", "keras", "sklearn"],
    "cnn": ["torch", "keras"],
    "lenet5": ["torch", "keras"],
    "inference": ["numpy", "torch"],
    "cnn_inference": ["torch", "keras"],
}


class Row:
    """One line of the table: a number per peer and learn's, from one JSON key.

    `stem` names learn's work keys for the row (`<stem>_flop_per_image`, `<stem>_gflops`,
    `<stem>_gemm_percent`); None for the GEMM rows."""

    def __init__(self, key: str, workload: str, title: str, unit: str, higher_is_better: bool, epoch: bool,
                 stem: str | None = None):
        self.key, self.workload, self.title, self.unit = key, workload, title, unit
        self.higher_is_better, self.epoch, self.stem = higher_is_better, epoch, stem


ROWS = [
    Row("gemm_2048_gflops", "gemm", "sgemm 2048×2048×2048", "GFLOP/s", True, False),
    Row("gemm_mlp_gflops", "gemm", "sgemm at the MLP's shapes", "GFLOP/s", True, False),
    Row("mlp_epoch_seconds", "mlp", "MLP epoch 784-625-10", "s/epoch", False, True, "mlp_epoch"),
    Row("cnn_epoch_seconds", "cnn", "Course CNN epoch", "s/epoch", False, True, "cnn_epoch"),
    Row("lenet5_epoch_seconds", "lenet5", "LeNet-5 epoch", "s/epoch", False, True, "lenet5_epoch"),
    Row("mlp_inference_images_per_second", "inference", "MLP inference, 10,000 images", "images/s", True, False,
        "mlp_inference"),
    Row("cnn_inference_images_per_second", "cnn_inference", "Course CNN inference, 10,000 images", "images/s", True,
        False, "cnn_inference"),
]

# The MLP's three products, as learn bench times them: (label, m, n, k, transpose A, transpose B).
MLP_GEMMS = [
    ("forward x·W", 128, 625, 784, False, False),
    ("backward xᵀ·δ", 784, 625, 128, True, False),
    ("backward δ·Wᵀ", 128, 784, 625, False, True),
]


def cores() -> int:
    text = os.environ.get("BENCH_CORES")
    if text and text.isdigit():
        return int(text)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def mnist_like(samples: int):
    """`samples` images (N, 784) float32 in [0, 1) and labels (N,) int64 0–9, always the same for a seed.

    Only whole batches: the last partial batch is dropped, as Radford's tutorial does."""
    import numpy as np

    rng = np.random.default_rng(SEED)
    n = max(BATCH, samples // BATCH * BATCH)
    x = rng.random((n, 784), dtype=np.float32)
    y = rng.integers(0, 10, size=n, dtype=np.int64)
    return x, y


def inference_images():
    """The 10,000 images (10000, 784) float32 the inference workloads classify."""
    import numpy as np

    return np.random.default_rng(SEED + 7).random((INFERENCE_IMAGES, 784), dtype=np.float32)


def weights(shape, seed_offset: int):
    """N(0, 0.01²) float32 weights as in Radford's tutorial."""
    import numpy as np

    rng = np.random.default_rng(SEED + seed_offset)
    return (rng.standard_normal(shape, dtype=np.float32) * np.float32(0.01)).astype(np.float32)


def timed(run_epoch, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run_epoch()
        times.append(time.perf_counter() - start)
    return times


def epoch_result(times: list[float], images: int, notes: list[str]) -> dict:
    scale = EPOCH_IMAGES / images
    return {
        "value": min(times) * scale,
        "median": statistics.median(times) * scale,
        "measured_images": images,
        "measured_seconds": min(times),
        "notes": notes,
    }


def inference_result(key: str, run, repeats: int, notes: list[str]) -> list[dict]:
    """Images per second of `run` (which classifies INFERENCE_IMAGES images): one warm-up, then best of
    max(5, repeats)."""
    run()
    times = timed(run, max(repeats, 5))
    return [{"key": key, "value": INFERENCE_IMAGES / min(times),
             "median": INFERENCE_IMAGES / statistics.median(times), "notes": notes}]


def gemm_timing(call, repeats: int, min_seconds: float = 0.05) -> tuple[float, float]:
    """(best seconds, median seconds) of one call, several calls per sample so a sample lasts min_seconds."""
    call()
    call()
    start = time.perf_counter()
    call()
    once = time.perf_counter() - start
    inner = max(1, math.ceil(min_seconds / max(once, 1e-9)))
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(inner):
            call()
        samples.append((time.perf_counter() - start) / inner)
    return min(samples), statistics.median(samples)


def gemm_results(make_call, repeats: int) -> list[dict]:
    """GFLOP/s at 2048³ and at the MLP's shapes. make_call(m, n, k, ta, tb) -> a zero-argument matmul."""
    results = []
    mlp_flops = mlp_seconds = 0.0
    details = []
    for label, m, n, k, ta, tb in MLP_GEMMS:
        flops = 2.0 * m * n * k
        best, median = gemm_timing(make_call(m, n, k, ta, tb), max(repeats, 7))
        mlp_flops += flops
        mlp_seconds += best
        details.append(f"{label} {m}×{n}×{k}: {flops / best / 1e9:.1f}")
    results.append({"key": "gemm_mlp_gflops", "value": mlp_flops / mlp_seconds / 1e9,
                    "notes": ["GFLOP/s per shape: " + "; ".join(details)]})
    flops = 2.0 * 2048 ** 3
    best, median = gemm_timing(make_call(2048, 2048, 2048, False, False), max(repeats, 5), 0.0)
    results.append({"key": "gemm_2048_gflops", "value": flops / best / 1e9, "median": flops / median / 1e9,
                    "notes": []})
    return results
