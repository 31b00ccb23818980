package workspace

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunFileHoldsNoSecret opens a workspace from a process whose command
// line carries a password, over a run file an older recmap left readable
// with its command line: the new file is 0600 without the password, and
// the "locked" message names the process and program only.
func TestRunFileHoldsNoSecret(t *testing.T) {
	const secret = "hunter2-correct-horse"
	args := os.Args
	os.Args = []string{"/usr/local/bin/recmap", "serve", "--auth", secret}
	t.Cleanup(func() { os.Args = args })

	dir := t.TempDir()
	old := filepath.Join(dir, lockFile)
	if err := os.WriteFile(old, []byte("4242 host recmap serve --auth "+secret), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := lockHolder(dir); strings.Contains(got, secret) || !strings.Contains(got, `process 4242: "recmap"`) {
		t.Errorf("holder from an old run file: %s", got)
	}

	ws, err := Open(t.Context(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	st, err := os.Stat(old)
	if err != nil {
		t.Fatal(err)
	}
	if mode := st.Mode().Perm(); mode != 0o600 {
		t.Errorf("run file mode %o, want 600", mode)
	}
	b, _ := os.ReadFile(old)
	if strings.Contains(string(b), secret) || strings.Contains(string(b), "--auth") {
		t.Errorf("run file holds the command line: %q", b)
	}
	_, err = Open(t.Context(), dir, Options{LockWait: 50e6})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open: %v, want ErrLocked", err)
	}
	if strings.Contains(err.Error(), secret) || !strings.Contains(err.Error(), `: "recmap"`) {
		t.Errorf("locked message: %v", err)
	}
	// No file of the workspace holds the password.
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, _ := os.ReadFile(path); strings.Contains(string(b), secret) {
				t.Errorf("%s holds the password", path)
			}
		}
		return nil
	})
}
