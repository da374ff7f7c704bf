package hooks

import (
	"fmt"
	"net/http"
	"sync"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/mpapi"
	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/internal/wxcrypto"
)

// channelRuntime is what a channel needs at run time, built once from its
// record: the callback crypter and the API client. Rebuilding them per
// request would redo the key schedule and lose the token cache.
type channelRuntime struct {
	channel *store.Channel
	crypter *wxcrypto.Crypter
	mp      *mpapi.Client
}

// channelRegistry caches channel runtimes by channel id and forgets one
// whenever its record changes.
type channelRegistry struct {
	app  core.App
	http *http.Client

	mu sync.RWMutex
	m  map[string]*channelRuntime
}

func newChannelRegistry(app core.App, hc *http.Client) *channelRegistry {
	return &channelRegistry{app: app, http: hc, m: map[string]*channelRuntime{}}
}

// get returns the runtime of an existing channel.
func (r *channelRegistry) get(id string) (*channelRuntime, error) {
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
	rt, err = r.build(ch)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	r.m[id] = rt
	r.mu.Unlock()
	return rt, nil
}

func (r *channelRegistry) build(ch *store.Channel) (*channelRuntime, error) {
	rt := &channelRuntime{channel: ch}
	if ch.AESKey() != "" {
		c, err := wxcrypto.NewCrypter(ch.Token(), ch.AESKey(), ch.AppID())
		if err != nil {
			return nil, fmt.Errorf("hooks: channel %s: %w", ch.Id, err)
		}
		if prev := ch.AESKeyPrevious(); prev != "" {
			if c, err = c.WithPreviousKey(prev); err != nil {
				return nil, fmt.Errorf("hooks: channel %s previous key: %w", ch.Id, err)
			}
		}
		rt.crypter = c
	}
	if ch.Kind() == store.KindWechatMP {
		rt.mp = mpapi.NewClient(ch.APIBase(), ch.AppID(), ch.Secret(), r.http)
	}
	return rt, nil
}

// forget drops a cached runtime, and the access token it held, so the next
// use rebuilds both from the channel's current settings.
func (r *channelRegistry) forget(id string) {
	r.mu.Lock()
	rt, ok := r.m[id]
	delete(r.m, id)
	r.mu.Unlock()
	if ok && rt.mp != nil {
		mpapi.ForgetToken(rt.mp.BaseURL, rt.mp.AppID)
	}
}
