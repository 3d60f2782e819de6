// Package store keeps notegraph's graph in one bbolt file. It is the only
// package that imports bbolt.
//
// # Basics
//
// Every note contributes a NoteState: the nodes it names (with the
// attributes it gives them), its edges, and the index keys its resolution
// depends on. SetState replaces a note's state by a merge of the old and new
// sorted lists, so an edit costs what it changes. Shared nodes (tags, URLs,
// papers, dates) exist exactly as long as some note contributes to them; an
// edge keeps a count of the notes that own it.
//
// Buckets:
//
//	meta      schema version, notes root, last build's figures
//	files     path → size, mtime, SHA-256 (to skip unchanged files)
//	facts     path → the extracted facts, kept for re-resolution
//	state     path → NoteState the note contributes now
//	nodes     ID → merged attributes
//	contrib   ID \x00 path → attributes that note gives the node
//	out       src \x00 rel \x00 dst → number of notes owning the edge
//	in        dst \x00 rel \x00 src → empty (reverse index)
//	refs      key \x00 path → empty: what a note's resolution depends on
//	bindings  title \x00 paperID \x00 path → empty
//	pending   key → empty: dependants still to resolve again
//
// Neighbors of a node are one prefix scan of out and one of in. Exports
// stream nodes and out in key order, which is the graph's sorted order.
//
// A first build goes through Bulk, which sorts every record into runs on
// disk and merges them into a new file written page by page (boltFile);
// later builds change the store through bbolt transactions.
//
// # Caveats
//
// Only one process may hold the store open for writing; a second Open waits
// Options.LockTimeout (one second by default) and fails with ErrInUse. A
// store written with another SchemaVersion fails with ErrSchema.
package store
