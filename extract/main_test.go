package extract

import (
	"os"
	"testing"
)

// TestMain lets the test binary serve as the child process of isolated
// reads (Options.Isolate), as recmap's main does.
func TestMain(m *testing.M) {
	if IsChild() {
		os.Exit(ServeChild())
	}
	os.Exit(m.Run())
}
