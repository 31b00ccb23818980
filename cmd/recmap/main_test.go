package main

import (
	"os"
	"testing"

	"github.com/recmap/recmap/extract"
)

// TestMain lets the test binary serve as the child process of the
// isolated reads the commands make, as main does.
func TestMain(m *testing.M) {
	if extract.IsChild() {
		os.Exit(extract.ServeChild())
	}
	os.Exit(m.Run())
}
