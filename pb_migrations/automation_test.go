package pb_migrations_test

import (
	"os"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/testkit"
)

func TestMain(m *testing.M) { os.Exit(testkit.Run(m)) }

// TestAutomationMigrationDownAndUp reverts the automation migration and
// applies it again: the down step leaves a schema the up step accepts.
func TestAutomationMigrationDownAndUp(t *testing.T) {
	app := testkit.NewApp(t)
	runner := core.NewMigrationsRunner(app, core.AppMigrations)
	// Later migrations come first on the way down; the survey index
	// (1764800000) indexes the automation's satisfaction field.
	later := 0
	for _, mig := range core.AppMigrations.Items() {
		if mig.File > "1764700000_automation.go" {
			later++
		}
	}
	if _, err := runner.Down(later); err != nil {
		t.Fatalf("down the later migrations: %v", err)
	}
	if convs, _ := app.FindCollectionByNameOrId("conversations"); convs == nil || convs.GetIndex("idx_conversations_survey_pending") != "" ||
		convs.GetIndex("idx_conv_agent_unread") == "" {
		t.Fatal("the survey index survived its down step, or the lean indexes' down did not restore them")
	}
	if _, err := runner.Down(1); err != nil {
		t.Fatalf("down: %v", err)
	}
	if _, err := app.FindCollectionByNameOrId("kb_answers"); err == nil {
		t.Fatal("kb_answers survived the down step")
	}
	convs, err := app.FindCollectionByNameOrId("conversations")
	if err != nil || convs.Fields.GetByName("timeouts_fired") != nil {
		t.Fatalf("conversation fields survived the down step: %v", err)
	}
	if _, err := runner.Up(); err != nil {
		t.Fatalf("up again: %v", err)
	}
	var n int
	if err := app.DB().NewQuery("SELECT count(*) FROM kb_terms_vocab").Row(&n); err != nil {
		t.Fatalf("index after up: %v", err)
	}
}
