package hooks_test

import (
	"context"
	"database/sql"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/internal/wechatsim"
)

// TestKFPullSurvivesKill9 runs the real binary: it kills `wedesk serve`
// with SIGKILL while a 2,500-message backlog is being pulled — 15, 110
// and 250 ms after WeCom answered the second page, i.e. before, around and
// after that page's commit (the third request then waits in WeCom's
// latency) — starts it again on the same data dir, and checks that every
// message is stored exactly once and none is skipped.
func TestKFPullSurvivesKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildWeDesk(t)
	for _, delay := range []time.Duration{15 * time.Millisecond, 110 * time.Millisecond, 250 * time.Millisecond} {
		t.Run("kill "+delay.String()+" after the second page", func(t *testing.T) { killMidPull(t, bin, delay) })
	}
}

// killMidPull is one crash and restart, killing delay after the second
// sync_msg page was answered.
func killMidPull(t *testing.T, bin string, delay time.Duration) {
	sim := wechatsim.New(wechatsim.Options{PushTimeout: 10 * time.Second})
	sim.AddKFCorp(testKFCorp)
	if err := sim.AddKFAccount(testKFCorp.CorpID, testKFAccount, "WeDesk 客服"); err != nil {
		t.Fatal(err)
	}
	const syncPath = "/cgi-bin/kf/sync_msg"
	var answered atomic.Int32
	killAt := make(chan struct{}, 1)
	simSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sim.ServeHTTP(w, r)
		if r.URL.Path == syncPath && answered.Add(1) == 2 {
			killAt <- struct{}{}
		}
	}))
	t.Cleanup(simSrv.Close)

	dir := kfDataDir(t, simSrv.URL)
	addr := freeAddr(t)
	corp := testKFCorp
	corp.CallbackURL = "http://" + addr + "/callback/" + testKFChannelID
	sim.AddKFCorp(corp)

	first := startWeDesk(t, bin, dir, addr)
	cust := sim.KFCustomer(testKFCorp.CorpID, testKFAccount, "wmCrash00000001")
	ids, err := cust.EnqueueTexts(2500)
	if err != nil {
		t.Fatal(err)
	}
	answered.Store(0)                                 // only the pulls of this backlog count
	sim.SetKFLatency(syncPath, 1500*time.Millisecond) // well past the last kill delay, even on a busy machine
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	go cust.Fire(ctx) //nolint:errcheck // the process dies under the callback on purpose
	select {
	case <-killAt:
	case <-ctx.Done():
		t.Fatal("the second page was never pulled")
	}
	time.Sleep(delay)
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = first.Wait()
	before := countInbound(t, dir)
	if before >= 2500 {
		t.Fatalf("premise: %d stored before the kill, the pull was not interrupted", before)
	}
	t.Logf("stored before kill -9: %d of 2500", before)

	sim.SetKFLatency(syncPath, 0)
	second := startWeDesk(t, bin, dir, addr) // its start-up catch-up resumes from the cursor
	deadline := time.Now().Add(60 * time.Second)
	for countInbound(t, dir) < 2500 && time.Now().Before(deadline) {
		time.Sleep(200 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond)
	_ = second.Process.Signal(syscall.SIGTERM)
	_ = second.Wait()

	stored := inboundMsgIDs(t, dir)
	if len(stored) != 2500 {
		t.Fatalf("%d rows stored, want exactly 2500", len(stored))
	}
	seen := map[string]bool{}
	for _, id := range stored {
		if seen[id] {
			t.Fatalf("msgid %s stored twice", id)
		}
		seen[id] = true
	}
	for _, id := range ids {
		if !seen[id] {
			t.Fatalf("msgid %s skipped", id)
		}
	}
}

// buildWeDesk compiles the module's binary into the test's temp dir.
func buildWeDesk(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "wedesk")
	cmd := exec.Command("go", "build", "-o", bin, "..")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go build: %v", err)
	}
	return bin
}

// kfDataDir prepares a migrated data dir holding the kf channel (pointed
// at the simulator) and returns its path.
func kfDataDir(t *testing.T, apiBase string) string {
	t.Helper()
	app := newTestApp(t)
	col, err := app.FindCollectionByNameOrId(store.CollectionChannels)
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(col)
	r.Set("id", testKFChannelID)
	r.Load(map[string]any{"name": "Crash KF", "kind": store.KindWecomKF, "app_id": testKFCorp.CorpID,
		"secret": testKFCorp.Secret, "token": testKFCorp.Token, "aes_key": testKFCorp.EncodingAESKey,
		"api_base": apiBase, "enabled": true})
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	su := core.NewRecord(mustCollection(t, app, core.CollectionNameSuperusers))
	su.SetEmail("admin@example.com")
	su.SetPassword("password123456")
	if err := app.Save(su); err != nil {
		t.Fatal(err)
	}
	app.ResetBootstrapState()
	return copyDir(t, app.DataDir())
}

func mustCollection(t *testing.T, app core.App, name string) *core.Collection {
	t.Helper()
	c, err := app.FindCollectionByNameOrId(name)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// freeAddr picks a loopback address nobody listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// startWeDesk runs `wedesk serve` on dir and waits for its health check.
func startWeDesk(t *testing.T, bin, dir, addr string) *exec.Cmd {
	t.Helper()
	// --dev=false: a binary under the temp dir looks like `go run` to PocketBase.
	cmd := exec.Command(bin, "serve", "--dir", dir, "--http", addr, "--dev=false")
	logFile, err := os.CreateTemp(t.TempDir(), "serve-*.log")
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	t.Cleanup(func() {
		if t.Failed() {
			b, _ := os.ReadFile(logFile.Name())
			t.Logf("wedesk serve output:\n%s", b)
		}
	})
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _, _ = cmd.Process.Wait() })
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if res, err := http.Get("http://" + addr + "/api/health"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return cmd
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("wedesk serve did not come up")
	return nil
}

// openData opens the data dir's database beside the running process.
func openData(t *testing.T, dir string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "data.db")+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func countInbound(t *testing.T, dir string) int {
	t.Helper()
	db := openData(t, dir)
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM messages WHERE direction = 'in' AND type = 'text'").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func inboundMsgIDs(t *testing.T, dir string) []string {
	t.Helper()
	db := openData(t, dir)
	defer db.Close()
	rows, err := db.Query("SELECT wechat_msgid FROM messages WHERE direction = 'in' AND type = 'text'")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		out = append(out, id)
	}
	return out
}
