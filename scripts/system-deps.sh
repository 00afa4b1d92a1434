#!/usr/bin/env bash
# Install the Debian (and npm) packages Kohtaamo needs, when they are missing.
#   scripts/system-deps.sh run    Voikko (Finnish morphology), gettext, Pango and fonts (PDF)
#   scripts/system-deps.sh test   also Chromium + driver, PostgreSQL, Node/npm and axe-core
set -euo pipefail
cd "$(dirname "$0")/.."

RUN_PACKAGES=(libvoikko1 voikko-fi gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)
TEST_PACKAGES=(chromium chromium-driver postgresql nodejs npm)

packages=("${RUN_PACKAGES[@]}")
[[ "${1:-run}" == "test" ]] && packages+=("${TEST_PACKAGES[@]}")

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# node and npm may come from elsewhere than Debian; what matters is that they run.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<< "${missing[*]:-}"

if (( ${#missing[@]} )); then
  if [[ $EUID -eq 0 ]]; then
    SUDO=""
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    SUDO="sudo"
  else
    echo "Kohtaamo needs these Debian packages: ${missing[*]}" >&2
    echo "Install them as root:  apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ "${1:-run}" == "test" && ! -f node_modules/axe-core/axe.min.js ]]; then
  echo "Installing axe-core from package-lock.json (accessibility checks in the browser tests)"
  npm ci --no-audit --no-fund --silent
fi
