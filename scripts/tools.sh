# Shared by the scripts that need tools from outside the Rust toolchain
# (report-check, build-web, web-check): each tool is installed here, not
# assumed, and a tool that cannot be installed fails the script loudly.
# Source it after `cd` to the repository and set `tool` to the script's name.

PUPPETEER_CORE_VERSION="24.43.1"
# Where puppeteer-core is installed (npm install --prefix).
PUPPETEER_TOOLS="target/report-tools"

fail() {
  echo "${tool:-tools}: FAILED: $*" >&2
  exit 1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}

apt_install() {
  command -v apt-get >/dev/null 2>&1 || fail "$1 is not installed and apt-get is not available to install it"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null \
    || { as_root apt-get update -q >/dev/null && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null; } \
    || fail "could not install $* with apt-get"
}

# Node.js and npm, with apt-get when missing.
ensure_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "${tool}: installing Node.js and npm"
    apt_install nodejs npm
  fi
}

# Debian's Chromium, Node.js and puppeteer-core (pinned); sets chromium_path.
ensure_browser() {
  if ! command -v chromium >/dev/null 2>&1; then
    echo "${tool}: installing Chromium"
    apt_install chromium
  fi
  chromium_path=$(command -v chromium) || fail "chromium is still missing after installation"
  ensure_node
  local installed=""
  if [ -f "$PUPPETEER_TOOLS/node_modules/puppeteer-core/package.json" ]; then
    installed=$(node -p "require('./$PUPPETEER_TOOLS/node_modules/puppeteer-core/package.json').version")
  fi
  if [ "$installed" != "$PUPPETEER_CORE_VERSION" ]; then
    echo "${tool}: installing puppeteer-core $PUPPETEER_CORE_VERSION into $PUPPETEER_TOOLS"
    mkdir -p "$PUPPETEER_TOOLS"
    npm install --prefix "$PUPPETEER_TOOLS" --no-audit --no-fund --save-exact --loglevel=error \
      "puppeteer-core@$PUPPETEER_CORE_VERSION" >/dev/null \
      || fail "could not install puppeteer-core $PUPPETEER_CORE_VERSION with npm"
  fi
  echo "${tool}: $("$chromium_path" --version 2>/dev/null | head -1); puppeteer-core $PUPPETEER_CORE_VERSION; node $(node --version)"
}
