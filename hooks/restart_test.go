package hooks_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/wedesk/wedesk/hooks"
)

// TestPendingReplySurvivesRestart stops WeDesk between storing a reply and
// sending it, starts a new process on the same data, and checks that the
// reply reaches WeChat exactly once.
func TestPendingReplySurvivesRestart(t *testing.T) {
	h := newHarness(t, hooks.Options{PauseOutbox: true})
	conv := h.openConversation("oUserCrash00001")
	if status, body := h.reply(h.agent, conv, "survive me"); status != 200 {
		t.Fatalf("reply: %d %s", status, body)
	}
	time.Sleep(300 * time.Millisecond)
	if n := len(h.sim.Sent(testAccount.AppID)); n != 0 {
		t.Fatalf("sent %d before the crash, want 0", n)
	}

	// "Crash": stop serving and close the database files as they are.
	h.srv.Close()
	dataDir := copyDir(t, h.app.DataDir())

	app2, err := tests.NewTestApp(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app2.Cleanup)
	hooks.RegisterWithOptions(app2, hooks.Options{PollInterval: 50 * time.Millisecond})
	serveMux(t, app2) // starts the workers as `serve` does

	h.waitFor("sent after restart", func() bool {
		r, err := app2.FindFirstRecordByFilter("messages", "text = 'survive me'")
		return err == nil && r.GetString("status") == "sent"
	})
	time.Sleep(300 * time.Millisecond)
	if n := len(h.sim.Sent(testAccount.AppID)); n != 1 {
		t.Fatalf("WeChat received %d copies, want exactly 1", n)
	}
}

// copyDir snapshots a live PocketBase data dir (the db files with their WAL).
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}
