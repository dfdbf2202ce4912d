#!/usr/bin/env bash
# Makes sure the tools the tests use are present: pdftotext (PDF input), LibreOffice (DOCX→PDF),
# PostgreSQL (the production database), Chromium (browser tests) and CJK fonts.
# Installs with apt when run as root; otherwise says what is missing.
set -uo pipefail

need=()
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "missing packages: ${need[*]} (install them with your package manager, e.g. sudo apt-get install ${need[*]})"
  exit 1
fi
