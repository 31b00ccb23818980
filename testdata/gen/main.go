package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	root := fs.String("root", ".", "repository root (where go.mod is)")
	only := fs.String("only", "", "generate only this part: cases, sample or hostile")
	keep := fs.Bool("keep", false, "keep the intermediate .fodt files next to the outputs")
	caseList := fs.String("case", "", "with -only cases: comma-separated case names to write (default all)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(*root, "go.mod")); err != nil {
		return fmt.Errorf("root %s: no go.mod; run from the repository root or pass -root", *root)
	}
	g := &gen{root: *root, keep: *keep, log: stdout}
	if *caseList != "" {
		g.caseNames = make(map[string]bool)
		for _, name := range strings.Split(*caseList, ",") {
			g.caseNames[strings.TrimSpace(name)] = true
		}
	}
	if *only != "hostile" {
		if _, err := exec.LookPath("soffice"); err != nil {
			return fmt.Errorf("soffice not found: install LibreOffice (apt-get install libreoffice-writer-nogui hyphen-en-us)")
		}
	}
	tmp, err := os.MkdirTemp("", "recmap-gen-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	g.tmp = tmp
	steps := []struct {
		name string
		fn   func(context.Context) error
	}{
		{"cases", g.cases},
		{"sample", g.sample},
		{"hostile", g.hostile},
	}
	for _, s := range steps {
		if *only != "" && *only != s.name {
			continue
		}
		if err := s.fn(ctx); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return nil
}

// gen holds what every generation step needs.
type gen struct {
	root string
	tmp  string
	keep bool
	log  io.Writer
	// caseNames, when not nil, limits the cases step to these case folders,
	// so that new cases can be added without re-rendering the committed PDFs.
	caseNames map[string]bool
}

// wantCase reports whether the cases step writes the case folder name.
func (g *gen) wantCase(name string) bool {
	return g.caseNames == nil || g.caseNames[name]
}

// write writes data to the repository-relative path rel, creating directories.
func (g *gen) write(rel string, data []byte) error {
	path := filepath.Join(g.root, rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintln(g.log, "wrote", rel)
	return nil
}

// render converts the named docs to each format and moves the results to
// dest(name, format), a repository-relative path.
func (g *gen) render(ctx context.Context, docs map[string]*doc, formats []string, dest func(name, format string) string) error {
	srcDir := filepath.Join(g.tmp, "src")
	if err := os.MkdirAll(srcDir, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(docs))
	for name := range docs {
		names = append(names, name)
	}
	sort.Strings(names)
	var srcs []string
	for _, name := range names {
		d := docs[name]
		src := filepath.Join(srcDir, name+".fodt")
		if err := os.WriteFile(src, d.FODT(), 0o644); err != nil {
			return err
		}
		srcs = append(srcs, src)
		if g.keep {
			if err := g.write(dest(name, "fodt"), d.FODT()); err != nil {
				return err
			}
		}
	}
	for _, f := range formats {
		outDir := filepath.Join(g.tmp, "out-"+f)
		if err := os.MkdirAll(outDir, 0o755); err != nil {
			return err
		}
		if err := convert(ctx, g.tmp, f, outDir, srcs...); err != nil {
			return err
		}
		for _, name := range names {
			data, err := os.ReadFile(filepath.Join(outDir, name+"."+f))
			if err != nil {
				return err
			}
			if f == "pdf" && docs[name].Type1C {
				if data, err = g.type1C(ctx, name, data); err != nil {
					return err
				}
			}
			if err := g.write(dest(name, f), data); err != nil {
				return err
			}
		}
	}
	return nil
}
