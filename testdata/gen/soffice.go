package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// convert renders the Flat ODT sources in srcs (paths ending in .fodt) to the
// given format ("pdf" or "docx") with one LibreOffice run, writing
// <name>.<format> into outDir. A private user profile under tmp keeps the run
// apart from any LibreOffice the user has open.
func convert(ctx context.Context, tmp, format, outDir string, srcs ...string) error {
	if len(srcs) == 0 {
		return nil
	}
	filter := format
	if format == "docx" {
		filter = `docx:MS Word 2007 XML`
	}
	profile := "file://" + filepath.Join(tmp, "lo-profile")
	args := append([]string{"-env:UserInstallation=" + profile, "--headless", "--convert-to", filter, "--outdir", outDir}, srcs...)
	cmd := exec.CommandContext(ctx, "soffice", args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("soffice --convert-to %s: %w\n%s", format, err, out.Bytes())
	}
	for _, s := range srcs {
		base := filepath.Base(s)
		want := filepath.Join(outDir, base[:len(base)-len(filepath.Ext(base))]+"."+format)
		if _, err := os.Stat(want); err != nil {
			return fmt.Errorf("soffice --convert-to %s: no output for %s\n%s", format, s, out.Bytes())
		}
	}
	return nil
}
