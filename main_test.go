package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeIsProductionByDefault: a test binary lives under the temp dir,
// which is exactly where pocketbase.New would switch dev mode on.
func TestServeIsProductionByDefault(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(exe, filepath.Clean(os.TempDir())) {
		t.Logf("test binary %s is not under the temp dir; the check still applies", exe)
	}
	if newApp().IsDev() {
		t.Fatal("dev mode is on without --dev")
	}
}
