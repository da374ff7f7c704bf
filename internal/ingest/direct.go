package ingest

import (
	"github.com/wedesk/wedesk/internal/channel"
)

// StoreBatch stores msgs for a channel as one batch on the calling
// goroutine, the way the writer does, and runs the after-commit work before
// returning. Benchmarks use it to time the writer alone; tests use it to
// commit several messages in one transaction.
func (s *Service) StoreBatch(channelID string, msgs []channel.Inbound) error {
	rt, err := s.channels.Get(channelID)
	if err != nil {
		return err
	}
	items, err := s.newItems(rt.Channel, msgs)
	if err != nil {
		return err
	}
	if err := s.commit(items, nil); err != nil {
		return err
	}
	s.announce()
	return nil
}
