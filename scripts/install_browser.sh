#!/usr/bin/env bash
# Debian's Chromium for tests/test_review_browser.py (Playwright drives it; no browser download).
# Without it that test is skipped, not failed. Needs root (CI runs as root) and Debian's packages.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    echo "install_browser.sh: not root; run: sudo apt-get install -y chromium (the browser test is skipped)" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
# A failed install must not hide the other tests' results: say it loudly, let the test skip.
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core > /dev/null; }; then
    echo "install_browser.sh: WARNING: could not install chromium; tests/test_review_browser.py will be SKIPPED" >&2
    exit 0
fi
/usr/bin/chromium --version
