package channeltest

import (
	"context"
	"strconv"
	"sync"

	"github.com/wedesk/wedesk/internal/channel"
)

// DefaultPageSize is how many messages a pull returns at most.
const DefaultPageSize = 2

// accounts holds every channel's Account, by channel id.
var accounts sync.Map

// AccountOf returns the remote side of a channel, created on first use.
func AccountOf(channelID string) *Account {
	a, _ := accounts.LoadOrStore(channelID, &Account{PageSize: DefaultPageSize})
	return a.(*Account)
}

// Sent is one message a driver sent, as it was handed over.
type Sent struct {
	channel.Outbound
	MediaBody []byte
	MediaName string
}

// Pull is one pull a driver made.
type Pull struct {
	Cursor string
	Token  string
}

// Account is what the "remote service" of one test channel knows: sent
// messages, messages waiting to be pulled, canned media and profiles. Its
// hooks let tests act while the core waits on the driver (between load and
// save).
type Account struct {
	// PageSize bounds a pulled page.
	PageSize int
	// OnSend, if set, runs inside Send before it is recorded.
	OnSend func(m *channel.Outbound)
	// OnProfile, if set, runs inside Profile before it answers.
	OnProfile func(externalID string)
	// OnPull, if set, runs inside Pull before the page is read.
	OnPull func(cursor string)

	mu       sync.Mutex
	sent     []Sent
	failures []error
	waiting  []Message
	pulls    []Pull
	files    map[string]*channel.Media
	profiles map[string]*channel.Profile
}

// FailSends makes the next sends fail with these errors, in order.
func (a *Account) FailSends(errs ...error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.failures = append(a.failures, errs...)
}

// Sent returns the messages sent so far.
func (a *Account) Sent() []Sent {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]Sent(nil), a.sent...)
}

func (a *Account) send(_ context.Context, m *channel.Outbound) (*channel.SendResult, error) {
	if a.OnSend != nil {
		a.OnSend(m)
	}
	s := Sent{Outbound: *m}
	if m.Media != nil {
		data, name, err := m.Media()
		if err != nil {
			return nil, err
		}
		s.MediaBody, s.MediaName = data, name
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.failures) > 0 {
		err := a.failures[0]
		a.failures = a.failures[1:]
		return nil, err
	}
	a.sent = append(a.sent, s)
	return &channel.SendResult{MsgID: "ct-" + strconv.Itoa(len(a.sent))}, nil
}

// SetMedia makes mediaID downloadable.
func (a *Account) SetMedia(mediaID string, body []byte, filename string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.files == nil {
		a.files = map[string]*channel.Media{}
	}
	a.files[mediaID] = &channel.Media{Body: body, Filename: filename}
}

func (a *Account) media(mediaID string) (*channel.Media, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	m, ok := a.files[mediaID]
	if !ok {
		return nil, channel.Permanent("media %q is unknown", mediaID)
	}
	return &channel.Media{Body: append([]byte(nil), m.Body...), Filename: m.Filename}, nil
}

// SetProfile sets what Profile answers for a customer.
func (a *Account) SetProfile(externalID string, p channel.Profile) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.profiles == nil {
		a.profiles = map[string]*channel.Profile{}
	}
	a.profiles[externalID] = &p
}

// DefaultNickname is the nickname of a customer with no profile set.
func DefaultNickname(externalID string) string { return "Test " + externalID }

func (a *Account) profile(externalID string) *channel.Profile {
	if a.OnProfile != nil {
		a.OnProfile(externalID)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if p, ok := a.profiles[externalID]; ok {
		cp := *p
		return &cp
	}
	return &channel.Profile{Nickname: DefaultNickname(externalID)}
}

// Queue adds messages that wait to be pulled, after those already queued.
func (a *Account) Queue(msgs ...Message) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.waiting = append(a.waiting, msgs...)
}

// Pulls returns the pulls made so far.
func (a *Account) Pulls() []Pull {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]Pull(nil), a.pulls...)
}

func (a *Account) page(cursor string, from int, req channel.PullRequest) *channel.Page {
	if a.OnPull != nil {
		a.OnPull(cursor)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.pulls = append(a.pulls, Pull{Cursor: cursor, Token: req.Token})
	from = min(from, len(a.waiting))
	to := min(from+max(a.PageSize, 1), len(a.waiting))
	p := &channel.Page{NextCursor: strconv.Itoa(to), HasMore: to < len(a.waiting)}
	for _, m := range a.waiting[from:to] {
		p.Messages = append(p.Messages, m.Inbound())
	}
	return p
}

var (
	_ channel.Driver = (*Driver)(nil)
	_ channel.Puller = (*Driver)(nil)
)
