#!/usr/bin/env bash
# Installs the Debian packages PTĐV needs to build, run and test. Idempotent: only
# missing packages are installed. Runs as root (or through sudo when available).
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libsqlite3-dev sqlite3
  libpq-dev postgresql-15 postgresql-contrib  # the PostgreSQL backend; its tests start a cluster
  libutf8proc-dev libsodium-dev
  libfmt-dev libspdlog-dev libcli11-dev libhowardhinnant-date-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-format clang-tidy universal-ctags   # make check: scripts/check-{format,tidy,size}
  clang-16 libclang-rt-16-dev libfuzzer-16-dev  # make sanitize / fuzz: ASan, UBSan, libFuzzer
  libboost-json1.81-dev libboost-url1.81-dev libboost1.81-dev
  libvalijson-dev                    # API tests validate responses against the OpenAPI document
  rapidjson-dev                      # the case list's answer written as it goes (src/http/case_api.cc)
  libxlsxwriter-dev                  # XLSX exports (src/report/)
  libcsv-dev                         # CSV lists of `ptdv import`
  libcurl4-openssl-dev               # the morning digest by e-mail (SMTP, `ptdv digest send`)
  libpango1.0-dev libcairo2-dev libqrencode-dev fonts-liberation2  # printed forms (PDF)
  poppler-utils zbar-tools           # tests read printed forms back (pdftotext, QR codes)
  time                               # bench/import/run.sh times the loads (GNU time)
  python3-openpyxl                   # tests read exported XLSX back (src/http/report_api_test.cc)
  chromium fonts-dejavu-core  # the web UI's e2e tests and bench/web (headless, no download)
)
if [ "${PTDV_WITH_EXTRA:-}" != "" ]; then
  # shellcheck disable=SC2206
  packages+=(${PTDV_WITH_EXTRA})
fi

# One dpkg-query for all of them: `make run` calls this every time, so it must be quick.
installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null |
  awk '$NF == "installed" && $(NF-1) == "ok" { print $1 }' || true)
missing=()
for p in "${packages[@]}"; do
  if ! grep -qxF "$p" <<<"$installed"; then
    missing+=("$p")
  fi
done
# The web UI (web/) needs Node.js >= 20.19 with npm; Debian 12's nodejs is older, so an
# existing installation is kept and only a missing one is filled from Debian.
if ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
