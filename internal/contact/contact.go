// Package contact gives each account of a channel with contact links
// (微信客服) one link per entry scene — 视频号, 公众号, 小程序, web, app,
// 搜一搜, payment receipts — asked of WeChat once and kept in
// kf_contact_links, and offers each as a URL, a QR code and an HTML button
// snippet for the admin page and the JSON API.
package contact

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/channel"
	"github.com/wedesk/wedesk/internal/store"
)

// CollectionLinks holds the links, one per account and scene.
const CollectionLinks = "kf_contact_links"

// Errors of Service.Link; handlers map them to 404 and 400.
var (
	// ErrUnknownScene: the scene is not one of Scenes.
	ErrUnknownScene = errors.New("contact: unknown scene")
	// ErrNoAccount: no kf_accounts record has the id.
	ErrNoAccount = errors.New("contact: account not found")
	// ErrNotLinkable: the account's channel kind has no contact links.
	ErrNotLinkable = errors.New("contact: the channel has no contact links")

	errLinkNotCreated = errors.New("contact: the link was not kept")
)

// Scene is an entry scene WeDesk asks links for. ID is the scene string
// given to add_contact_way (≤32 bytes of [0-9a-zA-Z_-]) and echoed in
// enter_session.
type Scene struct {
	ID string `json:"id"`
	ZH string `json:"zh"`
	EN string `json:"en"`
}

// Scenes are the entry scenes, in the order the admin page lists them.
var Scenes = []Scene{
	{"channels", "视频号", "Channels"},
	{"mp", "公众号", "Official Account"},
	{"miniapp", "小程序", "Mini Program"},
	{"web", "网页", "Website"},
	{"app", "App", "App"},
	{"search", "搜一搜", "WeChat Search"},
	{"pay", "支付凭证", "Payment receipt"},
}

// sceneByID finds a scene of Scenes.
func sceneByID(id string) (Scene, bool) {
	for _, s := range Scenes {
		if s.ID == id {
			return s, true
		}
	}
	return Scene{}, false
}

// Service finds and keeps contact links.
type Service struct {
	app      core.App
	channels *channel.Registry
}

// New returns the service of app, asking links through channels' drivers.
func New(app core.App, channels *channel.Registry) *Service {
	return &Service{app: app, channels: channels}
}

// Link returns the link of the kf_accounts record accountID for scene:
// the kept one, else a new one from WeChat, kept before it is returned.
func (s *Service) Link(ctx context.Context, accountID, sceneID string) (Link, error) {
	scene, ok := sceneByID(sceneID)
	if !ok {
		return Link{}, fmt.Errorf("%w: %q", ErrUnknownScene, sceneID)
	}
	acc, err := s.app.FindRecordById(store.CollectionKFAccounts, accountID)
	if errors.Is(err, sql.ErrNoRows) {
		return Link{}, fmt.Errorf("%w: %q", ErrNoAccount, accountID)
	}
	if err != nil {
		return Link{}, fmt.Errorf("contact: account %q: %w", accountID, err)
	}
	return s.link(ctx, acc, scene)
}

func (s *Service) link(ctx context.Context, acc *core.Record, scene Scene) (Link, error) {
	l := newLink(acc, scene)
	url, err := s.keptURL(acc.Id, scene.ID)
	if err != nil {
		return l, err
	}
	if url == "" {
		if url, err = s.ask(ctx, acc, scene.ID); err != nil {
			return l, err
		}
	}
	l.setURL(url)
	return l, nil
}

// keptURL is the stored link, "" when none.
func (s *Service) keptURL(accountID, scene string) (string, error) {
	var url string
	err := s.app.DB().Select("url").From(CollectionLinks).
		Where(dbx.HashExp{"account": accountID, "scene": scene}).Row(&url)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("contact: kept link: %w", err)
	}
	return url, nil
}

// ask gets a link from WeChat and keeps it. When two requests race, the
// unique index keeps the first and both answer with it.
func (s *Service) ask(ctx context.Context, acc *core.Record, scene string) (string, error) {
	rt, err := s.channels.Get(acc.GetString("channel"))
	if err != nil {
		return "", fmt.Errorf("contact: channel: %w", err)
	}
	linker, ok := rt.Driver.(channel.ContactLinker)
	if !ok {
		return "", ErrNotLinkable
	}
	url, err := linker.ContactLink(ctx, acc.GetString("open_kfid"), scene)
	if err != nil {
		return "", fmt.Errorf("contact: ask WeChat: %w", err)
	}
	col, err := s.app.FindCachedCollectionByNameOrId(CollectionLinks)
	if err != nil {
		return "", fmt.Errorf("contact: collection: %w", err)
	}
	rec := core.NewRecord(col)
	rec.Set("account", acc.Id)
	rec.Set("scene", scene)
	rec.Set("url", url)
	if err := s.app.Save(rec); err != nil {
		kept, kerr := s.keptURL(acc.Id, scene)
		if kerr != nil || kept == "" {
			return "", fmt.Errorf("%w: %w", errLinkNotCreated, err)
		}
		return kept, nil
	}
	return url, nil
}

// List returns every account's link for every scene, accounts by channel
// and name. A link WeChat refused carries its Error instead of a URL.
func (s *Service) List(ctx context.Context) ([]Link, error) {
	var accs []*core.Record
	err := s.app.RecordQuery(store.CollectionKFAccounts).OrderBy("channel ASC", "name ASC", "open_kfid ASC").All(&accs)
	if err != nil {
		return nil, fmt.Errorf("contact: accounts: %w", err)
	}
	names, err := channelNames(s.app)
	if err != nil {
		return nil, err
	}
	out := make([]Link, 0, len(accs)*len(Scenes))
	for _, acc := range accs {
		for _, scene := range Scenes {
			l, err := s.link(ctx, acc, scene)
			if err != nil {
				l.Error = err.Error()
			}
			l.ChannelName = names[l.ChannelID]
			out = append(out, l)
		}
	}
	return out, nil
}

// channelNames maps channel ids to names.
func channelNames(app core.App) (map[string]string, error) {
	var rows []struct {
		ID   string `db:"id"`
		Name string `db:"name"`
	}
	if err := app.DB().Select("id", "name").From(store.CollectionChannels).All(&rows); err != nil {
		return nil, fmt.Errorf("contact: channel names: %w", err)
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}
