package wechatsim

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// ErrKFBadLink: the link is not one add_contact_way gave for the
// customer's account, or was altered beyond an appended scene_param.
var ErrKFBadLink = errors.New("wechatsim: not a contact link of this account")

// maxSceneParamBytes is scene_param's limit once URL-decoded (§8).
const maxSceneParamBytes = 128

// EnterFromLink opens the chat the way WeChat does when the customer taps
// link: the link must be the account's add_contact_way link (enc_scene
// names the scene), optionally with "&scene_param=…" appended; the
// enter_session event carries both. It returns what EnterSession returns.
func (c *KFCustomer) EnterFromLink(ctx context.Context, link string) (string, *Delivery, error) {
	scene, param, err := c.parseContactLink(link)
	if err != nil {
		return "", nil, err
	}
	return c.EnterSession(ctx, KFEnter{Scene: scene, SceneParam: param})
}

// parseContactLink checks link against the account's link and reads its
// scene and scene_param.
func (c *KFCustomer) parseContactLink(link string) (scene, param string, err error) {
	u, err := url.Parse(link)
	if err != nil {
		return "", "", fmt.Errorf("%w: %v", ErrKFBadLink, err)
	}
	q := u.Query()
	if enc := q.Get("enc_scene"); enc != "" {
		raw, err := base64.RawURLEncoding.DecodeString(enc)
		if err != nil || !strings.HasPrefix(string(raw), "sim:") {
			return "", "", fmt.Errorf("%w: enc_scene %q", ErrKFBadLink, enc)
		}
		scene = strings.TrimPrefix(string(raw), "sim:")
	}
	base := u.Scheme + "://" + u.Host + u.Path
	if want := KFContactURL(c.corpID, c.openKfID, scene); base+encScene(q) != want {
		return "", "", fmt.Errorf("%w: %s", ErrKFBadLink, link)
	}
	param = q.Get("scene_param")
	if len(param) > maxSceneParamBytes {
		return "", "", fmt.Errorf("%w: scene_param over %d bytes", ErrKFBadLink, maxSceneParamBytes)
	}
	if param != "" && scene == "" {
		return "", "", fmt.Errorf("%w: scene_param needs a link with a scene", ErrKFBadLink)
	}
	return scene, param, nil
}

// encScene is the "?enc_scene=…" part of a link, "" when absent.
func encScene(q url.Values) string {
	if v := q.Get("enc_scene"); v != "" {
		return "?enc_scene=" + v
	}
	return ""
}
