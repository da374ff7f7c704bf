package ingest

import (
	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/store"
)

// CatchUp pulls every account of every enabled channel whose messages are
// pulled, so that a callback WeChat never delivered is recovered long
// before WeCom's 3-day expiry. Pulls already running go round once more.
func (s *Service) CatchUp() {
	chans, err := store.FindEnabledChannels(s.app)
	if err != nil {
		s.app.Logger().Error("ingest: catch-up: channels", "error", err)
		return
	}
	for _, ch := range chans {
		rt, err := s.channels.Get(ch.Id)
		if err != nil {
			continue
		}
		if _, ok := rt.Driver.(channel.Puller); !ok {
			continue
		}
		accounts, err := store.KFAccountIDs(s.app, ch.Id)
		if err != nil {
			s.app.Logger().Error("ingest: catch-up: accounts", "channel", ch.Id, "error", err)
			continue
		}
		for _, a := range accounts {
			s.RequestPull(ch.Id, channel.PullRequest{Account: a})
		}
	}
}
