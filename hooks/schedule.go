package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/licensing"
	"github.com/wedesk/wedesk/internal/scheduler"
)

// startScheduler is the table of clock-driven jobs. Each also runs once at
// start-up, so work that fell due while WeDesk was down is done at once.
func startScheduler(app core.App, d *Desk) (*scheduler.Scheduler, error) {
	s, err := scheduler.New(app.Logger())
	if err != nil {
		return nil, err
	}
	jobs := []struct {
		spec, name string
		fn         func()
	}{
		// WeCom keeps messages 3 days; a missed callback is recovered
		// within minutes.
		{"0 */5 * * * *", "kf catch-up pull", d.Ingest.CatchUp},
		{"0 7 * * * *", "channel accounts sync", d.Enricher.SyncAccounts},
		// Send windows that passed show as locked in lists and routing.
		{"30 * * * * *", "expired send windows", d.Actions.LockExpiredWindows},
		// Licenses: renew what ends within 7 days, then refresh every status.
		{"0 5 0 * * *", "license renewal", func() { renewLicenses(app, d) }},
		// Session timeouts are seconds-level (the reminder's range starts at 10 s).
		{d.opts.TimeoutScan, "session timeouts", func() { scanTimeouts(app, d) }},
	}
	for _, j := range jobs {
		if err := s.Add(j.spec, j.name, j.fn); err != nil {
			return nil, err
		}
	}
	s.RunNow("start-up sync", func() {
		scanTimeouts(app, d) // what fell due while WeDesk was down fires once, now
		renewLicenses(app, d)
		d.Enricher.SyncAccounts()
		d.Ingest.CatchUp()
	})
	s.Start()
	return s, nil
}

// renewLicenses runs the daily license job.
func renewLicenses(app core.App, d *Desk) {
	now := d.opts.Now()
	if n, err := licensing.RenewDue(app, now); err != nil {
		app.Logger().Error("license: renewal", "error", err)
	} else if n > 0 {
		app.Logger().Info("license: renewed", "organizations", n)
	}
	if err := licensing.RefreshStatuses(app, now); err != nil {
		app.Logger().Error("license: refresh statuses", "error", err)
	}
}

// scanTimeouts runs one timeout scan.
func scanTimeouts(app core.App, d *Desk) {
	if n, err := d.Auto.ScanTimeouts(); err != nil {
		app.Logger().Error("timeouts: scan", "error", err)
	} else if n > 0 {
		app.Logger().Info("timeouts: fired", "count", n)
	}
}
