package channel

import (
	"fmt"
	"net/http"
	"sync"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/internal/wxcrypto"
)

// Factory builds the driver of one channel record.
type Factory func(ch *store.Channel, hc *http.Client) (Driver, error)

// Runtime is a channel as the desk runs it: its record as loaded and its driver.
type Runtime struct {
	Channel *store.Channel
	Driver  Driver
}

// Registry keeps one Runtime per channel id, built on first use from the
// record and the factory of its kind, and forgotten whenever the record
// changes. Rebuilding per request would redo the key schedule and lose the
// access token, which the driver caches.
type Registry struct {
	app       core.App
	http      *http.Client
	factories map[string]Factory

	mu sync.RWMutex
	m  map[string]*Runtime
}

// NewRegistry returns a registry that builds drivers with factories, keyed
// by channel kind.
func NewRegistry(app core.App, hc *http.Client, factories map[string]Factory) *Registry {
	return &Registry{app: app, http: hc, factories: factories, m: map[string]*Runtime{}}
}

// Get returns the runtime of an existing channel. A missing channel is
// store.ErrNotFound; other failures keep their cause.
func (r *Registry) Get(id string) (*Runtime, error) {
	r.mu.RLock()
	rt, ok := r.m[id]
	r.mu.RUnlock()
	if ok {
		return rt, nil
	}
	ch, err := store.FindChannel(r.app, id)
	if err != nil {
		return nil, err
	}
	f := r.factories[ch.Kind()]
	if f == nil {
		return nil, fmt.Errorf("channel: %s: no driver for kind %q: %w", id, ch.Kind(), ErrUnsupported)
	}
	d, err := f(ch, r.http)
	if err != nil {
		return nil, fmt.Errorf("channel: %s: %w", id, err)
	}
	rt = &Runtime{Channel: ch, Driver: d}
	r.mu.Lock()
	if prev, ok := r.m[id]; ok {
		rt = prev // another goroutine built it first: keep one token cache
	} else {
		r.m[id] = rt
	}
	r.mu.Unlock()
	return rt, nil
}

// Forget drops a cached runtime and its credentials, so the next use
// rebuilds both from the channel's current settings.
func (r *Registry) Forget(id string) {
	r.mu.Lock()
	rt, ok := r.m[id]
	delete(r.m, id)
	r.mu.Unlock()
	if ok {
		rt.Driver.Forget()
	}
}

// Crypter builds a channel's callback crypter from its Token,
// EncodingAESKey (with the previous key during a rotation) and app id as
// the receive id; nil when the channel has no EncodingAESKey yet.
func Crypter(ch *store.Channel) (*wxcrypto.Crypter, error) {
	if ch.AESKey() == "" {
		return nil, nil
	}
	c, err := wxcrypto.NewCrypter(ch.Token(), ch.AESKey(), ch.AppID())
	if err != nil {
		return nil, fmt.Errorf("channel: %w", err)
	}
	if prev := ch.AESKeyPrevious(); prev != "" {
		if c, err = c.WithPreviousKey(prev); err != nil {
			return nil, fmt.Errorf("channel: previous key: %w", err)
		}
	}
	return c, nil
}
