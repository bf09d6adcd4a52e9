#!/usr/bin/env python3
"""Benchmarks Briefings against Hugo and the cmark floor on generated sites.

For each size it generates a corpus (Benchmarks/corpus.py: the same pages in
Briefings' layout and Hugo's), then builds it several times with each tool,
alternating, each build from nothing (output, spare folder and cache removed
first, outside the timing). It also times `cmark` over all the Markdown
concatenated: the floor, what parsing and rendering the Markdown alone costs.
At every size it then times incremental builds of Briefings: with nothing
changed, and after one page is edited. Last, how time grows with size: each
size and the next are built by Briefings alternately (clean builds), since
the sizes above are timed minutes apart and a shared machine's speed drifts.

Wall time is taken around each run, peak memory from /usr/bin/time. It prints a Markdown table
(medians) and the machine it ran on; nothing here is part of the test run.
Corpora and outputs go on tmpfs (/dev/shm) when it has room, so that both
tools are measured rather than the disk; --work chooses another place.

Usage: scripts/bench [--sizes 1000,10000,100000] [--runs 5] [--work DIR]
"""
import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from release import release_binary

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HUGO_LIMIT = 10_000  # Hugo is compared up to this size; beyond it, Briefings alone.


def timed(command, cwd=None):
    """Runs a command under /usr/bin/time; returns (seconds, peak MB). The
    time is taken here, to the microsecond, rather than /usr/bin/time's, to
    the hundredth of a second (a tenth of a one-file rebuild); it includes
    /usr/bin/time's own start, about a millisecond, for every tool alike."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        start = time.perf_counter()
        result = subprocess.run(["/usr/bin/time", "-o", report.name, "-f", "%M"] + command, cwd=cwd,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            sys.exit(f"failed: {' '.join(command)}\n{result.stderr[-2000:]}")
        return elapsed, int(report.read().split()[-1]) / 1024


def remove(*paths):
    for path in paths:
        if os.path.isdir(path):
            shutil.rmtree(path)
        elif os.path.exists(path):
            os.remove(path)


def corpus(work, pages, seed, with_hugo):
    folder = os.path.join(work, f"corpus-{pages}-{seed}")
    done = os.path.join(folder, ".complete" + ("-hugo" if with_hugo else ""))
    if not os.path.exists(done):
        remove(folder)
        command = [sys.executable, os.path.join(ROOT, "Benchmarks", "corpus.py"), "--pages", str(pages), "--out", folder,
                   "--seed", str(seed)]
        if not with_hugo:
            command.append("--no-hugo")
        print(f"generating {pages} pages…", file=sys.stderr)
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        open(done, "w").close()
    return folder


def concatenated_markdown(folder):
    target = os.path.join(folder, "all.md")
    if not os.path.exists(target):
        with open(target, "wb") as out:
            for base, dirs, files in os.walk(os.path.join(folder, "briefings", "Content")):
                dirs.sort()
                for name in sorted(files):
                    if name.endswith(".md"):
                        with open(os.path.join(base, name), "rb") as source:
                            shutil.copyfileobj(source, out)
                            out.write(b"\n")
    return target


def briefings_build(binary, site, output, clean):
    if clean:
        parent, name = os.path.split(output)
        remove(output, os.path.join(parent, "." + name + ".spare"), os.path.join(site, ".briefings-cache"))
    command = [binary, "build", "--no-search", "--quiet", "--output", output] + (["--clean"] if clean else [])
    return timed(command, cwd=site)


def hugo_build(site, output):
    remove(output)
    return timed(["hugo", "--quiet", "-d", output], cwd=site)


def edit(site, counter):
    """Appends a sentence to one case study (a different one each time)."""
    folder = os.path.join(site, "Content", "case-studies")
    names = sorted(os.listdir(folder))
    path = os.path.join(folder, names[(counter * 7919) % len(names)])
    with open(path, "a", encoding="utf-8") as file:
        file.write(f"\nA sentence added by the benchmark, number {counter}.\n")


def median(values):
    return statistics.median(values) if values else None


def machine():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), "")
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo") as info:
            kb = int(re.search(r"MemTotal:\s+(\d+)", info.read()).group(1))
            memory = f"{kb / 1024 / 1024:.0f} GB"
    except (OSError, AttributeError):
        pass

    def version(command):
        try:
            return subprocess.run(command, capture_output=True, text=True).stdout.strip().splitlines()[0]
        except (OSError, IndexError):
            return "not installed"

    return [
        f"- CPU: {cpu or platform.processor()}, {os.cpu_count()} cores available; memory {memory}",
        f"- OS: {platform.platform()}",
        f"- Swift: {version(['swift', '--version'])}",
        f"- Hugo: {version(['hugo', 'version']) if shutil.which('hugo') else 'not installed'}",
        f"- cmark: {version(['cmark', '--version'])}",
    ]


def default_work():
    shm = "/dev/shm"
    if os.path.isdir(shm) and os.access(shm, os.W_OK):
        stats = os.statvfs(shm)
        if stats.f_bavail * stats.f_frsize > 8 * 1024 ** 3:
            return os.path.join(shm, "briefings-bench")
    return os.path.join(tempfile.gettempdir(), "briefings-bench")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=5, help="builds per tool and size (100,000 pages: at most 3)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", default=default_work(),
                        help="where corpora and outputs go (default: on tmpfs when there is one, so that the figures"
                             " measure the tools and not the disk)")
    parser.add_argument("--binary", help="a release build of briefings (default: build one)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    os.makedirs(args.work, exist_ok=True)

    binary = release_binary(args.binary)
    have_hugo = shutil.which("hugo") is not None
    have_cmark = shutil.which("cmark") is not None

    rows = []
    places = {}
    for pages in sizes:
        with_hugo = have_hugo and pages <= HUGO_LIMIT
        folder = corpus(args.work, pages, args.seed, with_hugo)
        site = os.path.join(folder, "briefings")
        output = os.path.join(folder, "out-briefings")
        places[pages] = (site, output)
        hugo_output = os.path.join(folder, "out-hugo")
        runs = min(args.runs, 3) if pages > HUGO_LIMIT else args.runs
        full, hugo, floor = [], [], []
        print(f"{pages} pages: {runs} runs each…", file=sys.stderr)
        for _ in range(runs):
            full.append(briefings_build(binary, site, output, clean=True))
            if with_hugo:
                hugo.append(hugo_build(os.path.join(folder, "hugo"), hugo_output))
            if have_cmark:
                floor.append(timed(["cmark", concatenated_markdown(folder)]))
        remove(hugo_output)
        # Incremental: the last clean build left its cache and its output.
        unchanged = [briefings_build(binary, site, output, clean=False) for _ in range(runs)]
        one_file = []
        for run in range(runs):
            edit(site, run)
            one_file.append(briefings_build(binary, site, output, clean=False))
        rows.append({
            "pages": pages,
            "full": median([t for t, _ in full]), "full_mb": median([m for _, m in full]),
            "hugo": median([t for t, _ in hugo]), "hugo_mb": median([m for _, m in hugo]),
            "floor": median([t for t, _ in floor]),
            "unchanged": median([t for t, _ in unchanged]), "one_file": median([t for t, _ in one_file]),
        })
        remove(output, os.path.join(folder, ".out-briefings.spare"))

    # Growth from one size to the next, built alternately: the sizes above run
    # minutes apart, and this machine's speed drifts by a tenth in that time.
    paired = {}
    for before, after in zip(sizes, sizes[1:]):
        runs = min(args.runs, 3) if after > HUGO_LIMIT else args.runs
        print(f"{before} and {after} pages alternately: {runs} runs each…", file=sys.stderr)
        small, large = [], []
        for _ in range(runs):
            large.append(briefings_build(binary, *places[after], clean=True)[0])
            small.append(briefings_build(binary, *places[before], clean=True)[0])
        for pages in (before, after):
            site, output = places[pages]
            remove(output, os.path.join(os.path.dirname(output), "." + os.path.basename(output) + ".spare"))
        paired[(before, after)] = (median(small), median(large))

    def number(value, digits=2):
        return "–" if value is None else f"{value:.{digits}f}"

    def ratio(a, b):
        # Three places: a target such as "under 0.05" is read off these.
        return "–" if a is None or b is None or b == 0 else f"{a / b:.3f}"

    print("## Clean full builds (median)\n")
    print("| Pages | Briefings s | Briefings peak MB | pages/s | Hugo s | Hugo peak MB | Briefings / Hugo time"
          " | Briefings / Hugo memory | cmark floor s | Briefings / floor |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['pages']:,} | {number(row['full'])} | {number(row['full_mb'], 0)} | {row['pages'] / row['full']:,.0f}"
              f" | {number(row['hugo'])} | {number(row['hugo_mb'], 0)} | {ratio(row['full'], row['hugo'])}"
              f" | {ratio(row['full_mb'], row['hugo_mb'])} | {number(row['floor'])} | {ratio(row['full'], row['floor'])} |")
    print("\n## Incremental builds of Briefings (median)\n")
    print("| Pages | nothing changed s | / full | one page edited s | / full |")
    print("|---:|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['pages']:,} | {number(row['unchanged'], 3)} | {ratio(row['unchanged'], row['full'])}"
              f" | {number(row['one_file'], 3)} | {ratio(row['one_file'], row['full'])} |")
    if len(rows) > 1:
        print("\n## Growth\n")
        # Each size against the one before: linear growth is time × the size ratio.
        for before, row in zip(rows, rows[1:]):
            small, large = paired[(before['pages'], row['pages'])]
            print(f"- {before['pages']:,} → {row['pages']:,} pages ({row['pages'] / before['pages']:.0f}×): "
                  f"time ×{large / small:.1f} built alternately ({small:.2f} s and {large:.2f} s, medians), "
                  f"×{row['full'] / before['full']:.1f} from the table above; peak memory ×{row['full_mb'] / before['full_mb']:.1f}")
    print("\n## Machine\n")
    print("\n".join(machine()))


if __name__ == "__main__":
    main()
