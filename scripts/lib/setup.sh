# Shared set-up for the project's scripts: installs what Briefings needs from
# the system's package manager when it is missing. Sourced, not run.

log() { printf '==> %s\n' "$*" >&2; }

# Runs apt-get as root, through sudo when we are not root.
apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo="sudo"
    else
      log "need root (or sudo) to install: $*"
      return 1
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    log "apt-get not found; install these with your package manager: $*"
    return 1
  fi
  log "installing $* with apt"
  if [ -z "${BRIEFINGS_APT_UPDATED:-}" ]; then
    $sudo apt-get update -qq
    export BRIEFINGS_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# The C libraries Briefings links: cmark (it renders Markdown with it) and
# pkg-config, which SwiftPM asks where cmark is; on Linux, mimalloc (the
# allocator the briefings binary uses instead of glibc's) and libcurl, which
# `check --external` loads when asked to (its development package is the one
# name that brings the library on every Debian and Ubuntu release).
ensure_libraries() {
  local missing=()
  command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
  if ! pkg-config --exists libcmark 2>/dev/null; then missing+=(libcmark-dev); fi
  if [ "$(uname -s)" = Linux ] && ! have_mimalloc; then missing+=(libmimalloc-dev); fi
  if [ "$(uname -s)" = Linux ] && ! pkg-config --exists libcurl 2>/dev/null; then missing+=(libcurl4-openssl-dev); fi
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
  pkg-config --exists libcmark || { log "libcmark still not found by pkg-config"; return 1; }
}

# Whether the linker can find libmimalloc.so: where the loader's cache says it
# is (a stale cache may name a removed file, so the file must exist), or in
# the usual library folders.
have_mimalloc() {
  local path
  for path in $( { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | awk '/libmimalloc\.so /{print $NF}') \
      /usr/lib/*/libmimalloc.so /usr/lib/libmimalloc.so /usr/local/lib/libmimalloc.so; do
    [ -e "$path" ] && return 0
  done
  return 1
}

ensure_swift() {
  command -v swift >/dev/null 2>&1 || { log "Swift 6 is required: https://www.swift.org/install/linux/"; return 1; }
}

# Builds the release binary. On Linux the Swift runtime and Foundation are
# linked into it (--static-swift-stdlib): loading them as shared libraries took
# about 6 ms of every run, a sixth of a build of the shipped site
# (docs/performance.md).
release_build() {
  if [ "$(uname -s)" = Linux ]; then
    swift build -c release --static-swift-stdlib "$@"
  else
    swift build -c release "$@"
  fi
}
