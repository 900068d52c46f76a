#!/usr/bin/env bash
# Browser check of the HTML export: every lesson written with `learn lesson NAME --format html`, then
# opened in headless Chromium. For each page: Chromium's DOM holds the MathML and SVG of the file and
# shows no raw LaTeX, nan or inf (scripts/check_html.py dom), and a screenshot is not blank
# (scripts/check_html.py png). Also a --section export and a --set run (the banner).
#
# Chromium is installed with apt-get when it is missing (sudo when not root). The MNIST lessons read
# $LEARN_DATA, /work/shared/data/mnist or ../shared/data/mnist when one holds the files; otherwise a
# small synthetic MNIST is generated, on which a lesson may exit 65 (its published numbers do not hold)
# but must still write its page. Any other failure fails the check.
#
# Usage: scripts/check-html.sh [LESSON…]   (default: every lesson in lessons/)
# One line per page; exit status 1 when any page fails. Pages and screenshots are kept in
# $LEARN_HTML_OUT if set; LEARN_HTML_SYNTHETIC=1 uses the synthetic MNIST even when the real one is there.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d "${TMPDIR:-/tmp}/learn-html.XXXXXX")
trap 'rm -rf "$work"' EXIT
out=${LEARN_HTML_OUT:-$work/out}
mkdir -p "$out"

# --- Chromium ---------------------------------------------------------------------------------------
find_chromium() {
    for name in chromium chromium-browser google-chrome google-chrome-stable; do
        if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
    done
    return 1
}
if ! browser=$(find_chromium); then
    echo "check-html: Chromium not found; installing it with apt-get"
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "check-html: no apt-get to install Chromium with; install chromium and rerun" >&2
        exit 1
    fi
    if [ "$(id -u)" -eq 0 ]; then
        as_root=()
    elif command -v sudo >/dev/null 2>&1; then
        as_root=(sudo -n)
    else
        echo "check-html: not root and no sudo: cannot install Chromium (apt-get install chromium)" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    # A fresh container has no package lists: update first when the install cannot find the package.
    if ! "${as_root[@]}" apt-get install -y -q chromium >"$work/apt.log" 2>&1; then
        "${as_root[@]}" apt-get update -q >>"$work/apt.log" 2>&1
        "${as_root[@]}" apt-get install -y -q chromium >>"$work/apt.log" 2>&1 \
            || { tail -20 "$work/apt.log" >&2; echo "check-html: apt-get install chromium failed" >&2; exit 1; }
    fi
    browser=$(find_chromium) || { echo "check-html: Chromium installed but not found on PATH" >&2; exit 1; }
fi
echo "check-html: $("$browser" --version 2>/dev/null || echo "$browser")"

chrome() {
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
        --disable-extensions --user-data-dir="$work/profile" "$@" 2>>"$work/chromium.log"
}

# --- learn and the lessons --------------------------------------------------------------------------
swift build --product learn >"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; exit 1; }
learn="$(swift build --show-bin-path)/learn"

if [ $# -gt 0 ]; then
    lessons=("$@")
else
    lessons=()
    for file in lessons/*.md; do
        name=$(basename "$file" .md)
        [ "$name" = README ] || lessons+=("$name")
    done
fi

# MNIST for the dataset lessons.
has_mnist() { [ -n "${1:-}" ] && { [ -f "$1/train-images-idx3-ubyte.gz" ] || [ -f "$1/train-images-idx3-ubyte" ] || [ -d "$1/mnist" ]; }; }
synthetic=0
if [ "${LEARN_HTML_SYNTHETIC:-0}" = 1 ]; then
    :   # Forced: check the synthetic path.
elif has_mnist "${LEARN_DATA:-}"; then
    :
elif has_mnist /work/shared/data/mnist; then
    export LEARN_DATA=/work/shared/data/mnist
elif has_mnist ../shared/data/mnist; then
    export LEARN_DATA=$(cd ../shared/data/mnist && pwd)
fi
if [ "${LEARN_HTML_SYNTHETIC:-0}" = 1 ] || ! has_mnist "${LEARN_DATA:-}"; then
    python3 scripts/check_html.py mnist "$work/mnist"
    export LEARN_DATA="$work/mnist"
    synthetic=1
fi

# --- one page ---------------------------------------------------------------------------------------
failures=0
check() {  # check LABEL ARGS…: export with ARGS, then check the page in Chromium.
    local label=$1; shift
    local page="$out/$label.html" status=0
    "$learn" lesson "$@" --format html --output "$page" >"$work/$label.out" 2>"$work/$label.err" || status=$?
    if [ "$status" -ne 0 ]; then
        if [ "$status" -eq 65 ] && [ "$synthetic" -eq 1 ] && [ -s "$page" ]; then
            :   # The published numbers do not hold on synthetic data; the page must still be complete.
        else
            printf '%-28s FAIL  learn exited %d: %s\n' "$label" "$status" "$(tail -1 "$work/$label.err")"
            failures=$((failures + 1)); return
        fi
    fi
    if ! tail -c 8 "$page" | grep -q '</html>'; then
        printf '%-28s FAIL  the page is incomplete\n' "$label"; failures=$((failures + 1)); return
    fi
    local url="file://$(cd "$(dirname "$page")" && pwd)/$(basename "$page")"
    # One run of Chromium: the DOM it built on standard output, and a screenshot of the first 2400 pixels.
    if ! chrome --window-size=1000,2400 --screenshot="$out/$label.png" --dump-dom "$url" >"$work/$label.dom" \
        || [ ! -s "$work/$label.dom" ]; then
        printf '%-28s FAIL  Chromium could not load it\n' "$label"; failures=$((failures + 1)); return
    fi
    local dom shot
    if ! dom=$(python3 scripts/check_html.py dom "$page" "$work/$label.dom"); then
        printf '%-28s FAIL  %s\n' "$label" "$dom"; failures=$((failures + 1)); return
    fi
    if ! shot=$(python3 scripts/check_html.py png "$out/$label.png"); then
        printf '%-28s FAIL  screenshot: %s\n' "$label" "$shot"; failures=$((failures + 1)); return
    fi
    local note=""
    [ "$status" -eq 65 ] && note=" (exit 65 on synthetic MNIST)"
    printf '%-28s ok    %s; %s%s\n' "$label" "$dom" "$shot" "$note"
}

for name in "${lessons[@]}"; do check "$name" "$name"; done
# A section alone, and a run with the learner's own values (the banner).
if printf '%s\n' "${lessons[@]}" | grep -qx backprop; then
    check backprop--section-3 backprop --section 3
    check backprop--set-i1 backprop --set i1=0.2
    if ! grep -q "Your values, not the slides" "$out/backprop--set-i1.html"; then
        echo "backprop--set-i1             FAIL  no banner"; failures=$((failures + 1))
    fi
fi

if [ "$failures" -gt 0 ]; then
    echo "check-html: $failures page(s) failed"
    exit 1
fi
echo "check-html: every page passed"
