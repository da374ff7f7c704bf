package hooks_test

import (
	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/channel/mp"
	"github.com/wedesk/wedesk/internal/mpapi"
)

// commitInbound stores parsed pushes for a channel as one ingest batch, the
// way the ingest writer does.
func commitInbound(d *hooks.Desk, channelID string, msgs []*mpapi.InboundMessage) error {
	in := make([]channel.Inbound, len(msgs))
	for i, m := range msgs {
		in[i] = mp.Inbound(m)
	}
	return d.Ingest.StoreBatch(channelID, in)
}
