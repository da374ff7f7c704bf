// Package testkit is WeDesk's shared test bootstrap: a data dir with every
// migration applied, built once per test binary, and apps cloned from it.
// Migrating a fresh app costs far more than copying a data dir, so each
// test starts from a clone instead.
package testkit

import (
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	_ "github.com/wedesk/wedesk/pb_migrations" // the schema every clone has
)

var (
	templateOnce sync.Once
	templateDir  string
	templateErr  error
)

// TemplateDir returns the migrated template data dir, building it on first
// use. A template that cannot be built is a broken migration: it panics,
// since no test of the binary could run.
func TemplateDir() string {
	templateOnce.Do(func() { templateDir, templateErr = buildTemplate() })
	if templateErr != nil {
		panic(fmt.Sprintf("testkit: migrated template: %v", templateErr))
	}
	return templateDir
}

// buildTemplate applies every registered migration to a new data dir.
func buildTemplate() (string, error) {
	dir, err := os.MkdirTemp("", "wedesk_tpl_*")
	if err != nil {
		return "", err
	}
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: dir})
	if err := app.Bootstrap(); err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	defer app.ResetBootstrapState()
	if err := app.RunAllMigrations(); err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	return dir, nil
}

// NewApp returns a test app on a clone of the template; it is cleaned up
// when t ends.
func NewApp(t testing.TB) *tests.TestApp {
	t.Helper()
	app, err := tests.NewTestApp(TemplateDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Cleanup)
	return app
}

// Run runs a package's tests and then removes the template; use it as
// os.Exit(testkit.Run(m)) in TestMain.
func Run(m *testing.M) int {
	code := m.Run()
	Cleanup()
	return code
}

// Cleanup removes the template data dir if it was built.
func Cleanup() {
	if templateDir != "" {
		os.RemoveAll(templateDir)
	}
}
