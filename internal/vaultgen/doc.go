// Package vaultgen writes synthetic Markdown vaults for notegraph's
// benchmarks and end-to-end tests.
//
// # Basics
//
// Generate writes Options.N notes under a directory. The output depends only
// on N, the seed and the other options: every random choice comes from
// math/rand/v2 PCG sources keyed by the seed and a note's index, nothing is
// read from the clock or from map iteration, so two runs with the same
// options give byte-identical trees. Each note draws from its own stream,
// which also means that a note's content does not depend on the order in
// which notes are written.
//
// The notes mix everything notegraph has to read: every header format
// (markmeta comments, YAML, TOML, Hexo-style YAML, none), English and Chinese
// prose, headings, lists, fenced code holding things that must not count
// (#notatag, URLs), tags with a Zipf skew, note links of every form with a
// Zipf skew towards hub notes and a small share of dangling targets, URLs,
// arXiv and DOI citations and dated sentences. A few files use CRLF line
// endings, a byte-order mark or carry an invalid UTF-8 sequence, as real
// vaults do, and decoy files sit in dot-folders and node_modules.
//
// Mutate rewrites a fraction of an existing vault's notes, for benchmarks of
// an incremental rebuild.
//
// # Caveats
//
// Stats.Links and Stats.Dangling count link occurrences as written, so two
// links from one note to the same target count twice; a graph that keeps one
// links_to edge per pair will hold fewer. Dangling targets are names no note
// has; they are never case variants of real names.
package vaultgen
