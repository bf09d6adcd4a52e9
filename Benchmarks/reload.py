#!/usr/bin/env python3
"""Save-to-reload time of `briefings serve`: how long from an editor saving a
page to the open browser being told to reload, with the new page ready.

It starts the preview server on a copy of the shipped site and on a generated
site (Benchmarks/corpus.py, the default theme), listens to the live-reload
stream (/_briefings/events) as a browser page does, then edits a case study
several times. Each measurement runs from just before the file is written to
the moment the reload event arrives; the page is then fetched to confirm it
shows the edit. Prints the median, fastest and slowest for each site.

Usage: scripts/reload-bench [--pages 10000] [--edits 10] [--binary PATH]
"""
import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

from release import release_binary

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, binary, site):
        self.port = free_port()
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen([binary, "serve", "--port", str(self.port)], cwd=site,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                sys.exit("briefings serve stopped:\n" + self.log.read().decode(errors="replace")[-3000:])
            try:
                if self.get("/")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        sys.exit("briefings serve did not answer within 10 minutes")

    def get(self, path):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.read().decode(errors="replace")
        finally:
            connection.close()

    def events(self):
        """The live-reload stream, as a file of lines."""
        connection = socket.create_connection(("127.0.0.1", self.port), timeout=60)
        connection.sendall(f"GET /_briefings/events HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
                           "Accept: text/event-stream\r\n\r\n".encode())
        return connection, connection.makefile("rb")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def wait_for_reload(stream):
    while True:
        line = stream.readline()
        if not line:
            sys.exit("the live-reload stream closed")
        if line.strip() == b"event: reload":
            return


def measure(binary, site, page_source, page_url, edits):
    server = Server(binary, site)
    try:
        connection, stream = server.events()
        times = []
        path = os.path.join(site, "Content", page_source)
        for number in range(edits):
            marker = f"Edited by the reload benchmark, edit {number} of {time.monotonic_ns()}."
            with open(path, encoding="utf-8") as file:
                text = file.read()
            started = time.monotonic()
            with open(path, "w", encoding="utf-8") as file:
                file.write(text + f"\n{marker}\n")
            wait_for_reload(stream)
            times.append(time.monotonic() - started)
            status, html = server.get(page_url)
            if status != 200 or marker not in html:
                sys.exit(f"after the reload event, {page_url} did not show the edit")
            time.sleep(0.3)  # an editor does not save ten times a second
        connection.close()
        return times
    finally:
        server.stop()


def shipped_site(work):
    site = os.path.join(work, "shipped")
    shutil.rmtree(site, ignore_errors=True)
    os.makedirs(site)
    for folder in ["Content", "Templates"]:
        shutil.copytree(os.path.join(ROOT, folder), os.path.join(site, folder))
    return site


def generated_site(work, pages):
    folder = os.path.join(work, f"serve-corpus-{pages}")
    done = os.path.join(folder, ".complete")
    if not os.path.exists(done):
        shutil.rmtree(folder, ignore_errors=True)
        print(f"generating {pages} pages…", file=sys.stderr)
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "corpus.py"), "--pages", str(pages), "--out", folder,
                        "--no-hugo", "--theme", "default"], check=True, stdout=subprocess.DEVNULL)
        open(done, "w").close()
    return os.path.join(folder, "briefings")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=10000)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "briefings-reload-bench"))
    parser.add_argument("--binary", help="a release build of briefings (default: build one)")
    args = parser.parse_args()
    binary = release_binary(args.binary)
    os.makedirs(args.work, exist_ok=True)

    rows = []
    print("the shipped site…", file=sys.stderr)
    rows.append(("shipped site", measure(binary, shipped_site(args.work), "case-studies/kent.md", "/case-studies/kent/",
                                         args.edits)))
    if args.pages:
        site = generated_site(args.work, args.pages)
        first = sorted(os.listdir(os.path.join(site, "Content", "case-studies")))[0]
        slug = first[:-3]
        print(f"{args.pages} pages…", file=sys.stderr)
        rows.append((f"{args.pages:,} generated pages", measure(binary, site, f"case-studies/{first}",
                                                                f"/case-studies/{slug}/", args.edits)))
    print("| Site | edits | median ms | fastest ms | slowest ms |")
    print("|---|---:|---:|---:|---:|")
    for name, times in rows:
        print(f"| {name} | {len(times)} | {statistics.median(times) * 1000:.0f} | {min(times) * 1000:.0f}"
              f" | {max(times) * 1000:.0f} |")


if __name__ == "__main__":
    main()
