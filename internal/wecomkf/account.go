package wecomkf

import (
	"context"
	"fmt"
)

// Account is a kf account (客服账号) the calling app can see.
type Account struct {
	OpenKfID string `json:"open_kfid"`
	Name     string `json:"name"`
	Avatar   string `json:"avatar"` // URL
	// ManagePrivilege reports whether this app may manage the account
	// (absent, hence false, for component apps).
	ManagePrivilege bool `json:"manage_privilege"`
}

// maxAccountPage is kf/account/list's largest (and default) limit.
const maxAccountPage = 100

// accountListAnswer is the kf/account/list response.
type accountListAnswer struct {
	AccountList []Account `json:"account_list"`
}

// ListAccounts returns one page of kf accounts (POST kf/account/list).
// limit 0 means 100, the maximum; a page shorter than limit is the last.
func (c *Client) ListAccounts(ctx context.Context, offset, limit int) ([]Account, error) {
	const path = "kf/account/list"
	if limit == 0 {
		limit = maxAccountPage
	}
	if offset < 0 || limit < 1 || limit > maxAccountPage {
		return nil, invalid(path, "offset %d / limit %d outside 0.. / 1..%d", offset, limit, maxAccountPage)
	}
	body := struct {
		Offset int `json:"offset"`
		Limit  int `json:"limit"`
	}{offset, limit}
	r, err := jsonRequest(path, body)
	if err != nil {
		return nil, err
	}
	var ans accountListAnswer
	if err := c.call(ctx, r, &ans); err != nil {
		return nil, err
	}
	return ans.AccountList, nil
}

// maxSceneBytes limits add_contact_way's scene.
const maxSceneBytes = 32

// contactWayAnswer is the kf/add_contact_way response.
type contactWayAnswer struct {
	URL string `json:"url"`
}

// AddContactWay returns the customer-facing link of an account (POST
// kf/add_contact_way). scene (≤32 bytes of [0-9a-zA-Z_-], optional) comes
// back in enter_session; "&scene_param=…" may be appended to the link, but
// the link must not be altered otherwise.
func (c *Client) AddContactWay(ctx context.Context, openKfID, scene string) (string, error) {
	const path = "kf/add_contact_way"
	if openKfID == "" {
		return "", invalid(path, "open_kfid is empty")
	}
	if !validIdent(scene, maxSceneBytes) {
		return "", invalid(path, "scene must be ≤%d bytes of [0-9a-zA-Z_-]", maxSceneBytes)
	}
	body := struct {
		OpenKfID string `json:"open_kfid"`
		Scene    string `json:"scene,omitempty"`
	}{openKfID, scene}
	r, err := jsonRequest(path, body)
	if err != nil {
		return "", err
	}
	var ans contactWayAnswer
	if err := c.call(ctx, r, &ans); err != nil {
		return "", err
	}
	if ans.URL == "" {
		return "", fmt.Errorf("%w: %s: no url", ErrUnexpectedResponse, path)
	}
	return ans.URL, nil
}
