"""The driver's output: learn's numbers, the machine line, the table as text and as Markdown."""
from __future__ import annotations

import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from importlib import metadata

from common import EPOCH_IMAGES, Row, cores


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


def parse_learn(text: str, source: str) -> tuple[dict, str | None]:
    """learn bench --json's numbers, or {} and why not."""
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end < start:
        return {}, f"no JSON object in {source}"
    try:
        data = json.loads(text[start:end + 1])
    except ValueError as error:
        return {}, f"cannot read learn's numbers: {error}"
    return {k: v for k, v in data.items() if isinstance(v, (int, float))}, None


def read_learn(path: str | None) -> tuple[dict, str | None]:
    if not path:
        return {}, None
    try:
        with open(path) as f:
            return parse_learn(f.read(), path)
    except OSError as error:
        return {}, f"cannot read learn's numbers: {error}"


def learn_value(learn: dict, row: Row) -> float | None:
    value = learn.get(row.key)
    if value is None or value <= 0:
        return None
    if row.epoch:
        samples = learn.get("samples") or EPOCH_IMAGES
        value = value * EPOCH_IMAGES / samples
    return float(value)


def learn_work(learns: list[dict], row: Row) -> tuple[str, str]:
    """The MFLOP/image and 'GFLOP/s (% of GEMM)' cells of a row: medians over learn's runs."""
    if row.stem is None:
        return "", ""
    def median(key):
        values = [d[key] for d in learns if isinstance(d.get(key), (int, float))]
        return statistics.median(values) if values else None
    flop, gflops, percent = (median(f"{row.stem}_{k}") for k in ("flop_per_image", "gflops", "gemm_percent"))
    work = f"{flop / 1e6:.2f}" if flop else "—"
    rate = "—" if gflops is None else f"{gflops:.1f}" + ("" if percent is None else f" ({percent:.0f} %)")
    return work, rate


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "images/s":
        return f"{value:,.0f}"
    if unit == "GFLOP/s":
        return f"{value:.1f}"
    return f"{value:.2f}" if value < 100 else f"{value:.0f}"


def speedup(peer: float | None, learn: float | None, row: Row) -> float | None:
    """How many times faster learn is: peer time ÷ learn time (for a rate: learn ÷ peer)."""
    if peer is None or learn is None or peer <= 0 or learn <= 0:
        return None
    return learn / peer if row.higher_is_better else peer / learn


def machine_line(available: dict[str, bool], distributions: dict, load: str) -> str:
    blas = numpy_blas() if available.get("numpy") else ""
    parts = [cpu_model(), f"{cores()} cores", f"Python {platform.python_version()}"]
    for peer, label in (("numpy", "numpy"), ("torch", "torch"), ("keras", "TensorFlow"), ("sklearn", "scikit-learn")):
        v = version(distributions[peer]) if available.get(peer) else None
        if v:
            extra = f" ({blas})" if peer == "numpy" and blas else ""
            extra = f" (Keras {version('keras')})" if peer == "keras" and version("keras") else extra
            parts.append(f"{label} {v}{extra}")
    parts.append(datetime.date.today().isoformat())
    if load:
        parts.append(f"load average {load} at the start")
    return " · ".join(parts)


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


def render(machine: str, header: list[str], rows: list[list[str]], explain: list[str], install_lines: list[str],
           note_lines: list[str], rounds: list[str], failures: list[str], markdown: str | None) -> None:
    """Prints the results and writes them as Markdown to `markdown` (atomically) unless it is empty."""
    text = "\n".join([machine, "", text_table(header, rows), ""] + explain
                     + ["", "Peers:"] + ["  " + l for l in install_lines]
                     + (["", "Notes:"] + ["  " + l for l in note_lines] if note_lines else [])
                     + (["", "Rounds (learn, then each peer, workload by workload):"] + ["  " + l for l in rounds]
                        if rounds else [])
                     + (["", "Failed:"] + ["  " + l for l in failures] if failures else []))
    print("\n" + text)

    md = ["## Peer benchmarks", "", machine, "", markdown_table(header, rows), ""]
    for line in explain:
        md += [line.replace("* other", "\\* other", 1), ""]
    md += ["Peers:", ""] + ["- " + l for l in install_lines] + [""]
    if note_lines:
        md += ["Notes:", ""] + ["- " + l for l in note_lines] + [""]
    if rounds:
        md += ["Rounds (learn, then each peer, workload by workload):", ""] + ["- " + l for l in rounds] + [""]
    if failures:
        md += ["Failed:", ""] + ["- " + l for l in failures] + [""]
    md += ["Run with `bash bench/peers.sh`; see bench/README.md.", ""]
    if markdown:
        write_atomically(markdown, "\n".join(md))
        print(f"\nwrote {os.path.relpath(markdown)}", file=sys.stderr)
