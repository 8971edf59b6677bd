#!/usr/bin/env bash
# Installs what the document tests need, once; safe to run again.
#  - pdftotext and pdftoppm (Debian's poppler-utils): the PDF tests read the exported PDFs back
#    as text; the notice's snapshot renders its first page.
#  - fhir.resources 6.1.0 in its own virtual environment: the independent FHIR validator that
#    scripts/validate_fhir.py runs. 6.1.0 is the last release whose models are FHIR R4 (4.0.1)
#    (6.2+ default to R4B 4.3.0, 7+ to R5), and it needs pydantic 1, so it lives in a venv and
#    does not touch the system's pydantic 2.
# The venv is at $ANSVAR_FHIR_VENV, default ~/.cache/ansvar/fhir-venv; validate_fhir.py finds it.
set -euo pipefail

SUDO=""
if [ "$(id -u)" != "0" ]; then
    SUDO="sudo"
fi

if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
    echo "== installing poppler-utils (pdftotext, pdftoppm)"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq poppler-utils
fi

VENV="${ANSVAR_FHIR_VENV:-$HOME/.cache/ansvar/fhir-venv}"
if ! "$VENV/bin/python" -c 'import fhir.resources, sys; sys.exit(fhir.resources.__fhir_version__ != "4.0.1")' >/dev/null 2>&1; then
    echo "== installing fhir.resources 6.1.0 (FHIR R4) into $VENV"
    mkdir -p "$(dirname "$VENV")"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "fhir.resources==6.1.0" "pydantic[email]>=1.10,<2"
fi
