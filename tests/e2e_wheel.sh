#!/usr/bin/env bash
# A new user's path, with what users install: build the sdist and, from it, the wheel; install the wheel with
# plain pip in a fresh venv outside the checkout; then, from an empty folder, init, build, check, a client
# batch, preview, lang add, langs, and a layout change that must change the next build. .ci/run runs this.
#   bash tests/e2e_wheel.sh            (PYTHON=python3.12 bash tests/e2e_wheel.sh for another Python)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-python3}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cardgen-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
step() { printf '\n== %s\n' "$*"; }
fail() { printf 'e2e FAILED: %s\n' "$*" >&2; exit 1; }

step "build the sdist, then the wheel from it (python -m build), in an isolated environment"
"$PYTHON" -m venv "$WORK/tools"
"$WORK/tools/bin/pip" install -q build
"$WORK/tools/bin/python" -m build -o "$WORK/dist" "$ROOT" >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; fail "build"; }
ls -l "$WORK/dist"
sdist=$(ls "$WORK"/dist/cardgen-*.tar.gz)
wheel=$(ls "$WORK"/dist/cardgen-*.whl)
tar tzf "$sdist" >"$WORK/sdist.txt"
for f in tests/conftest.py tests/goldens tests/bad_inputs tests/fixtures benchmarks/bench.py content/routine.yaml layouts/default.yaml fonts/OFL.txt; do
    grep -q "^cardgen-[^/]*/$f" "$WORK/sdist.txt" || fail "the sdist lacks $f"
done
"$WORK/tools/bin/python" -m zipfile -l "$wheel" | awk 'NR > 1 {print $1}' >"$WORK/wheel.txt"
for f in cardgen/data/layouts/default.yaml cardgen/data/layouts/presets.yaml cardgen/data/fonts/OFL.txt \
    cardgen/data/fonts/NotoSansThai-Regular.ttf cardgen/data/schemas/routine.schema.json \
    cardgen/data/examples/back-massage/content/routine.yaml cardgen/templates/init/cardgen.toml \
    cardgen/live/web/index.html; do
    grep -qx "$f" "$WORK/wheel.txt" || fail "the wheel lacks $f"
done
grep -q 'dist-info/licenses/fonts/OFL.txt$' "$WORK/wheel.txt" || fail "the wheel does not declare the font licence"
echo "wheel: $(wc -l <"$WORK/wheel.txt") files; sdist: $(wc -l <"$WORK/sdist.txt") entries"

step "an in-tree build (what pip install . does) leaves nothing in build/, the default output folder"
had_lib=$([ -e "$ROOT/build/lib" ] && echo yes || echo no)
"$WORK/tools/bin/pip" wheel -q --no-deps -w "$WORK/in-tree" "$ROOT"
[ "$had_lib" = yes ] || [ ! -e "$ROOT/build/lib" ] || fail "pip wheel . wrote $ROOT/build/lib"

step "install the wheel with plain pip in a fresh venv outside the checkout"
"$PYTHON" -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install -q "$wheel"
"$WORK/venv/bin/pip" check
PATH="$WORK/venv/bin:$PATH"
export PATH
mkdir "$WORK/empty"
cd "$WORK/empty"
where=$(python -c 'import cardgen; print(cardgen.__file__)')
case "$where" in "$WORK/venv/"*) ;; *) fail "cardgen imported from $where, not the venv" ;; esac
cardgen -V

step "outside a project: one line, suggesting init"
if cardgen build 2>"$WORK/outside.txt"; then fail "build outside a project succeeded"; fi
cat "$WORK/outside.txt"
grep -q "cardgen init" "$WORK/outside.txt" || fail "no hint to run cardgen init"

step "cardgen init demo && cd demo && cardgen build"
cardgen init demo
cd demo
cardgen build
for f in deck.pdf deck-sheets.pdf booklet.pdf booklet-print.pdf; do [ -s "build/en/$f" ] || fail "no build/en/$f"; done
card_size() {
    python - "$1" <<'PY'
import sys

import pikepdf

with pikepdf.open(sys.argv[1]) as pdf:
    box = [float(v) for v in pdf.pages[0].TrimBox]
print(f"{(box[2] - box[0]) / 72 * 25.4:.0f}x{(box[3] - box[1]) / 72 * 25.4:.0f}mm")
PY
}
before=$(card_size build/en/deck.pdf)

step "check, from a subfolder"
(cd content/text && cardgen check)

step "card: size: poker in demo/layouts/default.yaml changes the next build, with no flag"
printf 'card:\n  size: poker\n' >>layouts/default.yaml
cardgen build
after=$(card_size build/en/deck.pdf)
echo "card before: $before, after: $after"
[ "$after" = "63x88mm" ] && [ "$before" != "$after" ] || fail "the project's layout did not change the build"

step "a client batch: cardgen build --lang en --clients c.csv"
printf 'client,practitioner\nAnna Müller,Studio Nord\nBen Ode,Studio Nord\n' >c.csv
cardgen build --lang en --clients c.csv
for f in anna-müller.pdf anna-müller-print.pdf ben-ode.pdf ben-ode-print.pdf; do
    [ -s "build/en/booklets/$f" ] || fail "no build/en/booklets/$f"
done

step "preview"
cardgen preview --dpi 30
ls build/preview/en | head -3
[ -s build/preview/en/deck-01.png ] || fail "no preview PNG"

step "lang add fr, langs"
cardgen lang add fr
cardgen langs | tee "$WORK/langs.txt"
grep -q '^fr ' "$WORK/langs.txt" || fail "langs does not list fr"

step "cardgen init --example back-massage: the shipped routine checks in every language"
cd "$WORK/empty"
cardgen init --example back-massage example >/dev/null
(cd example && cardgen check)

step "cardgen init --example neck-shoulders: the second routine, on its own body views, builds"
cardgen init --example neck-shoulders neck >/dev/null
(cd neck && cardgen build --lang en && test -s build/en/deck.pdf)

printf '\ne2e: the installed wheel works from an empty folder\n'
