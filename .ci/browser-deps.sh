#!/bin/sh
# Installs what tests/browser needs on a fresh Debian machine (run as root, from anywhere):
#   - Debian's Chromium at /usr/bin/chromium (Playwright drives it; `playwright install` is never run)
#   - Debian's hugo (benchmarks/bench.py builds the same pages with it, beside the plugin; no test needs it)
#   - Playwright for Python (the client library only)
#   - axe-core from npm into tests/browser/node_modules (injected into pages by the accessibility tests)
# Nothing is downloaded at test time.
set -eu

ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
PLAYWRIGHT_VERSION=${PLAYWRIGHT_VERSION:-1.65.2}
AXE_CORE_VERSION=${AXE_CORE_VERSION:-4.14.1}

if [ ! -x /usr/bin/chromium ] || ! command -v hugo >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends chromium fonts-dejavu-core hugo
fi
if ! command -v npm >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends nodejs npm
fi

# Share cards (generator/sharecards.py): Pillow's wheels carry Raqm and HarfBuzz but load FriBiDi from the system;
# without it Arabic would be drawn unjoined, which tests/build/test_sharecards.py refuses.
if ! python -c "from PIL import features; raise SystemExit(not features.check('raqm'))" 2>/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends libfribidi0
fi

python -m pip install "playwright==${PLAYWRIGHT_VERSION}"

cd "$ROOT/tests/browser"
if [ ! -f node_modules/axe-core/axe.min.js ] \
   || [ "$(node -p "require('./node_modules/axe-core/package.json').version" 2>/dev/null)" != "$AXE_CORE_VERSION" ]; then
    npm install --no-save --no-package-lock --no-audit --no-fund --prefix . "axe-core@${AXE_CORE_VERSION}"
fi
test -f node_modules/axe-core/axe.min.js
/usr/bin/chromium --version
hugo version
python -c "import playwright; from importlib.metadata import version; print('playwright', version('playwright'))"
echo "axe-core $(node -p "require('./node_modules/axe-core/package.json').version")"
