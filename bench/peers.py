#!/usr/bin/env python3
"""The peer side of `learn bench`: the same workloads in NumPy, PyTorch, Keras and scikit-learn.

Run through bench/peers.sh, which installs the peers into bench/.venv, limits threads to the cores and
builds learn. Each peer and workload runs in its own subprocess (`--worker PEER:WORKLOAD`, the code in
bench/peers/<peer>_peer.py), so that PyTorch's and TensorFlow's thread pools and BLAS libraries never
share a process and a peer that is missing or crashes costs only its own cells.

Workloads (all on synthetic MNIST-shaped data from a fixed seed: images 28×28 float32 in [0, 1], labels
0–9, batches of 128, the last partial batch dropped as in Radford's tutorial):
  gemm           sgemm GFLOP/s at 2048³ and at the MLP's three products (best of several)
  mlp            one epoch of 784 → 625 sigmoid → 10 softmax, cross-entropy, plain SGD lr 0.05, no biases
  cnn            one epoch of Radford's conv net, RMSprop lr 0.001 ρ 0.9 ε 1e-6
  lenet5         one epoch of LeNet-5 (ReLU, max-pool), SGD lr 0.05
  inference      images/s of the MLP's forward pass over 10,000 images in batches of 128
  cnn_inference  the same for the course CNN
Times are seconds per 60,000-image epoch: an epoch of fewer samples is scaled up by 60,000 / images.

With --interleave R (and --learn-binary), each workload runs R rounds, each round learn's measurement
then every peer's, and the table gives medians and the min–max of the per-round ratios.
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "peers"))

from common import (BATCH, BUSY_SHARE, EPOCH_IMAGES, MATRIX, PEER_DISTRIBUTIONS, PEER_MODULES,  # noqa: E402
                    PEER_TITLES, PEERS, ROWS, WORKLOADS, cores)
from cpu import Meter, load_average  # noqa: E402
import report  # noqa: E402


def run_worker(args) -> int:
    peer, workload = args.worker.split(":")
    module = importlib.import_module(PEER_MODULES[peer])
    print("RESULT " + json.dumps(module.WORKERS[workload](args)))
    return 0


def share(meter: Meter) -> str:
    return "" if meter.others is None else f", other processes took {meter.others * 100:.0f} % of the cores"


def run_peer(peer: str, workload: str, args) -> tuple[list[dict] | None, str | None, Meter]:
    """A worker's results, or why not, and the CPU it and the machine used meanwhile."""
    command = [sys.executable, os.path.abspath(__file__), "--worker", f"{peer}:{workload}",
               "--samples", str(args.samples), "--repeats", str(args.repeats)]
    print(f"  {PEER_TITLES[peer]:<12} {workload:<13}", end="", file=sys.stderr, flush=True)
    with Meter(cores()) as meter:
        process = subprocess.run(command, capture_output=True, text=True)
    print(f" {meter.wall:6.1f} s wall{share(meter)}", file=sys.stderr, flush=True)
    for line in process.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):]), None, meter
    tail = (process.stderr.strip().splitlines() or ["exit status %d" % process.returncode])[-1]
    return None, f"failed ({tail[:160]})", meter


def run_learn(workload: str, args) -> tuple[dict, str | None, Meter]:
    """`learn bench --only WORKLOAD --json`'s numbers, or {} and why not."""
    command = [args.learn_binary, "bench", "--only", workload, "--json", "--samples", str(args.samples),
               "--repeats", str(args.repeats)]
    print(f"  {'learn':<12} {workload:<13}", end="", file=sys.stderr, flush=True)
    with Meter(cores()) as meter:
        try:
            process = subprocess.run(command, capture_output=True, text=True)
        except OSError as error:
            process = None
            failure = f"cannot run {args.learn_binary}: {error}"
    print(f" {meter.wall:6.1f} s wall{share(meter)}", file=sys.stderr, flush=True)
    if process is None:
        return {}, failure, meter
    if process.returncode != 0:
        tail = (process.stderr.strip().splitlines() or ["exit status %d" % process.returncode])[-1]
        return {}, f"failed ({tail[:160]})", meter
    learn, error = report.parse_learn(process.stdout, "learn bench's output")
    return learn, error, meter


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
    interleaved = args.interleave is not None
    rounds = args.interleave or 1

    install = report.read_install_status(args.install_status)
    load = load_average()  # other work on the cores skews every number below
    images = max(BATCH, args.samples // BATCH * BATCH)
    scaled = images != EPOCH_IMAGES
    available = {}
    for peer in chosen:
        state, _ = install.get(peer, ("ok" if report.version(PEER_DISTRIBUTIONS[peer]) else "missing", ""))
        available[peer] = state == "ok" and report.version(PEER_DISTRIBUTIONS[peer]) is not None

    print(f"peer benchmarks: {images:,} images per timed epoch"
          + (f", scaled to {EPOCH_IMAGES:,}" if scaled else "") + f"; {cores()} threads"
          + (f"; {rounds} interleaved rounds per workload" if interleaved else ""), file=sys.stderr)

    # learns[workload]: learn's numbers per round; values[(key, peer)]: the peer's per round (None: failed);
    # round_meters[workload]: the CPU accounting of each round; cell_meters[(workload, peer)]: of each run.
    learns: dict[str, list[dict]] = {}
    values: dict[tuple[str, str], list[float | None]] = {}
    round_meters: dict[str, list[Meter]] = {}
    cell_busy: set[tuple[str, str]] = set()
    notes: dict[str, list[str]] = {}
    failures: list[str] = []
    learn_error = None
    if not interleaved:
        learn, learn_error = report.read_learn(args.learn_json)
        learns = {w: [learn] for w in only}

    def busy(meter: Meter) -> bool:
        return meter.others is not None and meter.others > BUSY_SHARE

    for workload in only:
        peers = [p for p in MATRIX[workload] if p in chosen and available[p]]
        for r in range(rounds):
            if interleaved:
                print(f"{workload}, round {r + 1} of {rounds}:", file=sys.stderr)
            meter = Meter(cores())
            if interleaved and args.learn_binary:
                learn, error, m = run_learn(workload, args)
                meter.add(m)
                learns.setdefault(workload, []).append(learn)
                if error:
                    failures.append(f"learn {workload}, round {r + 1}: {error}")
            for peer in peers:
                results, error, m = run_peer(peer, workload, args)
                meter.add(m)
                if busy(m):
                    cell_busy.add((workload, peer))
                for row in ROWS:
                    if row.workload == workload:
                        values.setdefault((row.key, peer), [])
                        values[(row.key, peer)].append(None)
                if error:
                    failures.append(f"{PEER_TITLES[peer]} {workload}" + (f", round {r + 1}" if interleaved else "")
                                    + f": {error}")
                    continue
                for result in results:
                    values.setdefault((result["key"], peer), [None])[-1] = result["value"]
                    for note in result.get("notes", []):
                        notes.setdefault(f"{PEER_TITLES[peer]}, {result['key']}", []).append(note)
            round_meters.setdefault(workload, []).append(meter)

    # The table.
    peers_shown = [p for p in PEERS if p in chosen]
    header = (["workload", "unit", "learn", "MFLOP/image", "learn GFLOP/s (% of GEMM)"]
              + [PEER_TITLES[p] for p in peers_shown])
    rows, round_lines = [], []
    busy_rounds = {w: [busy(m) for m in ms] for w, ms in round_meters.items()}
    for row in ROWS:
        if row.workload not in only:
            continue
        runs = learns.get(row.workload, [])
        mine_rounds = [report.learn_value(d, row) for d in runs] or [None] * rounds
        mine_known = [v for v in mine_rounds if v is not None]
        mine = statistics.median(mine_known) if mine_known else None
        cells = [row.title, row.unit, report.fmt(mine, row.unit), *report.learn_work(runs, row)]
        per_round = [[f"learn {report.fmt(v, row.unit)}"] for v in mine_rounds]
        for peer in peers_shown:
            if peer not in MATRIX[row.workload]:
                cells.append("")
                continue
            if not available[peer]:
                cells.append("not installed")
                continue
            series = values.get((row.key, peer), [])
            known = [v for v in series if v is not None]
            value = statistics.median(known) if known else None
            if not interleaved:
                r = report.speedup(value, mine, row)
                mark = "*" if (row.workload, peer) in cell_busy and value is not None else ""
                cells.append(report.fmt(value, row.unit) + mark + (f" (×{r:.2f})" if r else ""))
                continue
            ratios = []
            for i, v in enumerate(series):
                r = report.speedup(v, mine_rounds[i] if i < len(mine_rounds) else None, row)
                if r is not None:
                    ratios.append(r)
                if i < len(per_round):
                    per_round[i].append(f"{PEER_TITLES[peer]} {report.fmt(v, row.unit)}" + (f" (×{r:.2f})" if r else ""))
            mark = "*" if value is not None and any(busy_rounds.get(row.workload, [])) else ""
            spread = (f" (×{statistics.median(ratios):.2f}, {min(ratios):.2f}–{max(ratios):.2f})" if ratios else "")
            cells.append(report.fmt(value, row.unit) + mark + spread)
        rows.append(cells)
        if interleaved:
            for i, parts in enumerate(per_round):
                m = round_meters[row.workload][i] if i < len(round_meters.get(row.workload, [])) else None
                others = m.others if m else None
                tail = "" if others is None else f" · others took {others * 100:.0f} % of the cores" + (
                    " · BUSY" if others > BUSY_SHARE else "")
                round_lines.append(f"{row.title}, round {i + 1}: " + " · ".join(parts) + tail)

    machine = report.machine_line(available, PEER_DISTRIBUTIONS, load)
    explain = [f"Seconds are per {EPOCH_IMAGES:,}-image epoch (batch {BATCH}); "
               + (f"measured on {images:,} images and scaled up by {EPOCH_IMAGES / images:.1f}. " if scaled else "")
               + "(×r) is how many times faster learn is than that peer: peer time ÷ learn time, "
                 "or learn's rate ÷ the peer's (above 1: learn is faster).",
               "MFLOP/image and learn's GFLOP/s come from learn bench: 2 FLOP per multiply-add of the dense and "
               "convolution layers (a training step: forward, weight gradients, and input gradients but the first "
               "layer's), counted as the direct method's also where a 3 × 3 convolution runs Winograd F(2×2, 3×3) "
               "(2.25 × fewer multiplications); % of GEMM is that rate over the 2048³ sgemm's, measured in the same "
               "learn bench run."]
    if interleaved:
        explain.append(f"Interleaved: {rounds} rounds per workload, each learn's measurement then every peer's; "
                       "numbers are medians over the rounds, (×r, min–max) the median and range of the per-round ratios.")
        explain.append("learn: " + (args.learn_note or "not run") + ".")
    else:
        explain.append("learn: " + (args.learn_note or ("numbers from " + args.learn_json if args.learn_json else "not run"))
                       + (f"; {learn_error}" if learn_error else "")
                       + ("" if not learns or not learns[only[0]][0].get("samples")
                          else f"; {int(learns[only[0]][0]['samples']):,} images per epoch") + ".")
    if cell_busy or any(any(b) for b in busy_rounds.values()):
        what = "in at least one round of that workload" if interleaved else "while this was measured"
        explain.append(f"* other processes took more than {BUSY_SHARE * 100:.0f} % of the cores {what} "
                       "(from /proc/stat): the number is pessimistic; rerun on a quiet machine.")
    if args.quick:
        explain.insert(0, "QUICK RUN (smoke test, not for the README): "
                          f"{images:,}-image epochs scaled to {EPOCH_IMAGES:,}.")
    install_lines = []
    for peer in peers_shown:
        state, note = install.get(peer, ("ok" if available[peer] else "missing", ""))
        v = report.version(PEER_DISTRIBUTIONS[peer]) if available[peer] else None
        label = f"TensorFlow {v}, Keras {report.version('keras')}" if peer == "keras" and v else v
        install_lines.append(f"{PEER_TITLES[peer]}: " + (f"{label}" + (f", {note}" if note else "") if v
                                                         else (note or "not installed")))
    note_lines = [f"{key}: {'; '.join(dict.fromkeys(ns))}" for key, ns in notes.items()]
    report.render(machine, header, rows, explain, install_lines, note_lines, round_lines, failures, args.markdown)
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
    parser.add_argument("--interleave", type=int, metavar="R",
                        help="R rounds per workload, each learn (--learn-binary) then every peer")
    parser.add_argument("--learn-binary", help="the learn executable, run per workload and round with --interleave")
    parser.add_argument("--install-status", help="peers.sh's install.tsv")
    parser.add_argument("--markdown", default=os.path.join(HERE, "results.md"),
                        help="Markdown output (default bench/results.md; '' for none)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.samples < BATCH:
        parser.error(f"--samples: expected a whole number ≥ {BATCH}")
    if args.repeats < 1:
        parser.error("--repeats: expected a whole number ≥ 1")
    if args.interleave is not None and args.interleave < 1:
        parser.error("--interleave: expected a whole number ≥ 1")
    if args.interleave is not None and args.learn_json:
        parser.error("--interleave runs learn itself (--learn-binary); it cannot read --learn-json")
    return run_worker(args) if args.worker else drive(args)


if __name__ == "__main__":
    sys.exit(main())
