package main

import (
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/wxcrypto"
)

// TestDemoSeedIsValid seeds the demo through the same hooks as production:
// every record it creates must pass WeDesk's validation.
func TestDemoSeedIsValid(t *testing.T) {
	if _, err := wxcrypto.NewCrypter(demoAccount.Token, demoAccount.EncodingAESKey, demoAccount.AppID); err != nil {
		t.Fatalf("demo account keys: %v", err)
	}
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	hooks.Register(app)
	id, err := seedDemo(app, "http://127.0.0.1:1", demoCredentials{Password: randomPassword()})
	if err != nil {
		t.Fatal(err)
	}
	ch, err := app.FindRecordById("channels", id)
	if err != nil || !ch.GetBool("enabled") {
		t.Fatalf("channel %v (%v)", ch, err)
	}
	if n, _ := app.CountRecords("agents"); n != 2 {
		t.Fatalf("agents = %d, want 2", n)
	}
}
