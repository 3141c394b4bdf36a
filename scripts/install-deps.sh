#!/usr/bin/env bash
# Installs what building and testing DealRules needs on a Debian machine that
# already has Swift: libedit headers (the REPL's line editor), Chromium (the
# HTML report test renders the page) and the Python packages the tests use.
# Quick and silent when everything is present; `apt-get update` runs at most
# once, and only when something has to be installed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf 'deps: %s\n' "$*"; }
fail() { printf 'deps: error: %s\n' "$*" >&2; exit 1; }

if ! command -v swift >/dev/null 2>&1; then
    fail "swift is not on PATH; install the Swift 6 toolchain first (https://www.swift.org/install/)"
fi

# Commands that change the system run as root, through sudo when needed.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        fail "need root to run '$*': run as root or install sudo"
    fi
}

apt_updated=no
apt_install() {
    command -v apt-get >/dev/null 2>&1 ||
        fail "apt-get not found; install these by hand: $*"
    if [ "$apt_updated" = no ]; then
        say "apt-get update"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        apt_updated=yes
    fi
    say "installing $*"
    as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

package_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'
}

missing=()
package_installed libedit-dev || missing+=(libedit-dev)
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
    missing+=(chromium)
fi

requirements=Tests/requirements.txt
if [ -f "$requirements" ] && ! python3 -m pip --version >/dev/null 2>&1; then
    missing+=(python3-pip)
fi

if [ "${#missing[@]}" -gt 0 ]; then
    apt_install "${missing[@]}"
fi

# The probe answers in a few milliseconds when every requirement is installed
# (and satisfies its version where `packaging` can tell); pip runs only
# otherwise. Debian's own Python refuses plain installs (PEP 668), so retry
# there with the flag that allows them.
requirements_satisfied() {
    python3 - "$requirements" <<'PY' 2>/dev/null
import re, sys
from importlib import metadata
try:
    from packaging.requirements import Requirement
except ImportError:
    Requirement = None
for raw in open(sys.argv[1]):
    line = raw.split("#", 1)[0].strip()
    if not line:
        continue
    name = re.match(r"[A-Za-z0-9._-]+", line).group(0)
    installed = metadata.version(name)  # raises when missing
    if Requirement is not None:
        wanted = Requirement(line)
        if not wanted.specifier.contains(installed, prereleases=True):
            sys.exit(1)
PY
}

if [ -f "$requirements" ] && ! requirements_satisfied; then
    say "installing Python packages from $requirements"
    pip_install=(python3 -m pip install -q --disable-pip-version-check -r "$requirements")
    if ! output=$("${pip_install[@]}" 2>&1); then
        if grep -q externally-managed-environment <<<"$output"; then
            "${pip_install[@]}" --break-system-packages
        else
            printf '%s\n' "$output" >&2
            fail "pip could not install $requirements"
        fi
    fi
fi
