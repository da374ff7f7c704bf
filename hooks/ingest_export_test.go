package hooks

import (
	"github.com/wedesk/wedesk/internal/mpapi"
)

// CommitInbound stores parsed pushes for a channel as one ingest batch, the
// way the ingest writer does, so that benchmarks can time the writer alone.
func (d *Desk) CommitInbound(channelID string, msgs []*mpapi.InboundMessage) error {
	rt, err := d.channels.get(channelID)
	if err != nil {
		return err
	}
	batch := make([]*ingestItem, len(msgs))
	for i, m := range msgs {
		if batch[i], err = d.ingest.newItem(rt.channel, m); err != nil {
			return err
		}
	}
	d.ingest.commit(batch)
	d.ingest.announce()
	for _, it := range batch {
		if res := <-it.done; res.err != nil {
			return res.err
		}
	}
	return nil
}
