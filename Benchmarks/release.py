"""What the benchmark scripts share: the release binary they measure."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def release_binary(given=None):
    """The binary given on the command line, or a release build made now."""
    if given:
        return os.path.abspath(given)
    print("building briefings (release)…", file=sys.stderr)
    # As scripts/lib/setup.sh's release_build: on Linux, with the Swift runtime linked in.
    flags = []
    if sys.platform.startswith("linux"):
        flags = ["--static-swift-stdlib"]
    subprocess.run(["swift", "build", "-c", "release", *flags, "--product", "briefings"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    bin_path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout.strip()
    return os.path.join(bin_path, "briefings")
