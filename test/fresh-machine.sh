#!/usr/bin/env bash
# Runs the README's test command the way a new developer would on a fresh machine: in a fresh
# clone, with no Chromium to be found at first, so the test set-up must provide one itself.
# Run by hand (it takes minutes and may install packages):
#
#   bash test/fresh-machine.sh            # clone HEAD of this repo into a temp folder and test it
#   KEEP=1 bash test/fresh-machine.sh     # keep the temp folder afterwards, to look at it
#
# "No Chromium to be found": LAYERMAP_CHROMIUM is unset, Playwright's browser cache points at an
# empty folder, and PATH is a copy of this PATH without any chromium/chrome launcher. A browser
# installed system-wide is then invisible, as on a machine without one; the set-up step finds or
# installs one (on Debian as root, `apt-get install chromium`) and records where it is. For the
# real thing on Debian, `apt-get remove chromium` first.
set -euo pipefail
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
work=$(mktemp -d -t layermap-fresh-XXXXXX)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
step() { printf '\n[fresh machine] %s\n' "$*"; }
t0=$(date +%s)

# The README's test command, exactly as written there (the line marked "run every test").
command=$(grep -m1 -E '^npm .*# install and run every test' "$repo/README.md" | sed 's/ *#.*//')
[ -n "$command" ] || { echo "README.md has no test command line ('... # install and run every test')" >&2; exit 1; }

step "cloning $repo into $work/layermap"
git clone -q "$repo" "$work/layermap"

step "hiding every Chromium: a PATH without chromium/chrome launchers, an empty Playwright browser cache"
shadow="$work/bin"
mkdir -p "$shadow" "$work/playwright-browsers"
# apt-get drops to its own user (_apt) to verify signatures: it must reach gpgv through this PATH.
chmod 755 "$work" "$shadow"
IFS=: read -r -a dirs <<<"$PATH"
for d in "${dirs[@]}"; do
  [ -d "$d" ] || continue
  for f in "$d"/*; do
    n=${f##*/}
    case "$n" in chromium | chromium-browser | google-chrome | google-chrome-stable | chrome) continue ;; esac
    [ -x "$f" ] && [ ! -e "$shadow/$n" ] && ln -s "$f" "$shadow/$n"
  done
done
unset LAYERMAP_CHROMIUM
export PATH="$shadow" PLAYWRIGHT_BROWSERS_PATH="$work/playwright-browsers" ELECTRON_SKIP_BINARY_DOWNLOAD=1
if command -v chromium chromium-browser google-chrome >/dev/null 2>&1; then
  echo "a Chromium is still on PATH: $(command -v chromium chromium-browser google-chrome)" >&2
  exit 1
fi

step "running the README's test command: $command"
cd "$work/layermap"
t1=$(date +%s)
status=0
bash -c "$command" || status=$?
step "exit $status; the test command took $(($(date +%s) - t1)) s, all of it $(($(date +%s) - t0)) s"
exit "$status"
