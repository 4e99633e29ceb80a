#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed at /usr/bin/chromium for the dashboard's browser tests.
# Installs the `chromium` package with apt-get when it is missing (needs root, as on CI and the dev machines);
# fails loudly when that is impossible: the browser tests never skip.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
  exit 0
fi

echo "Chromium is missing at $CHROMIUM; installing Debian's chromium package" >&2
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: apt-get is not available; install Chromium so that $CHROMIUM exists" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo="sudo -n"
  else
    echo "ensure-chromium: not root and no sudo; run: apt-get install chromium" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
# one installer at a time: parallel builds on one machine share dpkg's lock
for attempt in 1 2 3; do
  if $sudo apt-get update -qq && $sudo apt-get install -y -qq -o DPkg::Lock::Timeout=120 --no-install-recommends chromium >/dev/null; then
    break
  fi
  echo "ensure-chromium: apt-get failed (attempt $attempt); retrying in 10 s" >&2
  sleep 10
done
if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: could not install Chromium; $CHROMIUM is still missing" >&2
  exit 1
fi
"$CHROMIUM" --version >&2
