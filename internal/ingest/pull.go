package ingest

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/internal/worker"
)

// pullTimeout bounds one page request.
const pullTimeout = 30 * time.Second

// maxPullAttempts is how often a failing page is tried before the pull
// gives up until the next callback or catch-up.
const maxPullAttempts = 5

// pullers runs at most one pull per channel: concurrent callbacks must not
// race the cursor. A callback that arrives during a pull asks for one more
// round, since messages may have arrived after the last page was read.
type pullers struct {
	s       *Service
	mu      sync.Mutex
	running map[string]*pullState
	ctx     context.Context
	cancel  context.CancelFunc
	wg      sync.WaitGroup
}

type pullState struct {
	again bool
	req   channel.PullRequest
}

func newPullers(s *Service) *pullers {
	ctx, cancel := context.WithCancel(context.Background())
	return &pullers{s: s, running: map[string]*pullState{}, ctx: ctx, cancel: cancel}
}

func (p *pullers) stop() {
	p.cancel()
	p.wg.Wait()
}

// RequestPull asks for a pull of channelID's waiting messages. It returns at
// once; the pull runs in the background, one at a time per channel.
func (s *Service) RequestPull(channelID string, req channel.PullRequest) {
	p := s.pulls
	p.mu.Lock()
	defer p.mu.Unlock()
	if st, ok := p.running[channelID]; ok {
		st.again, st.req = true, req
		return
	}
	p.running[channelID] = &pullState{}
	p.wg.Add(1)
	go p.run(channelID, req)
}

// PullNow pulls channelID's waiting messages on the calling goroutine
// unless a pull is already running (then that one goes round again). The
// catch-up job and tests use it.
func (s *Service) PullNow(channelID string, req channel.PullRequest) error {
	p := s.pulls
	p.mu.Lock()
	if st, ok := p.running[channelID]; ok {
		st.again = true
		p.mu.Unlock()
		return nil
	}
	p.running[channelID] = &pullState{}
	p.wg.Add(1)
	p.mu.Unlock()
	return p.loop(channelID, req)
}

func (p *pullers) run(channelID string, req channel.PullRequest) {
	if err := p.loop(channelID, req); err != nil {
		p.s.app.Logger().Warn("ingest: pull failed", "channel", channelID, "error", err)
	}
}

// loop pulls until the channel has nothing more, then frees the channel.
func (p *pullers) loop(channelID string, req channel.PullRequest) error {
	defer p.wg.Done()
	for {
		err := p.pullAll(channelID, req)
		p.mu.Lock()
		st := p.running[channelID]
		if err != nil || !st.again || p.ctx.Err() != nil {
			delete(p.running, channelID)
			p.mu.Unlock()
			return err
		}
		st.again, req = false, st.req
		p.mu.Unlock()
	}
}

// pullAll fetches pages from the persisted cursor while WeChat has more.
func (p *pullers) pullAll(channelID string, req channel.PullRequest) error {
	for attempt := 1; p.ctx.Err() == nil; {
		more, err := p.pullPage(channelID, req)
		switch {
		case err == nil && !more:
			return nil
		case err == nil:
			attempt = 1
		case attempt >= maxPullAttempts || !channel.IsRetryable(err):
			return err
		default:
			attempt++
			select {
			case <-time.After(worker.Backoff(attempt) / 4):
			case <-p.ctx.Done():
			}
		}
	}
	return p.ctx.Err()
}

// pullPage fetches one page and commits its messages together with the
// new cursor, so that a crash never skips or repeats a message.
func (p *pullers) pullPage(channelID string, req channel.PullRequest) (bool, error) {
	s := p.s
	rt, err := s.channels.Get(channelID)
	if err != nil {
		return false, err
	}
	puller, ok := rt.Driver.(channel.Puller)
	if !ok {
		return false, fmt.Errorf("ingest: channel %s: %w", channelID, channel.ErrUnsupported)
	}
	cursor, err := store.SyncCursor(s.app, channelID, req.Account)
	if err != nil {
		return false, err
	}
	ctx, cancel := context.WithTimeout(p.ctx, pullTimeout)
	page, err := puller.Pull(ctx, cursor, req)
	cancel()
	if err != nil {
		return false, err
	}
	items, err := s.newItems(rt.Channel, withinLimits(s, channelID, page.Messages))
	if err != nil {
		return false, err
	}
	err = s.commit(items, func(tx core.App) error {
		return store.SetSyncCursor(tx, channelID, req.Account, page.NextCursor)
	})
	return page.HasMore, err
}
