#!/bin/sh
# Rebuilds dist/ (the page notegraph embeds) from src/ and the npm
# packages pinned in package-lock.json: app.js bundled by esbuild,
# index.html and style.css copied, and LICENSES.txt gathered from the
# packages that went into the bundle. Run it after changing src/ or the
# packages, and commit dist/. Needs node and npm; notegraph's Go build
# needs neither.
set -eu
cd "$(dirname "$0")"
if [ ! -x node_modules/.bin/esbuild ]; then
	npm ci --no-audit --no-fund --loglevel=error
fi
mkdir -p dist
meta=$(mktemp)
trap 'rm -f "$meta"' EXIT
node_modules/.bin/esbuild src/main.js --bundle --format=iife --target=es2020 \
	--minify --legal-comments=none --charset=utf8 --metafile="$meta" \
	--log-level=warning --outfile=dist/app.js
cp src/index.html src/style.css dist/
# The licenses of every package whose code is in the bundle, by name.
node -e '
const fs = require("fs");
const meta = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const pkgs = new Set();
for (const f of Object.keys(meta.inputs)) {
  const m = f.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (m) pkgs.add(m[1]);
}
let out = "Licenses of the JavaScript packages bundled into app.js\n";
for (const p of [...pkgs].sort()) {
  const dir = "node_modules/" + p;
  const { version } = JSON.parse(fs.readFileSync(dir + "/package.json", "utf8"));
  const lic = fs.readdirSync(dir).filter((f) => /^(licen[sc]e|copying)/i.test(f)).sort();
  if (lic.length === 0) throw new Error("no license file in " + dir);
  out += "\n==== " + p + " " + version + " ====\n\n";
  out += fs.readFileSync(dir + "/" + lic[0], "utf8").trim() + "\n";
}
fs.writeFileSync("dist/LICENSES.txt", out);
' "$meta"
