#!/usr/bin/env bash
# bench/peers.sh — time learn's benchmark workloads in NumPy, PyTorch, Keras and scikit-learn, beside
# `learn bench`'s own numbers, in one run. See bench/README.md.
#
#   bash bench/peers.sh                 full run: 60,000-image epochs (takes a while on 2 cores)
#   bash bench/peers.sh --quick         smoke run: 6,000-image epochs, scaled up to 60,000
#   bash bench/peers.sh --interleave 3  learn and each peer alternately, 3 rounds per workload: medians, spreads
#   bash bench/peers.sh --help          all options
#
# The peers live in a virtual environment at bench/.venv, installed from PyPI with pip on first use.
# A peer that fails to install is reported as "not installed" and skipped; the run still completes.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
venv="$here/.venv"
python="${PYTHON:-python3}"

samples=60000
quick=0
skip_learn=0
skip_peers=0
learn_json=""
torch_mode=auto
install=1
install_only=0
only=""      # --only and --repeats go to `learn bench` as well as to peers.py
repeats=1
interleave=""  # rounds per workload, learn then each peer in every round
passthrough=()

usage() {
    cat <<'EOF'
usage: bash bench/peers.sh [options]

  --quick             6,000 images per timed epoch instead of 60,000 (results scaled up to 60,000)
  --samples N         images per timed epoch (≥ 128); passed to `learn bench` too
  --skip-learn        don't build or run `learn bench` (learn's column shows —)
  --skip-peers        run only `learn bench` and show its column (needs no venv; checks learn's keys)
  --learn-json FILE   read learn's numbers from FILE (the output of `learn bench --json`)
  --torch MODE        auto (default): install a CPU-only torch wheel if pip's find-links has one,
                      else skip torch and say why; full: `pip install torch` from PyPI with its CUDA
                      libraries (about 3 GB to download, 5.4 GB installed); skip: no torch
  --no-install        use bench/.venv as it is, install nothing
  --install-only      install the peers, run nothing
  --interleave [R]    fair comparison: for each workload, R rounds (default 3), each running
                      `learn bench --only WORKLOAD --json` and then every peer's measurement of it;
                      the table shows medians and each ratio's median with its min–max over the rounds,
                      and marks * a workload's numbers if in any of its rounds other processes took more
                      than 10 % of the cores (see bench/README.md); each round is listed under "Rounds"
  --only LIST         comma-separated workloads: gemm,mlp,cnn,lenet5,inference,cnn_inference
  --peers LIST        comma-separated peers: numpy,torch,keras,sklearn
  --repeats N         timed epochs per measurement (the best is reported; default 1)
  --markdown FILE     where to write the Markdown table (default bench/results.md)
  -h, --help          this help

Environment: PYTHON (interpreter that creates the venv, default python3).
EOF
}

while (($#)); do
    case "$1" in
        --quick) quick=1; samples=6000 ;;
        --samples) samples="${2:?--samples needs a number}"; shift ;;
        --samples=*) samples="${1#*=}" ;;
        --skip-learn) skip_learn=1 ;;
        --skip-peers) skip_peers=1 ;;
        --learn-json) learn_json="${2:?--learn-json needs a file}"; shift ;;
        --learn-json=*) learn_json="${1#*=}" ;;
        --torch) torch_mode="${2:?--torch needs auto, full or skip}"; shift ;;
        --torch=*) torch_mode="${1#*=}" ;;
        --interleave)
            if [[ "${2:-}" =~ ^[0-9]+$ ]]; then interleave="$2"; shift; else interleave=3; fi ;;
        --interleave=*) interleave="${1#*=}" ;;
        --no-install) install=0 ;;
        --install-only) install_only=1 ;;
        --only|--peers|--repeats|--markdown) passthrough+=("$1" "${2:?$1 needs a value}")
            case "$1" in --only) only="$2" ;; --repeats) repeats="$2" ;; esac; shift ;;
        --only=*|--peers=*|--repeats=*|--markdown=*) passthrough+=("$1")
            case "$1" in --only=*) only="${1#*=}" ;; --repeats=*) repeats="${1#*=}" ;; esac ;;
        -h|--help) usage; exit 0 ;;
        *) echo "peers.sh: unknown option '$1' (try --help)" >&2; exit 64 ;;
    esac
    shift
done
case "$torch_mode" in auto|full|skip) ;; *) echo "peers.sh: --torch: expected auto, full or skip, got '$torch_mode'" >&2; exit 64 ;; esac
if ! [[ "$samples" =~ ^[0-9]+$ ]] || ((samples < 128)); then
    echo "peers.sh: --samples: expected a whole number ≥ 128, got '$samples'" >&2; exit 64
fi
if [[ -n "$interleave" ]] && { ! [[ "$interleave" =~ ^[0-9]+$ ]] || ((interleave < 1)); }; then
    echo "peers.sh: --interleave: expected a whole number ≥ 1, got '$interleave'" >&2; exit 64
fi
if [[ -n "$interleave" && -n "$learn_json" ]]; then
    echo "peers.sh: --interleave runs learn in every round; it cannot take --learn-json" >&2; exit 64
fi
if [[ -n "$learn_json" && ! -r "$learn_json" ]]; then
    echo "peers.sh: --learn-json: cannot read '$learn_json'" >&2; exit 66
fi

# One thread per core for every BLAS, OpenMP and framework pool (peers.py sets torch's and TF's too).
cores="$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)"
export OMP_NUM_THREADS="$cores" MKL_NUM_THREADS="$cores" OPENBLAS_NUM_THREADS="$cores"
export BENCH_CORES="$cores"
export TF_CPP_MIN_LOG_LEVEL=2 KERAS_BACKEND=tensorflow PIP_DISABLE_PIP_VERSION_CHECK=1

work="$(mktemp -d "${TMPDIR:-/tmp}/learn-peers.XXXXXX")"
trap 'rm -rf "$work"' EXIT
status="$work/install.tsv"   # peer <TAB> status <TAB> note, for peers.py
: >"$status"

say() { printf '%s\n' "$*" >&2; }

# ---------------------------------------------------------------------------------------------------
# The virtual environment and the peers
# ---------------------------------------------------------------------------------------------------
if ((skip_peers)); then
    # Only learn's column: peers.py's driver needs nothing but the standard library.
    vpy="$venv/bin/python"
    [[ -x "$vpy" ]] || vpy="$python"
    passthrough+=(--peers "")
elif [[ ! -x "$venv/bin/python" ]]; then
    if ((install == 0)); then say "peers.sh: no venv at $venv and --no-install given"; exit 69; fi
    say "creating $venv"
    "$python" -m venv "$venv" || { say "peers.sh: '$python -m venv' failed (Debian: apt-get install python3-venv)"; exit 69; }
fi
[[ -n "${vpy:-}" ]] || vpy="$venv/bin/python"
pylog="$venv/pip.log"

venv_mb() { du -sm "$venv" 2>/dev/null | cut -f1; }

# record PEER STATUS NOTE — one line of install.tsv; an install's time and size are kept in the venv
# so later runs can still report them.
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$status"; }

# install_peer PEER CHECK PIP-ARGS… — CHECK is Python that must run once the peer is in.
install_peer() {
    local peer="$1" check="$2"; shift 2
    local marker="$venv/.installed-$peer"
    if "$vpy" -c "$check" >/dev/null 2>&1; then
        record "$peer" ok "$(cat "$marker" 2>/dev/null)"
        return 0
    fi
    if ((install == 0)); then record "$peer" missing "not installed (--no-install)"; return 1; fi
    say "installing $peer: pip install $*"
    local before="$(venv_mb)" start="$SECONDS"
    printf '\n== %s: pip install %s\n' "$peer" "$*" >>"$pylog"
    if "$vpy" -m pip install --no-cache-dir "$@" >>"$pylog" 2>&1 && "$vpy" -c "$check" >>"$pylog" 2>&1; then
        local note="installed in $((SECONDS - start)) s, +$(($(venv_mb) - before)) MB in bench/.venv"
        printf '%s' "$note" >"$marker"
        say "  $peer: $note"
        record "$peer" ok "$note"
    else
        say "  $peer: install failed after $((SECONDS - start)) s (see bench/.venv/pip.log)"
        record "$peer" missing "install failed: $(tail -n 1 "$pylog" | cut -c1-160)"
        return 1
    fi
}

# A CPU-only torch wheel for this Python and machine in pip's find-links directories, if there is one
# (PyPI's own Linux wheel is the CUDA build: see torch_reason below).
torch_cpu_wheel() {
    local tag arch dirs d
    tag="cp$("$vpy" -c 'import sys; print(f"{sys.version_info[0]}{sys.version_info[1]}")')"
    arch="$(uname -m)"
    dirs="${PIP_FIND_LINKS:-} $("$vpy" -m pip config get global.find-links 2>/dev/null || true)"
    for d in $dirs; do
        d="${d#file://}"
        [[ -d "$d" ]] || continue
        ls "$d"/torch-*+cpu-"$tag"-"$tag"-*linux*_"$arch".whl 2>/dev/null
    done | sort -V | tail -n 1
}
torch_reason="no CPU-only torch wheel in pip's find-links, and PyPI's Linux torch wheel is the CUDA build: \
with --no-deps it does not import (it loads libcudart/libcublasLt), with its dependencies it pulls about \
3 GB of CUDA libraries (5.4 GB installed); rerun with --torch full to install that anyway"

install_peers() {
    install_peer numpy "import numpy" numpy
    install_peer sklearn "import sklearn" scikit-learn

    if "$vpy" -c "import torch" >/dev/null 2>&1; then
        install_peer torch "import torch" torch
    elif [[ "$torch_mode" == skip ]]; then
        record torch missing "not installed (--torch skip)"
    elif [[ "$torch_mode" == full ]]; then
        install_peer torch "import torch; torch.ones(2) @ torch.ones(2)" torch
    elif ((install == 0)); then
        record torch missing "not installed (--no-install)"
    else
        local wheel
        wheel="$(torch_cpu_wheel)"
        if [[ -n "$wheel" ]]; then
            # The +cpu wheel lists only pure-Python dependencies (filelock, sympy, networkx, jinja2, …).
            install_peer torch "import torch; torch.ones(2) @ torch.ones(2)" "$wheel"
        else
            say "skipping torch: $torch_reason"
            record torch missing "not installed: $torch_reason"
        fi
    fi

    # Keras 3 comes with TensorFlow; the CPU-only build first, the full one if that has no wheel here.
    if ! install_peer keras "import tensorflow, keras" tensorflow-cpu; then
        if ((install)) && ! "$vpy" -c "import tensorflow" >/dev/null 2>&1; then
            sed -i '/^keras\t/d' "$status"
            install_peer keras "import tensorflow, keras" tensorflow || true
        fi
    fi
}
((skip_peers)) || install_peers
if ((install_only)); then
    say "installed: bench/.venv is $(venv_mb) MB"
    column -t -s $'\t' "$status" >&2 2>/dev/null || cat "$status" >&2
    exit 0
fi

# ---------------------------------------------------------------------------------------------------
# learn's own numbers
# ---------------------------------------------------------------------------------------------------
learn_out="$work/learn.json"
learn_note=""
learn_binary=""
if [[ -n "$interleave" ]] && ((skip_learn)); then
    learn_note="skipped (--skip-learn)"
elif [[ -n "$interleave" ]]; then
    # Interleaved: peers.py runs learn itself, workload by workload, in every round.
    say "building learn (swift build -c release --product learn)…"
    if (cd "$root" && swift build -c release --product learn) >"$work/build.log" 2>&1; then
        learn_binary="$root/.build/release/learn"
        learn_note="learn bench --only WORKLOAD --json --samples $samples --repeats $repeats, in every round"
    else
        learn_note="swift build failed: $(grep -m1 'error:' "$work/build.log" | cut -c1-160)"
    fi
elif [[ -n "$learn_json" ]]; then
    cp "$learn_json" "$learn_out"
    learn_note="read from $learn_json"
elif ((skip_learn)); then
    learn_note="skipped (--skip-learn)"
else
    say "building learn (swift build -c release --product learn)…"
    if (cd "$root" && swift build -c release --product learn) >"$work/build.log" 2>&1; then
        learn_args=(bench --json --samples "$samples" --repeats "$repeats")
        [[ -n "$only" ]] && learn_args+=(--only "$only")
        say "running learn ${learn_args[*]}…"
        if "$root/.build/release/learn" "${learn_args[@]}" >"$learn_out" 2>"$work/learn.err"; then
            learn_note="learn ${learn_args[*]}"
        else
            learn_note="learn bench failed: $(tail -n 1 "$work/learn.err" | cut -c1-160)"
            rm -f "$learn_out"
        fi
    else
        learn_note="swift build failed: $(grep -m1 'error:' "$work/build.log" | cut -c1-160)"
    fi
fi
[[ -n "$learn_note" ]] && say "learn: $learn_note"

# ---------------------------------------------------------------------------------------------------
# The peers, one subprocess per peer and workload
# ---------------------------------------------------------------------------------------------------
args=(--samples "$samples" --install-status "$status" --learn-note "$learn_note")
((quick)) && args+=(--quick)
[[ -s "$learn_out" ]] && args+=(--learn-json "$learn_out")
[[ -n "$interleave" ]] && args+=(--interleave "$interleave")
[[ -n "$learn_binary" ]] && args+=(--learn-binary "$learn_binary")
"$vpy" "$here/peers.py" "${args[@]}" "${passthrough[@]}"
