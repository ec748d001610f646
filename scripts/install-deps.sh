#!/usr/bin/env bash
# Installs what diglot needs on a Debian-like machine, with apt-get:
#   scripts/install-deps.sh run    Apertium and the fr→es→en pairs (the offline default backend)
#   scripts/install-deps.sh test   the above, the other French and English pairs users have
#                                  (through Catalan and Esperanto: the tests must pass with
#                                  them installed), the APY server, Chromium for the browser
#                                  tests, xmllint for the XLIFF/TMX schema checks, the CAT
#                                  tools of the round-trip tests (translate-toolkit, OmegaT
#                                  under Xvfb), PostgreSQL for the shared memory, and man,
#                                  zsh and fish for the man page and completion tests
# Elsewhere it prints what to install. Packages already present are skipped, so a
# second run costs nothing.
set -euo pipefail

want=(apertium apertium-fr-es apertium-eng-spa)
if [[ "${1:-run}" == test ]]; then
  want+=(apertium-fra-cat apertium-eng-cat apertium-eo-fr apertium-eo-en
         apertium-apy chromium libxml2-utils
         translate-toolkit omegat xvfb xauth
         postgresql
         man-db zsh fish)
fi

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ! command -v go >/dev/null; then
  echo "diglot needs Go 1.26 or newer: https://go.dev/doc/install" >&2
  exit 1
fi

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "Please install these packages with your system's package manager: ${missing[*]}" >&2
  echo "(Apertium: https://wiki.apertium.org/wiki/Installation)" >&2
  exit 1
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null; then sudo=(sudo); else
    echo "Run as root, or install: ${missing[*]}" >&2; exit 1
  fi
fi
echo "Installing ${missing[*]} with apt-get…" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
