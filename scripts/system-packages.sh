#!/usr/bin/env bash
# Install the Debian packages the build and tests need, when they are missing.
# Each argument is command:package (installed if the command is missing, e.g. java:default-jre-headless)
# or a bare package name (installed if dpkg does not have it, e.g. python3-venv).
# Called from the Makefile, so a fresh Debian 12 machine needs nothing installed by hand.
set -euo pipefail
missing=()
for wanted in "$@"; do
  if [[ "$wanted" == *:* ]]; then
    command -v "${wanted%%:*}" >/dev/null 2>&1 || missing+=("${wanted#*:}")
  else
    dpkg-query -W -f='${Status}' "$wanted" 2>/dev/null | grep -q "install ok installed" || missing+=("$wanted")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
