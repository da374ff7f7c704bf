// Package scheduler is the desk's one clock-driven job runner
// (robfig/cron/v3, seconds-level, in an explicit time zone): the catch-up
// pull, account sync, license renewal and session timeouts share it.
package scheduler

import (
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
)

// DefaultTimeZone is where daily jobs run unless CRON_TZ says otherwise:
// WeDesk's users are in China.
const DefaultTimeZone = "Asia/Shanghai"

// Scheduler runs named jobs on cron specs.
type Scheduler struct {
	c   *cron.Cron
	log *slog.Logger
	wg  sync.WaitGroup
}

// New returns a stopped scheduler in the time zone named by the CRON_TZ
// environment variable, or DefaultTimeZone.
func New(log *slog.Logger) (*Scheduler, error) {
	tz := os.Getenv("CRON_TZ")
	if tz == "" {
		tz = DefaultTimeZone
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return nil, fmt.Errorf("scheduler: time zone %q: %w", tz, err)
	}
	return &Scheduler{c: cron.New(cron.WithSeconds(), cron.WithLocation(loc)), log: log}, nil
}

// Add runs fn on spec (six fields, seconds first, or a descriptor such as
// "@every 10m"). A job still running when its next turn comes is skipped,
// so a slow run never piles up.
func (s *Scheduler) Add(spec, name string, fn func()) error {
	job := cron.NewChain(cron.SkipIfStillRunning(cron.DiscardLogger)).Then(cron.FuncJob(func() {
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("scheduler: job panicked", "job", name, "panic", r)
			}
		}()
		fn()
	}))
	if _, err := s.c.AddJob(spec, job); err != nil {
		return fmt.Errorf("scheduler: job %s: %w", name, err)
	}
	return nil
}

// Start starts the scheduler.
func (s *Scheduler) Start() { s.c.Start() }

// RunNow runs fn once in the background (a job's start-up run); Stop waits
// for it.
func (s *Scheduler) RunNow(name string, fn func()) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("scheduler: job panicked", "job", name, "panic", r)
			}
		}()
		fn()
	}()
}

// Stop stops scheduling and waits for running jobs.
func (s *Scheduler) Stop() {
	<-s.c.Stop().Done()
	s.wg.Wait()
}
