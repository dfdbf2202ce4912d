#!/usr/bin/env bash
# Makes sure what the tests use is present and running:
#   pdftotext (the tests read the text of generated PDF letters), PostgreSQL (the production database), Chromium + CJK fonts (browser tests),
#   LibreOffice Writer (letters as PDF).
# Installs with apt when run as root; otherwise says what is missing. Idempotent.
set -uo pipefail

need=()
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing: ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || exit 1
  else
    echo "missing packages: ${need[*]} (install them with your package manager, e.g. sudo apt-get install ${need[*]})"
    exit 1
  fi
fi

# PostgreSQL: a local cluster with a login role for the tests (GONGKAI_TEST_POSTGRES overrides the connection).
if [ -z "${GONGKAI_TEST_POSTGRES:-}" ]; then
  version=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
  if [ -n "$version" ]; then
    if ! pg_lsclusters -h 2>/dev/null | grep -q "online"; then
      pg_lsclusters -h 2>/dev/null | grep -q "^$version main" || pg_createcluster "$version" main >/dev/null
      pg_ctlcluster "$version" main start || { echo "PostgreSQL did not start"; exit 1; }
    fi
    if [ "$(id -u)" -eq 0 ]; then
      su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='gongkai'\"" | grep -q 1 ||
        su postgres -c "psql -qc \"CREATE ROLE gongkai LOGIN SUPERUSER PASSWORD 'gongkai'\"" >/dev/null
    fi
  fi
fi
exit 0
