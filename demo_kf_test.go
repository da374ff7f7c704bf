package main

import (
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/wechatsim"
	"github.com/wedesk/wedesk/internal/wxcrypto"
)

func TestDemoKFSeedIsValid(t *testing.T) {
	if _, err := wxcrypto.NewCrypter(demoKFCorp.Token, demoKFCorp.EncodingAESKey, demoKFCorp.CorpID); err != nil {
		t.Fatalf("demo kf corp keys: %v", err)
	}
	if err := addDemoKF(wechatsim.New(wechatsim.Options{})); err != nil {
		t.Fatalf("simulator accounts: %v", err)
	}
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	hooks.Register(app)
	id, err := seedDemoKF(app, "http://127.0.0.1:1")
	if err != nil {
		t.Fatal(err)
	}
	ch, err := app.FindRecordById("channels", id)
	if err != nil || ch.GetString("kind") != "wecom_kf" || ch.GetString("welcome_text") == "" {
		t.Fatalf("kf channel %v (%v)", ch, err)
	}
	seen := map[string]bool{}
	for _, c := range demoKFCustomers {
		seen[c.account+"/"+c.scene] = true
	}
	if len(seen) != len(demoKFCustomers) {
		t.Fatal("two demo customers enter the same account from the same scene")
	}
}
