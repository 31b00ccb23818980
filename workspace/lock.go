package workspace

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
)

// lockFile is the advisory run file next to store.db: which process holds
// the workspace, for ErrLocked's message. The lock itself is bbolt's flock.
const lockFile = "lock.pid"

// writePID records the process that holds the workspace: its ID, the host
// and the program's name, never its arguments (a command line may carry a
// secret). The file is created afresh with mode 0600, so that a run file
// an older recmap left readable, with its command line, is gone.
func writePID(dir string) {
	path := filepath.Join(dir, lockFile)
	host, _ := os.Hostname()
	os.Remove(path)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return // advisory only
	}
	fmt.Fprintf(f, "%d %s %s", os.Getpid(), printable(host), printable(filepath.Base(os.Args[0])))
	f.Close()
}

// lockHolder describes the process named in the run file, for ErrLocked's
// message: its ID and program name only. A run file written by an older
// recmap holds a whole command line after the host; only its first word
// (the program) is shown.
func lockHolder(dir string) string {
	const hint = " (wait for it to finish, or stop 'recmap serve' and try again)"
	b, err := os.ReadFile(filepath.Join(dir, lockFile))
	if err != nil {
		return hint
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return hint
	}
	pid, err := strconv.Atoi(f[0])
	if err != nil || pid <= 0 {
		return hint
	}
	prog := "recmap"
	if len(f) >= 3 {
		prog = printable(filepath.Base(f[2]))
	}
	return fmt.Sprintf(" (process %d: %q; wait for it to finish or stop it, then try again)", pid, prog)
}

// printable keeps the letters, digits and punctuation of s, at most 64
// characters: a name read back from a file goes into a message.
func printable(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsPrint(r) && !unicode.IsSpace(r) {
			return r
		}
		return -1
	}, s)
	if r := []rune(s); len(r) > 64 {
		s = string(r[:64])
	}
	return s
}
