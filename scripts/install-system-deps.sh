#!/usr/bin/env bash
# System packages the tests use: Chromium (renderer tests), qpdf and poppler-utils (independent PDF checks),
# libtiff-tools (tiffcp writes test TIFF scans in the compressions scanners and fax machines use),
# libjpeg-turbo-progs (jpegtran writes an arithmetic-coded test JPEG), and the
# encoders that write test HEIC photos, AVIF and WebP pictures: libheif-examples (heif-enc), libavif-bin
# (avifenc) and webp (cwebp).
# Run as root (or with sudo). Safe to run again.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v tiffcp >/dev/null 2>&1 || need+=(libtiff-tools)
command -v jpegtran >/dev/null 2>&1 || need+=(libjpeg-turbo-progs)
command -v heif-enc >/dev/null 2>&1 || need+=(libheif-examples)
command -v cwebp >/dev/null 2>&1 || need+=(webp)
command -v avifenc >/dev/null 2>&1 || need+=(libavif-bin)
if [ ${#need[@]} -eq 0 ]; then
  echo "System packages already installed."
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${need[@]}"
