package matrix_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/recmap/recmap/matrix"
)

// soffice converts in to format in a fresh LibreOffice profile and returns
// the output path. The test is skipped when LibreOffice is not installed.
func soffice(t *testing.T, in, format string) string {
	t.Helper()
	bin, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) not installed")
	}
	if testing.Short() {
		t.Skip("LibreOffice conversion skipped in -short mode")
	}
	dir := filepath.Dir(in)
	out := filepath.Join(dir, "out")
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--norestore", "--convert-to", format, "--outdir", out, in)
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice --convert-to %s: %v\n%s", format, err, b)
	}
	if strings.Contains(string(b), "source file could not be loaded") {
		// soffice exits 0 when the component for the input (Calc for
		// .xlsx, in libreoffice-calc-nogui) is missing.
		t.Skipf("LibreOffice cannot load %s (is the component for it installed?): %s", filepath.Base(in), b)
	}
	ext, _, _ := strings.Cut(format, ":")
	path := filepath.Join(out, strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))+"."+ext)
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		t.Fatalf("soffice wrote no %s: %v", path, err)
	}
	return path
}

// TestLibreOffice opens the reply document and the workbook with a second
// program: LibreOffice renders both to PDF, exports the Matrix sheet to CSV,
// and re-saves the workbook as .xlsx as a person would; the re-saved file
// must import as "no changes".
func TestLibreOffice(t *testing.T) {
	dir := t.TempDir()
	wb := sampleWorkbook()
	var docx bytes.Buffer
	if err := matrix.WriteReplyDOCX(&docx, wb); err != nil {
		t.Fatal(err)
	}
	rep := filepath.Join(dir, "reply.docx")
	if err := os.WriteFile(rep, docx.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	soffice(t, rep, "pdf")

	in := filepath.Join(dir, "matrix.xlsx")
	if err := os.WriteFile(in, writeSample(t, wb), 0o644); err != nil {
		t.Fatal(err)
	}
	soffice(t, in, "pdf")

	csv, err := os.ReadFile(soffice(t, in, "csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"GRETA(2023)08#54.2", "=SUM(1) GRETA considers", "@x GRETA invites"} {
		if !strings.Contains(string(csv), s) {
			t.Errorf("LibreOffice CSV has no %q", s)
		}
	}

	// Re-saved by LibreOffice: formula-like text must still be text there.
	resaved := soffice(t, in, "xlsx")
	b, err := os.ReadFile(resaved)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if fm, _ := f.GetCellFormula(matrix.SheetMatrix, "H3"); fm != "" {
		t.Errorf("LibreOffice turned H3 into formula %q", fm)
	}
	if v, _ := f.GetCellValue(matrix.SheetMatrix, "H3"); !strings.HasPrefix(v, "=SUM(1)") {
		t.Errorf("H3 after LibreOffice = %q", v)
	}
	p := matrix.Plan(read(t, b), matrix.NewCurrent(wb.Recs, known()))
	if len(p.Changes)+len(p.Rejections)+len(p.Conflicts) != 0 {
		t.Errorf("re-saved, unedited workbook plans %s: %v %v %v", p.Summary(), p.Changes, p.Rejections, p.Conflicts)
	}

}
