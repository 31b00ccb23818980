// Package workspace is recmap's system of record: a folder that holds every
// ingested document's metadata and items, every analyst decision, and the
// search index built from them.
//
//	ws, err := workspace.Open(ctx, "./recmap-data", workspace.Options{})
//	defer ws.Close()
//	rep, err := ws.Ingest(ctx, workspace.Inputs([]string{"reports/"}), workspace.IngestOptions{})
//
// Layout of the folder:
//
//	store.db   bbolt database: documents, items, decisions (append-only),
//	           suggestions, pending index work. It is the system of record.
//	index/     the Bleve index, rebuildable from store.db (Reindex).
//
// Identity: a source file is known by its SHA-256, so ingesting the same
// bytes again changes nothing. A document is known by its ID (its symbol,
// e.g. A/HRC/28/15); a file with new bytes and a known ID is a new version
// that replaces the old one's items in one step, and decisions stay attached
// to every item whose ID survives.
//
// Crash safety: every change to store.db is one fsynced bbolt transaction.
// Index work that follows a store change is recorded in the same
// transaction as "pending" and cleared once the index has it; Open finishes
// any pending work, so a process killed at any point leaves a workspace that
// opens, checks clean and has lost no decision it reported as saved.
//
// Concurrency: one process at a time. A second Open fails with ErrLocked,
// whose message says which process holds the workspace.
package workspace
