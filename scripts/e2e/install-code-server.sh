#!/usr/bin/env bash
# Installs what the end-to-end tests need: Debian's Chromium (and the build tools code-server's native
# modules need), and code-server (VS Code 1.100.3: server, web workbench and a real Node extension
# host) from the npm registry into its own folder, not as a devDependency. Reused when present.
#
#   scripts/e2e/install-code-server.sh [dir]     (default: $CODE_SERVER_HOME or .vscode-test/code-server)
#
# VS Code's own test download (update.code.visualstudio.com) and Electron are unreachable on the CI
# machine; code-server 4.100.3 is the newest release that installs on Node 20 (4.101+ need Node 22).
# Its install needs five work-arounds, each marked below. SKIP_APT=1 skips the apt step;
# E2E_NO_BROWSER=1 does not ask for Chromium.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CS_VERSION=${CS_VERSION:-4.100.3}
CS_DIR=$(realpath -m "${1:-${CODE_SERVER_HOME:-$ROOT/.vscode-test/code-server}}")
ENTRY="$CS_DIR/node_modules/code-server/out/node/entry.js"

need_apt=()
# E2E_NO_BROWSER=1: only code-server (for `npm run start:vscode`, which opens it in your own browser).
[[ -n "${E2E_NO_BROWSER:-}" ]] || command -v chromium >/dev/null || need_apt+=(chromium)
if [[ ! -f "$ENTRY" ]]; then
  command -v rg >/dev/null || need_apt+=(ripgrep)
  # Work-around 1: the kerberos module (a code-server dependency) builds against libkrb5's headers.
  [[ -f /usr/include/gssapi/gssapi.h ]] || need_apt+=(libkrb5-dev)
  command -v g++ >/dev/null || need_apt+=(build-essential)
  command -v pkg-config >/dev/null || need_apt+=(pkg-config)
  command -v python3 >/dev/null || need_apt+=(python3)
fi
if ((${#need_apt[@]} > 0)); then
  if [[ -n "${SKIP_APT:-}" || "$(id -u)" != 0 ]]; then
    echo "install-code-server: missing Debian packages: ${need_apt[*]} (install them as root)" >&2
    exit 1
  fi
  echo "install-code-server: apt-get install ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if [[ -f "$ENTRY" ]] && grep -q "\"version\": \"$CS_VERSION\"" "$CS_DIR/node_modules/code-server/package.json"; then
  echo "install-code-server: code-server $CS_VERSION already in $CS_DIR"
  exit 0
fi

# Work-around 2: node-gyp must build against the local Node headers (nodejs.org is unreachable).
if [[ ! -f /usr/include/node/node.h ]]; then
  echo "install-code-server: Node headers missing in /usr/include/node; node-gyp would try nodejs.org" >&2
  exit 1
fi

echo "install-code-server: installing code-server $CS_VERSION into $CS_DIR (about 1.5 min, 300 MB)"
rm -rf "$CS_DIR"
mkdir -p "$CS_DIR/tmp"
# Work-around 3: @vscode/ripgrep's postinstall downloads rg from GitHub. Its download cache (under
# TMPDIR) is seeded with Debian's rg under the asset name it looks for.
RG_CACHE="$CS_DIR/tmp/vscode-ripgrep-cache-1.15.11"
mkdir -p "$RG_CACHE"
tar czf "$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg
echo '{ "name": "e2e-code-server", "private": true }' >"$CS_DIR/package.json"
# Work-around 4: code-server's postinstall refuses to run as root unless unsafe_perm is set.
# Work-around 5: node-pty's postinstall runs `npx node-gyp`, which aborts when npm's `yes` is false.
(
  cd "$CS_DIR"
  TMPDIR="$CS_DIR/tmp" npm_config_unsafe_perm=true npm_config_yes=true npm_config_nodedir=/usr \
    npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false \
    npm install --no-audit --no-fund --no-save --foreground-scripts "code-server@$CS_VERSION" >"$CS_DIR/install.log" 2>&1
) || {
  tail -40 "$CS_DIR/install.log" >&2
  echo "install-code-server: npm install failed (log: $CS_DIR/install.log)" >&2
  exit 1
}
rm -rf "$CS_DIR/tmp"
node "$ENTRY" --version | tail -1
