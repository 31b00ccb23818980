package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/user"

	"github.com/recmap/recmap/rules"
	"github.com/recmap/recmap/workspace"
)

// defaultData is the workspace folder when neither --data nor RECMAP_DATA
// names one.
const defaultData = "./recmap-data"

// wsFlags are the flags of every command that opens a workspace.
type wsFlags struct {
	data     string
	taxonomy string
}

func (w *wsFlags) register(fs *flag.FlagSet, e *env) {
	def := e.getenv("RECMAP_DATA")
	if def == "" {
		def = defaultData
	}
	fs.StringVar(&w.data, "data", def, "workspace folder (or set RECMAP_DATA)")
	fs.StringVar(&w.taxonomy, "taxonomy", e.getenv("RECMAP_TAXONOMY"), "topic taxonomy JSON file replacing the built-in one (or set RECMAP_TAXONOMY)")
}

func (w *wsFlags) open(ctx context.Context) (*workspace.Workspace, error) {
	opts := workspace.Options{Isolate: true} // files from outside are read in child processes
	if w.taxonomy != "" {
		tax, err := loadTaxonomy(w.taxonomy)
		if err != nil {
			return nil, err
		}
		opts.Taxonomy = tax
	}
	return workspace.Open(ctx, w.data, opts)
}

// loadTaxonomy reads a user's taxonomy override.
func loadTaxonomy(path string) (*rules.Taxonomy, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--taxonomy: %w", err)
	}
	defer f.Close()
	tax, err := rules.LoadTaxonomy(f)
	if err != nil {
		// rules says "taxonomy: line L, column C: …"; name the flag and
		// the file in front of it.
		return nil, fmt.Errorf("--taxonomy %s: %w", path, err)
	}
	return tax, nil
}

// userFlag is the --user flag of commands that record decisions.
type userFlag struct{ name string }

func (u *userFlag) register(fs *flag.FlagSet) {
	fs.StringVar(&u.name, "user", "", "who decides (default: the OS user)")
}

func (u *userFlag) get() string {
	if u.name != "" {
		return u.name
	}
	if cur, err := user.Current(); err == nil && cur.Username != "" {
		return cur.Username
	}
	if n := os.Getenv("USER"); n != "" {
		return n
	}
	return "unknown"
}
