#!/usr/bin/env python3
"""Size check: no function over 150 lines and no file over 800 lines in src/.

    scripts/check-size.py [--max-function N] [--max-file N] [FILE...]

Without FILE, every .h/.cc under src/ is checked. Tests (*_test.cc, test_*.h, *_test_*.h)
and generated files (those whose first line says "generated") are not checked.

A file may exceed the limits when its FIRST line is a comment giving the reason:

    // size: <why this file or its functions are longer than the limits>

The reason must not be empty. Functions are measured with universal-ctags (their first to
last line, both included); a lambda inside a function counts towards the enclosing function,
as ctags reports only named functions. Prints each offender and exits 1 when there is one.
"""

import argparse
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SIZE_MARKER = re.compile(r"^\s*//\s*size:\s*(\S.*)$")
TEST_FILE = re.compile(r"(_test\.cc|^test_.*\.h|_test_.*\.h)$")
CTAGS = [
    "ctags", "--fields=+ne", "--kinds-c++=f", "--language-force=c++", "-x",
    "--_xformat=%{input}\t%{line}\t%{end}\t%{name}",
]


def is_exempt(path: pathlib.Path, first_line: str) -> bool:
    if TEST_FILE.search(path.name):
        return True
    return "generated" in first_line.lower() and first_line.lstrip().startswith("//")


def functions(paths):
    """{path: [(first line, last line, name)]} of the functions defined, outermost only."""
    out = subprocess.run(CTAGS + [str(p) for p in paths], capture_output=True, text=True,
                         check=True).stdout
    spans = {}
    for row in out.splitlines():
        parts = row.split("\t", maxsplit=3)
        if len(parts) < 4 or not parts[1].isdigit() or not parts[2].isdigit():
            continue  # ctags found no end (a declaration): nothing to measure
        spans.setdefault(pathlib.Path(parts[0]), []).append(
            (int(parts[1]), int(parts[2]), parts[3]))
    result = {}
    for path, found in spans.items():
        # A function nested in another (a local class's method) is part of the outer one.
        found.sort(key=lambda s: (s[0], -s[1]))
        outer = []
        for span in found:
            if outer and span[0] >= outer[-1][0] and span[1] <= outer[-1][1]:
                continue
            outer.append(span)
        result[path] = outer
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-function", type=int, default=150)
    parser.add_argument("--max-file", type=int, default=800)
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()

    if args.files:
        paths = [pathlib.Path(f).resolve() for f in args.files]
    else:
        paths = sorted(p for p in (ROOT / "src").rglob("*") if p.suffix in (".h", ".cc"))

    checked = []
    for path in paths:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        first = lines[0] if lines else ""
        if not (is_exempt(path, first) or SIZE_MARKER.match(first)):
            checked.append((path, lines))
    spans = functions([path for path, _ in checked]) if checked else {}

    offenders = []
    for path, lines in checked:
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        if len(lines) > args.max_file:
            offenders.append(f"{shown}: {len(lines)} lines (file limit {args.max_file})")
        for start, end, name in spans.get(path, []):
            length = end - start + 1
            if length > args.max_function:
                offenders.append(
                    f"{shown}:{start}: {name} is {length} lines (function limit {args.max_function})")

    for line in offenders:
        print(line)
    if offenders:
        print(f"check-size: {len(offenders)} over the limit; shorten them, or give the reason "
              "on the file's first line: // size: <reason>", file=sys.stderr)
        return 1
    print("check-size: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
