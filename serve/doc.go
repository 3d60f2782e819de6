// Package serve is notegraph's web view: a read-only HTTP API over a store,
// the page that draws the graph (package web, embedded), a watcher that
// turns changes in the notes folder into incremental builds, and
// Server-Sent Events that tell open pages each build has finished.
//
// It has no questions of its own: every answer comes from package query
// (or store), as the CLI's do; the API differs from the CLI only in
// printing JSON.
//
// # Basics
//
// Run builds the folder, then serves until its context ends. Handler
// serves an open store; tests use it with net/http/httptest.
//
// # Caveats
//
// Requests read the store while a build may write it: each request runs
// in one read transaction under a shared lock that a build takes alone,
// so a page never sees a half-applied build. A note's Markdown is read
// through an os.Root of the notes folder: no request can read a file
// outside it, whether by "..", an absolute path or a symbolic link.
package serve
