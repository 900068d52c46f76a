#!/usr/bin/env python3
"""The peer side of `learn bench`: the same workloads in NumPy, PyTorch, Keras and scikit-learn.

Run through bench/peers.sh, which installs the peers into bench/.venv, limits threads to the cores and
fetches learn's numbers. Each peer and workload runs in its own subprocess (`--worker PEER:WORKLOAD`),
so that PyTorch's and TensorFlow's thread pools and BLAS libraries never share a process and a peer that
is missing or crashes costs only its own cells.

Workloads (all on synthetic MNIST-shaped data from a fixed seed: images 28×28 float32 in [0, 1], labels
0–9, batches of 128, the last partial batch dropped as in Radford's tutorial):
  gemm       sgemm GFLOP/s at 2048³ and at the MLP's three products (best of several)
  mlp        one epoch of 784 → 625 sigmoid → 10 softmax, cross-entropy, plain SGD lr 0.05, no biases
  cnn        one epoch of Radford's conv net, RMSprop lr 0.001 ρ 0.9 ε 1e-6
  lenet5     one epoch of LeNet-5 (ReLU, max-pool), SGD lr 0.05
  inference  images/s of the MLP's forward pass over 10,000 images in batches of 128
Times are seconds per 60,000-image epoch: an epoch of fewer samples is scaled up by 60,000 / images.
"""
from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from importlib import metadata

SEED = 20_240_601
BATCH = 128
EPOCH_IMAGES = 60_000
INFERENCE_IMAGES = 10_000
LR_SGD = 0.05
BUSY_SHARE = 0.10  # a measurement during which other processes took this share of the cores is marked *

PEERS = ["numpy", "torch", "keras", "sklearn"]
PEER_TITLES = {"numpy": "NumPy", "torch": "PyTorch", "keras": "Keras", "sklearn": "scikit-learn"}
PEER_DISTRIBUTIONS = {"numpy": ["numpy"], "torch": ["torch"], "keras": ["tensorflow-cpu", "tensorflow"],
                      "sklearn": ["scikit-learn"]}
WORKLOADS = ["gemm", "mlp", "cnn", "lenet5", "inference"]
# Which peer runs which workload.
MATRIX = {
    "gemm": ["numpy", "torch"],
    "mlp": ["numpy", "torch", "keras", "sklearn"],
    "cnn": ["torch", "keras"],
    "lenet5": ["torch", "keras"],
    "inference": ["numpy", "torch"],
}


class Row:
    """One line of the table: a number per peer and learn's, from one JSON key."""

    def __init__(self, key: str, workload: str, title: str, unit: str, higher_is_better: bool, epoch: bool):
        self.key, self.workload, self.title, self.unit = key, workload, title, unit
        self.higher_is_better, self.epoch = higher_is_better, epoch


ROWS = [
    Row("gemm_2048_gflops", "gemm", "sgemm 2048×2048×2048", "GFLOP/s", True, False),
    Row("gemm_mlp_gflops", "gemm", "sgemm at the MLP's shapes", "GFLOP/s", True, False),
    Row("mlp_epoch_seconds", "mlp", "MLP epoch 784-625-10", "s/epoch", False, True),
    Row("cnn_epoch_seconds", "cnn", "Course CNN epoch", "s/epoch", False, True),
    Row("lenet5_epoch_seconds", "lenet5", "LeNet-5 epoch", "s/epoch", False, True),
    Row("mlp_inference_images_per_second", "inference", "MLP inference, 10,000 images", "images/s", True, False),
]

# The MLP's three products, as learn bench times them: (label, m, n, k, transpose A, transpose B).
MLP_GEMMS = [
    ("forward x·W", 128, 625, 784, False, False),
    ("backward xᵀ·δ", 784, 625, 128, True, False),
    ("backward δ·Wᵀ", 128, 784, 625, False, True),
]


# ------------------------------------------------------------------------------------------------------
# Shared helpers (workers)
# ------------------------------------------------------------------------------------------------------

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


# ------------------------------------------------------------------------------------------------------
# NumPy
# ------------------------------------------------------------------------------------------------------

def numpy_gemm(args) -> list[dict]:
    import numpy as np

    rng = np.random.default_rng(SEED)

    def make_call(m, n, k, ta, tb):
        a = rng.standard_normal((k, m) if ta else (m, k), dtype=np.float32)
        b = rng.standard_normal((n, k) if tb else (k, n), dtype=np.float32)
        a, b = (a.T if ta else a), (b.T if tb else b)  # transposed views: BLAS is called with trans flags
        c = np.empty((m, n), dtype=np.float32)
        return lambda: np.matmul(a, b, out=c)

    return gemm_results(make_call, args.repeats)


def numpy_sigmoid(z, out=None):
    import numpy as np

    out = np.negative(z, out=out)
    np.exp(out, out=out)
    out += np.float32(1)
    np.reciprocal(out, out=out)
    return out


def numpy_mlp(args) -> list[dict]:
    import numpy as np

    x, y = mnist_like(args.samples)
    w1, w2 = weights((784, 625), 1), weights((625, 10), 2)
    lr = np.float32(LR_SGD)
    rows = np.arange(BATCH)

    def step(xb, yb):
        nonlocal w1, w2
        h = numpy_sigmoid(xb @ w1)                        # 128 × 625
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


def numpy_inference(args) -> list[dict]:
    import numpy as np

    rng = np.random.default_rng(SEED + 7)
    x = rng.random((INFERENCE_IMAGES, 784), dtype=np.float32)
    w1, w2 = weights((784, 625), 1), weights((625, 10), 2)

    def run():
        classes = np.empty(INFERENCE_IMAGES, dtype=np.int64)
        for i in range(0, INFERENCE_IMAGES, BATCH):
            classes[i:i + BATCH] = (numpy_sigmoid(x[i:i + BATCH] @ w1) @ w2).argmax(axis=1)
        return classes

    run()
    times = timed(run, max(args.repeats, 5))
    return [{"key": "mlp_inference_images_per_second", "value": INFERENCE_IMAGES / min(times),
             "median": INFERENCE_IMAGES / statistics.median(times), "notes": []}]


# ------------------------------------------------------------------------------------------------------
# PyTorch
# ------------------------------------------------------------------------------------------------------

def torch_setup():
    import torch

    torch.set_num_threads(cores())
    try:
        torch.set_num_interop_threads(cores())
    except RuntimeError:
        pass
    torch.manual_seed(SEED)
    return torch


def torch_gemm(args) -> list[dict]:
    torch = torch_setup()
    gen = torch.Generator().manual_seed(SEED)

    def make_call(m, n, k, ta, tb):
        a = torch.randn((k, m) if ta else (m, k), generator=gen)
        b = torch.randn((n, k) if tb else (k, n), generator=gen)
        a, b = (a.t() if ta else a), (b.t() if tb else b)
        c = torch.empty((m, n))
        return lambda: torch.mm(a, b, out=c)

    return gemm_results(make_call, args.repeats)


def torch_mlp_model(torch):
    nn = torch.nn
    model = nn.Sequential(nn.Linear(784, 625, bias=False), nn.Sigmoid(), nn.Linear(625, 10, bias=False))
    with torch.no_grad():
        model[0].weight.copy_(torch.from_numpy(weights((784, 625), 1).T.copy()))
        model[2].weight.copy_(torch.from_numpy(weights((625, 10), 2).T.copy()))
    return model


def torch_cnn_model(torch):
    nn = torch.nn
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=2, bias=False), nn.ReLU(), nn.MaxPool2d(2, ceil_mode=True), nn.Dropout(0.2),
        nn.Conv2d(32, 64, 3, bias=False), nn.ReLU(), nn.MaxPool2d(2, ceil_mode=True), nn.Dropout(0.2),
        nn.Conv2d(64, 128, 3, bias=False), nn.ReLU(), nn.MaxPool2d(2, ceil_mode=True), nn.Dropout(0.2),
        nn.Flatten(), nn.Linear(128 * 3 * 3, 625, bias=False), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(625, 10, bias=False))


def torch_lenet5_model(torch):
    nn = torch.nn
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * 5 * 5, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def torch_train(args, key: str, build, optimizer, images: bool, notes: list[str]) -> list[dict]:
    torch = torch_setup()
    x, y = mnist_like(args.samples)
    xt = torch.from_numpy(x.reshape(-1, 1, 28, 28) if images else x)
    yt = torch.from_numpy(y)
    model = build(torch)
    model.train()
    opt = optimizer(torch, model.parameters())
    loss_fn = torch.nn.CrossEntropyLoss()  # log-softmax + mean negative log-likelihood

    def epoch(limit=None):
        n = len(xt) if limit is None else min(len(xt), limit * BATCH)
        for i in range(0, n, BATCH):
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(xt[i:i + BATCH]), yt[i:i + BATCH])
            loss.backward()
            opt.step()

    epoch(3)
    return [dict(key=key, **epoch_result(timed(epoch, args.repeats), len(xt), notes))]


def torch_mlp(args):
    return torch_train(args, "mlp_epoch_seconds", torch_mlp_model,
                       lambda torch, p: torch.optim.SGD(p, lr=LR_SGD), False, ["eager mode"])


def torch_cnn(args):
    return torch_train(args, "cnn_epoch_seconds", torch_cnn_model,
                       lambda torch, p: torch.optim.RMSprop(p, lr=0.001, alpha=0.9, eps=1e-6), True,
                       ["padding 2 ('full'), ceil-mode pooling", "RMSprop adds ε outside the square root"])


def torch_lenet5(args):
    return torch_train(args, "lenet5_epoch_seconds", torch_lenet5_model,
                       lambda torch, p: torch.optim.SGD(p, lr=LR_SGD), True, [])


def torch_inference(args) -> list[dict]:
    import numpy as np

    torch = torch_setup()
    rng = np.random.default_rng(SEED + 7)
    x = torch.from_numpy(rng.random((INFERENCE_IMAGES, 784), dtype=np.float32))
    model = torch_mlp_model(torch).eval()

    def run():
        with torch.inference_mode():
            return torch.cat([model(x[i:i + BATCH]).argmax(dim=1) for i in range(0, INFERENCE_IMAGES, BATCH)])

    run()
    times = timed(run, max(args.repeats, 5))
    return [{"key": "mlp_inference_images_per_second", "value": INFERENCE_IMAGES / min(times),
             "median": INFERENCE_IMAGES / statistics.median(times), "notes": ["eager mode, inference_mode()"]}]


# ------------------------------------------------------------------------------------------------------
# Keras (TensorFlow backend)
# ------------------------------------------------------------------------------------------------------

def keras_setup():
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(cores())
    tf.config.threading.set_inter_op_parallelism_threads(cores())
    import keras

    keras.utils.set_random_seed(SEED)
    return tf, keras


def keras_train(args, key: str, layers_of, optimizer, images: bool, notes: list[str]) -> list[dict]:
    tf, keras = keras_setup()
    x, y = mnist_like(args.samples)
    x = x.reshape(-1, 28, 28, 1) if images else x
    model = keras.Sequential([keras.Input(shape=x.shape[1:])] + layers_of(keras))
    model.compile(optimizer=optimizer(keras), loss="sparse_categorical_crossentropy")
    model.fit(x[:3 * BATCH], y[:3 * BATCH], batch_size=BATCH, epochs=1, shuffle=False, verbose=0)
    times = timed(lambda: model.fit(x, y, batch_size=BATCH, epochs=1, shuffle=False, verbose=0), args.repeats)
    jit = getattr(model, "jit_compile", None)
    notes = notes + [f"model.fit, XLA {'on' if jit else 'off'} (Keras default)"]
    return [dict(key=key, **epoch_result(times, len(x), notes))]


def keras_mlp(args):
    def layers(keras):
        return [keras.layers.Dense(625, activation="sigmoid", use_bias=False),
                keras.layers.Dense(10, activation="softmax", use_bias=False)]
    return keras_train(args, "mlp_epoch_seconds", layers,
                       lambda keras: keras.optimizers.SGD(learning_rate=LR_SGD), False, [])


def keras_cnn(args):
    def layers(keras):
        L = keras.layers
        out = [L.ZeroPadding2D(2)]  # + a 'valid' 3×3 convolution = Theano's 'full' border
        for filters in (32, 64, 128):
            out += [L.Conv2D(filters, 3, activation="relu", use_bias=False),
                    L.MaxPooling2D(2, padding="same"),  # 'same' 2×2/2 pooling rounds up like ceil mode
                    L.Dropout(0.2)]
        return out + [L.Flatten(), L.Dense(625, activation="relu", use_bias=False), L.Dropout(0.5),
                      L.Dense(10, activation="softmax", use_bias=False)]
    return keras_train(args, "cnn_epoch_seconds", layers,
                       lambda keras: keras.optimizers.RMSprop(learning_rate=0.001, rho=0.9, epsilon=1e-6), True,
                       ["ZeroPadding2D(2) + valid conv = 'full'; 'same' pooling = ceil mode",
                        "RMSprop adds ε inside the square root, as Radford's"])


def keras_lenet5(args):
    def layers(keras):
        L = keras.layers
        return [L.Conv2D(6, 5, padding="same", activation="relu"), L.MaxPooling2D(2),
                L.Conv2D(16, 5, activation="relu"), L.MaxPooling2D(2), L.Flatten(),
                L.Dense(120, activation="relu"), L.Dense(84, activation="relu"), L.Dense(10, activation="softmax")]
    return keras_train(args, "lenet5_epoch_seconds", layers,
                       lambda keras: keras.optimizers.SGD(learning_rate=LR_SGD), True, [])


# ------------------------------------------------------------------------------------------------------
# scikit-learn
# ------------------------------------------------------------------------------------------------------

def sklearn_mlp(args) -> list[dict]:
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


WORKERS = {
    ("numpy", "gemm"): numpy_gemm, ("torch", "gemm"): torch_gemm,
    ("numpy", "mlp"): numpy_mlp, ("torch", "mlp"): torch_mlp, ("keras", "mlp"): keras_mlp,
    ("sklearn", "mlp"): sklearn_mlp,
    ("torch", "cnn"): torch_cnn, ("keras", "cnn"): keras_cnn,
    ("torch", "lenet5"): torch_lenet5, ("keras", "lenet5"): keras_lenet5,
    ("numpy", "inference"): numpy_inference, ("torch", "inference"): torch_inference,
}
assert all((p, w) in WORKERS for w, ps in MATRIX.items() for p in ps)


def run_worker(args) -> int:
    peer, workload = args.worker.split(":")
    results = WORKERS[(peer, workload)](args)
    print("RESULT " + json.dumps(results))
    return 0


# ------------------------------------------------------------------------------------------------------
# The driver: subprocesses, learn's numbers, the table
# ------------------------------------------------------------------------------------------------------

def version(distributions: str | list[str]) -> str | None:
    """The installed version of the first of these distributions that is installed."""
    for name in [distributions] if isinstance(distributions, str) else distributions:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return None


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def numpy_blas() -> str:
    """The BLAS numpy was built with, from a subprocess so the driver imports nothing heavy."""
    code = ("import numpy as np; c = np.show_config(mode='dicts')['Build Dependencies']['blas'];"
            "print(c.get('name', '?'), c.get('version', ''))")
    try:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        return out.stdout.strip() if out.returncode == 0 else ""
    except (OSError, subprocess.SubprocessError):
        return ""


def read_install_status(path: str | None) -> dict[str, tuple[str, str]]:
    status: dict[str, tuple[str, str]] = {}
    if path and os.path.exists(path):
        with open(path) as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 2:
                    status[parts[0]] = (parts[1], parts[2] if len(parts) > 2 else "")
    return status


def read_learn(path: str | None) -> tuple[dict, str | None]:
    """learn bench --json's object, or {} and why not."""
    if not path:
        return {}, None
    try:
        with open(path) as f:
            text = f.read()
        start, end = text.find("{"), text.rfind("}")
        if start < 0 or end < start:
            return {}, f"no JSON object in {path}"
        data = json.loads(text[start:end + 1])
        return {k: v for k, v in data.items() if isinstance(v, (int, float))}, None
    except (OSError, ValueError) as error:
        return {}, f"cannot read learn's numbers: {error}"


def learn_value(learn: dict, row: Row) -> float | None:
    value = learn.get(row.key)
    if value is None or value <= 0:
        return None
    if row.epoch:
        samples = learn.get("samples") or EPOCH_IMAGES
        value = value * EPOCH_IMAGES / samples
    return float(value)


def busy_cpu_seconds() -> float | None:
    """CPU seconds all processes (and the hypervisor's steal) have used since boot, from /proc/stat."""
    try:
        with open("/proc/stat") as f:
            fields = [int(v) for v in f.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    user, nice, system, idle, iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_one(peer: str, workload: str, args) -> tuple[list[dict] | None, str | None, float | None]:
    """A worker's results, or why not, and the share of the cores other processes took meanwhile."""
    command = [sys.executable, os.path.abspath(__file__), "--worker", f"{peer}:{workload}",
               "--samples", str(args.samples), "--repeats", str(args.repeats)]
    print(f"  {PEER_TITLES[peer]:<12} {workload:<10}", end="", file=sys.stderr, flush=True)
    busy, mine, start = busy_cpu_seconds(), children_cpu_seconds(), time.perf_counter()
    process = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - start
    busy_after = busy_cpu_seconds()
    others = None
    if busy is not None and busy_after is not None and wall > 0:
        others = max(0.0, (busy_after - busy) - (children_cpu_seconds() - mine)) / (wall * cores())
    print(f" {wall:6.1f} s wall" + (f", other processes took {others:.0%} of the cores" if others is not None else ""),
          file=sys.stderr, flush=True)
    for line in process.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):]), None, others
    tail = (process.stderr.strip().splitlines() or ["exit status %d" % process.returncode])[-1]
    return None, f"failed ({tail[:160]})", others


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "images/s":
        return f"{value:,.0f}"
    if unit == "GFLOP/s":
        return f"{value:.1f}"
    return f"{value:.2f}" if value < 100 else f"{value:.0f}"


def ratio(peer: float | None, learn: float | None, row: Row) -> str:
    """How many times faster learn is: peer time ÷ learn time (for a rate: learn ÷ peer)."""
    if peer is None or learn is None:
        return ""
    r = learn / peer if row.higher_is_better else peer / learn
    return f"×{r:.2f}"


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|").replace("*", "\\*") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def text_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]
    def line(cells):
        return "  ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(cells))
    return "\n".join([line(header), "  ".join("-" * w for w in widths)] + [line(r) for r in rows])


def write_atomically(path: str, text: str) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    fd, temporary = tempfile.mkstemp(prefix=".results.", suffix=".md.tmp", dir=directory)
    try:
        with os.fdopen(fd, "w") as f:
            f.write(text)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def drive(args) -> int:
    only = args.only.split(",") if args.only else WORKLOADS
    # --peers "" (peers.sh --skip-peers): learn's column only.
    chosen = [p for p in args.peers.split(",") if p] if args.peers is not None else PEERS
    for name in only:
        if name not in WORKLOADS:
            sys.exit(f"peers.py: --only: unknown workload '{name}' (workloads: {', '.join(WORKLOADS)})")
    for name in chosen:
        if name not in PEERS:
            sys.exit(f"peers.py: --peers: unknown peer '{name}' (peers: {', '.join(PEERS)})")

    install = read_install_status(args.install_status)
    try:
        with open("/proc/loadavg") as f:
            load = f.read().split()[0]  # other work on the cores skews every number below
    except OSError:
        load = ""
    learn, learn_error = read_learn(args.learn_json)
    images = max(BATCH, args.samples // BATCH * BATCH)
    scaled = images != EPOCH_IMAGES

    available = {}
    for peer in chosen:
        state, note = install.get(peer, ("ok" if version(PEER_DISTRIBUTIONS[peer]) else "missing", ""))
        available[peer] = state == "ok" and version(PEER_DISTRIBUTIONS[peer]) is not None

    print(f"peer benchmarks: {images:,} images per timed epoch"
          + (f", scaled to {EPOCH_IMAGES:,}" if scaled else "") + f"; {cores()} threads", file=sys.stderr)
    values: dict[tuple[str, str], float] = {}
    notes: dict[str, list[str]] = {}
    failures: list[str] = []
    busy_cells: set[tuple[str, str]] = set()
    for workload in only:
        for peer in MATRIX[workload]:
            if peer not in chosen or not available[peer]:
                continue
            results, error, others = run_one(peer, workload, args)
            if others is not None and others >= BUSY_SHARE:
                busy_cells.add((workload, peer))
            if error:
                failures.append(f"{PEER_TITLES[peer]} {workload}: {error}")
                continue
            for result in results:
                values[(result["key"], peer)] = result["value"]
                for note in result.get("notes", []):
                    notes.setdefault(f"{PEER_TITLES[peer]}, {result['key']}", []).append(note)

    # The table.
    peers_shown = [p for p in PEERS if p in chosen]
    header = ["workload", "unit", "learn"] + [PEER_TITLES[p] for p in peers_shown]
    rows = []
    for row in ROWS:
        if row.workload not in only:
            continue
        mine = learn_value(learn, row)
        cells = [row.title, row.unit, fmt(mine, row.unit)]
        for peer in peers_shown:
            if peer not in MATRIX[row.workload]:
                cells.append("")
            elif not available[peer]:
                cells.append("not installed")
            else:
                value = values.get((row.key, peer))
                r = ratio(value, mine, row)
                mark = "*" if (row.workload, peer) in busy_cells and value is not None else ""
                cells.append(fmt(value, row.unit) + mark + (f" ({r})" if r else ""))
        rows.append(cells)

    # The machine line.
    blas = numpy_blas() if available.get("numpy") else ""
    parts = [cpu_model(), f"{cores()} cores", f"Python {platform.python_version()}"]
    for peer, label in (("numpy", "numpy"), ("torch", "torch"), ("keras", "TensorFlow"), ("sklearn", "scikit-learn")):
        v = version(PEER_DISTRIBUTIONS[peer]) if available.get(peer) else None
        if v:
            extra = f" ({blas})" if peer == "numpy" and blas else ""
            extra = f" (Keras {version('keras')})" if peer == "keras" and version("keras") else extra
            parts.append(f"{label} {v}{extra}")
    parts.append(datetime.date.today().isoformat())
    if load:
        parts.append(f"load average {load} at the start")
    machine = " · ".join(parts)

    explain = [f"Seconds are per {EPOCH_IMAGES:,}-image epoch (batch {BATCH}); "
               + (f"measured on {images:,} images and scaled up by {EPOCH_IMAGES / images:.1f}. "
                  if scaled else "")
               + "(×r) is how many times faster learn is than that peer: peer time ÷ learn time, "
                 "or learn's rate ÷ the peer's (above 1: learn is faster).",
               "learn: " + (args.learn_note or ("numbers from " + args.learn_json if args.learn_json else "not run"))
               + (f"; {learn_error}" if learn_error else "")
               + ("" if not learn or "samples" not in learn else f"; {int(learn['samples']):,} images per epoch")
               + "."]
    if busy_cells:
        explain.append(f"* other processes took {BUSY_SHARE:.0%} or more of the cores while this was measured "
                       "(from /proc/stat): the number is pessimistic; rerun on a quiet machine.")
    if args.quick:
        explain.insert(0, "QUICK RUN (smoke test, not for the README): "
                          f"{images:,}-image epochs scaled to {EPOCH_IMAGES:,}.")
    install_lines = []
    for peer in peers_shown:
        state, note = install.get(peer, ("ok" if available[peer] else "missing", ""))
        v = version(PEER_DISTRIBUTIONS[peer]) if available[peer] else None
        label = f"TensorFlow {v}, Keras {version('keras')}" if peer == "keras" and v else v
        install_lines.append(f"{PEER_TITLES[peer]}: " + (f"{label}" + (f", {note}" if note else "") if v
                                                         else (note or "not installed")))
    note_lines = [f"{key}: {'; '.join(dict.fromkeys(ns))}" for key, ns in notes.items()]

    text = "\n".join([machine, "", text_table(header, rows), ""] + explain
                     + ["", "Peers:"] + ["  " + l for l in install_lines]
                     + (["", "Notes:"] + ["  " + l for l in note_lines] if note_lines else [])
                     + (["", "Failed:"] + ["  " + l for l in failures] if failures else []))
    print("\n" + text)

    md = ["## Peer benchmarks", "", machine, "", markdown_table(header, rows), ""]
    for line in explain:
        md += [line.replace("* other", "\\* other", 1), ""]
    md += ["Peers:", ""] + ["- " + l for l in install_lines] + [""]
    if note_lines:
        md += ["Notes:", ""] + ["- " + l for l in note_lines] + [""]
    if failures:
        md += ["Failed:", ""] + ["- " + l for l in failures] + [""]
    md += ["Run with `bash bench/peers.sh`; see bench/README.md.", ""]
    if args.markdown:
        write_atomically(args.markdown, "\n".join(md))
        print(f"\nwrote {os.path.relpath(args.markdown)}", file=sys.stderr)
    return 1 if failures else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=int, default=EPOCH_IMAGES, help="images per timed epoch (default 60000)")
    parser.add_argument("--quick", action="store_true", help="label the output as a quick smoke run")
    parser.add_argument("--repeats", type=int, default=1, help="timed epochs per measurement; the best is reported")
    parser.add_argument("--only", help="comma-separated workloads: " + ",".join(WORKLOADS))
    parser.add_argument("--peers", help="comma-separated peers: " + ",".join(PEERS))
    parser.add_argument("--learn-json", help="learn bench --json's output")
    parser.add_argument("--learn-note", default="", help="how learn's numbers were obtained")
    parser.add_argument("--install-status", help="peers.sh's install.tsv")
    parser.add_argument("--markdown", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "results.md"),
                        help="Markdown output (default bench/results.md; '' for none)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.samples < BATCH:
        parser.error(f"--samples: expected a whole number ≥ {BATCH}")
    if args.repeats < 1:
        parser.error("--repeats: expected a whole number ≥ 1")
    return run_worker(args) if args.worker else drive(args)


if __name__ == "__main__":
    sys.exit(main())
