// Package store keeps notegraph's graph in one bbolt file. It is the only
// package that imports bbolt.
//
// # Basics
//
// Every note contributes a NoteState: the nodes it names (with the typed
// data it gives them), its edges, and the index keys its resolution
// depends on. SetState replaces a note's state by a merge of the old and new
// sorted lists, so an edit costs what it changes. Shared nodes (tags, URLs,
// papers, dates) exist exactly as long as some note contributes to them; an
// edge keeps a count of the notes that own it.
//
// Buckets (SchemaVersion 2):
//
//	meta        schema version, notes root, node and edge counts; "unbuilt"
//	            until the first build is done
//	files       path → size, mtime, SHA-256 (to skip unchanged files)
//	unresolved  path → the note's links and titles, to resolve them again
//	state       owner → NoteState the owner contributes now
//	nodes       ID → merged data
//	contrib     ID \x00 owner → data that owner gives a shared node
//	out         src \x00 rel \x00 dst → number of owners of the edge
//	in          dst \x00 rel \x00 src → empty (reverse index)
//	refs        key \x00 owner → empty: what an owner's resolution depends on
//	bindings    title \x00 paperID \x00 owner → empty
//	bound       title \x00 paperID → number of notes binding it
//	pending     key → empty: dependants still to resolve again
//
// Neighbors of a node are one prefix scan of out and one of in. Exports
// stream nodes and out in key order, which is the graph's sorted order.
//
// A first build, and a rebuild, go through Bulk: it sorts every record into
// runs on disk (store/internal/runs), merges them (store/internal/merge)
// into a new file written page by page (store/internal/boltfile), and
// renames that file over the store's only when it is complete. Later
// builds change the store through bbolt transactions.
//
// # Caveats
//
// Only one process may hold the store open for writing; readers share it.
// An Open that cannot have the lock waits Options.LockTimeout (one second
// by default) and fails with ErrInUse, saying whether a reader or a writer
// holds it.
//
// Open refuses, with ErrNotStore, to read or overwrite anything at the
// path that is not a notegraph store; with ErrSchema, a store of another
// SchemaVersion; with a *DamagedError (ErrDamaged), a file shorter than its
// meta page says or missing buckets. Reads through View and Update turn the
// panics and memory faults of a damaged file into a *DamagedError, never
// a crash; Check runs bbolt's full consistency check and notegraph's own.
// A reader of a store whose first build has not finished gets ErrUnbuilt,
// never an empty graph.
//
// Values that a transaction lends (Tx.Unresolved) are valid only during
// the call; no string the package returns points into the memory map.
package store
