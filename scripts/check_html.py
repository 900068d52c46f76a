#!/usr/bin/env python3
"""Helpers for scripts/check-html.sh, standard library only (no pip packages).

  check_html.py dom HTML DOM            check what Chromium made of a page (its --dump-dom output)
  check_html.py png PNG                 check that a screenshot is not blank
  check_html.py mnist DIR               write a small synthetic MNIST (IDX, gzip) into DIR

Each check prints one short line and exits 1 when it fails.
"""
import gzip
import html.parser
import itertools
import os
import random
import re
import struct
import sys
import zlib

# Raw LaTeX that must never reach a reader (outside <annotation>, which keeps an author's source).
LATEX = [r"\frac", r"\partial", r"\mathrm", r"\text{", r"\cdot", r"\sum", "_{", "^{", "$$"]


class Text(html.parser.HTMLParser):
    """The text of a page outside <annotation>, <style>, <script> and <title>, with element counts."""

    SKIP = {"annotation", "style", "script", "title"}
    VOID = {"meta", "br", "hr", "img", "link", "input", "col", "area", "base", "source", "wbr", "mspace"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.counts, self.parts, self.skipping, self.stack = {}, [], 0, []

    def handle_starttag(self, tag, attrs):
        self.counts[tag] = self.counts.get(tag, 0) + 1
        if tag in self.VOID:
            return
        self.stack.append(tag)
        if tag in self.SKIP:
            self.skipping += 1

    def handle_startendtag(self, tag, attrs):
        self.counts[tag] = self.counts.get(tag, 0) + 1

    def handle_endtag(self, tag):
        if tag in self.VOID or tag not in self.stack:
            return
        while self.stack:
            top = self.stack.pop()
            if top in self.SKIP:
                self.skipping -= 1
            if top == tag:
                break
        self.parts.append(" ")

    def handle_data(self, data):
        if self.skipping == 0:
            self.parts.append(data)

    @property
    def text(self):
        return "".join(self.parts)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def dom(page_path, dom_path):
    """The page's MathML and SVG came through Chromium's parser, and no LaTeX, nan or inf shows."""
    source, rendered = Text(), Text()
    source.feed(read(page_path))
    rendered.feed(read(dom_path))
    problems = []
    maths, svgs = rendered.counts.get("math", 0), rendered.counts.get("svg", 0)
    if maths == 0:
        problems.append("no <math> element")
    if maths != source.counts.get("math", 0):
        problems.append(f"{source.counts.get('math', 0)} <math> in the file, {maths} in the DOM")
    if svgs != source.counts.get("svg", 0):
        problems.append(f"{source.counts.get('svg', 0)} <svg> in the file, {svgs} in the DOM")
    text = rendered.text
    for latex in LATEX:
        at = text.find(latex)
        if at >= 0:
            problems.append(f"raw LaTeX {latex!r} in …{text[max(0, at - 40):at + 20]!r}")
    bad = re.search(r"(?<![A-Za-z])(nan|inf|NaN|Infinity)(?![A-Za-z])", text)
    if bad:
        problems.append(f"{bad.group(0)!r} printed: …{text[max(0, bad.start() - 40):bad.end() + 10]!r}")
    if problems:
        print("; ".join(problems))
        return 1
    print(f"{maths} math, {svgs} svg")
    return 0


def png_rows(path):
    """Width, height and bytes per pixel of an 8-bit PNG (truecolour or greyscale, ± alpha), and an
    iterator over its rows, decoded as they are asked for."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or interlace != 0 or colour not in (0, 2, 4, 6):
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}, interlace {interlace}")
    bpp = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    return width, height, bpp, _rows(zlib.decompress(idat), width * bpp, bpp, height)


def _rows(raw, stride, bpp, height):
    """The PNG rows of `raw`, unfiltered. Most rows of a screenshot are filtered "up" (type 2) or
    "sub" (type 1): those are undone a whole row at a time (bytewise addition without carries on big
    integers; running sums per channel), the rarer "average" and "Paeth" rows byte by byte."""
    high = int.from_bytes(b"\x80" * stride, "big")
    previous, i = bytes(stride), 0
    for _ in range(height):
        kind, line = raw[i], raw[i + 1:i + 1 + stride]
        i += 1 + stride
        if kind == 2:
            a, b = int.from_bytes(line, "big"), int.from_bytes(previous, "big")
            line = (((a & ~high) + (b & ~high)) ^ ((a ^ b) & high)).to_bytes(stride, "big")
        elif kind == 1:
            out = bytearray(stride)
            for k in range(bpp):
                out[k::bpp] = bytes(map((255).__and__, itertools.accumulate(line[k::bpp])))
            line = bytes(out)
        elif kind in (3, 4):
            line = bytearray(line)
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0
                b = previous[x]
                c = previous[x - bpp] if x >= bpp else 0
                if kind == 3:
                    line[x] = (line[x] + (a + b) // 2) & 255
                else:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            line = bytes(line)
        yield line
        previous = line


def png(path):
    """A screenshot shows something below the page's header: enough dark pixels (text) and several
    colours (figures, maths). Every third pixel of every third row from row 400 on is looked at, until
    both are certain."""
    width, height, bpp, rows = png_rows(path)
    top = min(400, height // 3)
    total = ((height - top + 2) // 3) * ((width + 2) // 3)
    needed = int(0.004 * total) + 1
    dark = 0
    colours = set()
    for y, row in enumerate(rows):
        if y < top or y % 3:
            continue
        for x in range(0, width, 3):
            px = row[x * bpp:x * bpp + min(bpp, 3)]
            if bpp < 3:
                px = px[:1] * 3
            colours.add(bytes(c >> 3 for c in px))
            if sum(px) < 3 * 160:
                dark += 1
        if dark >= needed and len(colours) >= 8:
            print(f"not blank: {dark} dark pixels, {len(colours)} colours in rows {top}–{y}")
            return 0
    print(f"blank? {dark / max(total, 1):.2%} dark pixels, {len(colours)} colours")
    return 1


def mnist(folder, train=3000, test=1000, seed=1):
    """A small MNIST-format dataset: digits drawn as strokes, labels 0–9, gzip'd IDX files."""
    rng = random.Random(seed)
    strokes = {  # segments on a 0…1 square for each digit, roughly its shape
        0: [(0.3, 0.2, 0.7, 0.2), (0.7, 0.2, 0.7, 0.8), (0.7, 0.8, 0.3, 0.8), (0.3, 0.8, 0.3, 0.2)],
        1: [(0.5, 0.15, 0.5, 0.85)],
        2: [(0.3, 0.25, 0.7, 0.25), (0.7, 0.25, 0.7, 0.5), (0.7, 0.5, 0.3, 0.8), (0.3, 0.8, 0.7, 0.8)],
        3: [(0.3, 0.2, 0.7, 0.2), (0.7, 0.2, 0.5, 0.5), (0.5, 0.5, 0.7, 0.8), (0.7, 0.8, 0.3, 0.8)],
        4: [(0.35, 0.2, 0.3, 0.55), (0.3, 0.55, 0.75, 0.55), (0.6, 0.2, 0.6, 0.85)],
        5: [(0.7, 0.2, 0.3, 0.2), (0.3, 0.2, 0.3, 0.5), (0.3, 0.5, 0.7, 0.6), (0.7, 0.6, 0.3, 0.8)],
        6: [(0.6, 0.2, 0.3, 0.55), (0.3, 0.55, 0.3, 0.8), (0.3, 0.8, 0.7, 0.8), (0.7, 0.8, 0.7, 0.55), (0.7, 0.55, 0.3, 0.55)],
        7: [(0.3, 0.2, 0.7, 0.2), (0.7, 0.2, 0.4, 0.85)],
        8: [(0.5, 0.2, 0.3, 0.35), (0.3, 0.35, 0.7, 0.65), (0.7, 0.65, 0.5, 0.8), (0.5, 0.8, 0.3, 0.65), (0.3, 0.65, 0.7, 0.35), (0.7, 0.35, 0.5, 0.2)],
        9: [(0.7, 0.45, 0.3, 0.45), (0.3, 0.45, 0.3, 0.2), (0.3, 0.2, 0.7, 0.2), (0.7, 0.2, 0.7, 0.85)],
    }

    def image(label):
        pixels = bytearray(28 * 28)
        dx, dy, scale = rng.uniform(-2, 2), rng.uniform(-2, 2), rng.uniform(0.85, 1.1)
        for (x0, y0, x1, y1) in strokes[label]:
            for k in range(40):
                t = k / 39
                x = 14 + ((x0 + (x1 - x0) * t) * 20 - 10) * scale + dx
                y = 14 + ((y0 + (y1 - y0) * t) * 20 - 10) * scale + dy
                for ox in (-1, 0, 1):
                    for oy in (-1, 0, 1):
                        px, py = int(round(x + ox)), int(round(y + oy))
                        if 0 <= px < 28 and 0 <= py < 28:
                            ink = 255 if ox == 0 and oy == 0 else 140
                            pixels[py * 28 + px] = max(pixels[py * 28 + px], ink)
        return bytes(pixels)

    def write(name, count):
        labels = [i % 10 for i in range(count)]
        rng.shuffle(labels)
        with gzip.open(os.path.join(folder, f"{name}-images-idx3-ubyte.gz"), "wb") as f:
            f.write(struct.pack(">IIII", 0x803, count, 28, 28))
            for label in labels:
                f.write(image(label))
        with gzip.open(os.path.join(folder, f"{name}-labels-idx1-ubyte.gz"), "wb") as f:
            f.write(struct.pack(">II", 0x801, count) + bytes(labels))

    os.makedirs(folder, exist_ok=True)
    write("train", train)
    write("t10k", test)
    print(f"synthetic MNIST: {train} training and {test} test images in {folder}")
    return 0


if __name__ == "__main__":
    command, arguments = sys.argv[1], sys.argv[2:]
    try:
        sys.exit({"dom": dom, "png": png, "mnist": mnist}[command](*arguments))
    except (OSError, ValueError, KeyError, struct.error, zlib.error) as error:
        print(f"{command}: {error}")
        sys.exit(1)
