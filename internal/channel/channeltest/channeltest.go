// Package channeltest is a minimal channel driver used only by tests: it
// proves that the desk's core (ingest, outbox, enrich, desk) needs nothing
// channel-specific. Callbacks are plain JSON authenticated by a shared
// secret instead of WeChat's crypto, sends are recorded in memory, media
// and profiles are canned, and a channel can be switched to pull mode.
//
// The remote side of each channel is an Account, found by channel id with
// AccountOf; the driver the registry builds (New) talks to it. Tests use
// their own channel ids, so accounts of parallel tests never meet.
package channeltest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/jsonlimit"
	"github.com/wedesk/wedesk/internal/store"
)

// SecretParam is the query parameter carrying the shared secret (the
// channel's token). A header would be the natural place, but a Driver sees
// only the query and the body of a callback.
const SecretParam = "secret"

// Callback is a callback body: messages pushed in full, or (Pull) a notice
// that messages wait to be pulled.
type Callback struct {
	Messages []Message `json:"messages,omitempty"`
	Pull     bool      `json:"pull,omitempty"`
	Token    string    `json:"token,omitempty"`
}

// Message is one customer message in a callback or a pulled page.
type Message struct {
	From string `json:"from"`
	ID   string `json:"id"`
	Text string `json:"text,omitempty"`
	// Type is the message type; empty means text. "event" marks an event.
	Type string `json:"type,omitempty"`
	// MediaID names media the core fetches with FetchMedia.
	MediaID string `json:"media_id,omitempty"`
}

// Driver is the test channel's driver, built by New for one channel.
type Driver struct {
	secret string
	acct   *Account
}

// New builds the driver of a channel record: a channel.Factory.
func New(ch *store.Channel, _ *http.Client) (channel.Driver, error) {
	return &Driver{secret: ch.Token(), acct: AccountOf(ch.Id)}, nil
}

// Account is the account the driver talks to.
func (d *Driver) Account() *Account { return d.acct }

// Forget does nothing: the test channel has no credentials to cache.
func (d *Driver) Forget() {}

// VerifyURL checks the secret and echoes echostr.
func (d *Driver) VerifyURL(q url.Values) (string, error) {
	if !d.authentic(q) {
		return "", channel.Forbidden("Wrong secret.")
	}
	return q.Get("echostr"), nil
}

// maxDepth bounds the JSON body's nesting (a message with a payload object
// nests four levels).
const maxDepth = 16

// ReceiveCallback checks the secret and parses the JSON body.
func (d *Driver) ReceiveCallback(q url.Values, body []byte) (*channel.Callback, error) {
	if !d.authentic(q) {
		return nil, channel.Forbidden("Wrong secret.")
	}
	if err := jsonlimit.Check(body, maxDepth); err != nil {
		return nil, channel.BadRequest("The body is nested too deeply.")
	}
	var cb Callback
	if err := json.Unmarshal(body, &cb); err != nil {
		return nil, channel.BadRequest("The body is not valid JSON.")
	}
	if cb.Pull {
		return &channel.Callback{Pull: &channel.PullRequest{Token: cb.Token}}, nil
	}
	out := &channel.Callback{Messages: make([]channel.Inbound, len(cb.Messages))}
	for i, m := range cb.Messages {
		if m.From == "" || m.ID == "" {
			return nil, channel.BadRequest("Every message needs from and id.")
		}
		out.Messages[i] = m.Inbound()
	}
	return out, nil
}

func (d *Driver) authentic(q url.Values) bool {
	return d.secret != "" && q.Get(SecretParam) == d.secret
}

// Inbound is the channel-neutral form of the message.
func (m Message) Inbound() channel.Inbound {
	typ := m.Type
	if typ == "" {
		typ = "text"
	}
	payload := map[string]any{"from": m.From, "id": m.ID, "text": m.Text, "type": typ}
	preview := m.Text
	if typ != "text" {
		preview = "[" + typ + "]"
	}
	if m.MediaID != "" {
		payload["media_id"] = m.MediaID
	}
	return channel.Inbound{
		ExternalID: m.From, MsgID: m.ID, DedupKey: m.ID, Type: typ, Text: m.Text, Preview: preview,
		Event: typ == "event", MediaID: m.MediaID, Payload: payload,
	}
}

// Send records the message in the account.
func (d *Driver) Send(ctx context.Context, m *channel.Outbound) (*channel.SendResult, error) {
	return d.acct.send(ctx, m)
}

// FetchMedia returns the account's canned media.
func (d *Driver) FetchMedia(_ context.Context, mediaID string) (*channel.Media, error) {
	return d.acct.media(mediaID)
}

// Profile returns the account's canned profile.
func (d *Driver) Profile(_ context.Context, externalID string) (*channel.Profile, error) {
	return d.acct.profile(externalID), nil
}

// Pull returns the page after cursor (a count of messages already pulled).
func (d *Driver) Pull(_ context.Context, cursor string, req channel.PullRequest) (*channel.Page, error) {
	from := 0
	if cursor != "" {
		n, err := strconv.Atoi(cursor)
		if err != nil {
			return nil, channel.Permanent("bad cursor %q", cursor)
		}
		from = n
	}
	return d.acct.page(cursor, from, req), nil
}
