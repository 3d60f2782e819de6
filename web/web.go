// Package web holds the page that `notegraph serve` shows and `export
// --format html` writes: index.html and style.css, written by hand, and
// app.js, bundled by build.sh from src/ and the npm packages pinned in
// package-lock.json (sigma, graphology, graphology-layout-forceatlas2),
// with those packages' licenses in LICENSES.txt. The bundle is committed,
// so building notegraph needs neither node nor npm; TestBundleIsBuilt
// checks that it is what build.sh makes.
package web

import "embed"

// Files is the page: index.html, style.css, app.js and LICENSES.txt.
//
//go:embed dist
var Files embed.FS
