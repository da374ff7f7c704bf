package wechatsim

import (
	"context"
	"errors"
	"fmt"
	"net/url"
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
	scene, param, err := c.checkContactLink(link)
	if err != nil {
		return "", nil, err
	}
	return c.EnterSession(ctx, KFEnter{Scene: scene, SceneParam: param})
}

// checkContactLink reads link's scene and scene_param and checks that,
// without scene_param, it is exactly the link of the customer's account.
func (c *KFCustomer) checkContactLink(link string) (scene, param string, err error) {
	scene, param, ok := ParseKFContactURL(link)
	if !ok {
		return "", "", fmt.Errorf("%w: %s", ErrKFBadLink, link)
	}
	u, _ := url.Parse(link) // parsed by ParseKFContactURL
	q := u.Query()
	q.Del("scene_param")
	bare := u.Scheme + "://" + u.Host + u.Path
	if enc := q.Get("enc_scene"); enc != "" {
		bare += "?enc_scene=" + enc
		q.Del("enc_scene")
	}
	if len(q) > 0 || bare != KFContactURL(c.corpID, c.openKfID, scene) {
		return "", "", fmt.Errorf("%w: %s", ErrKFBadLink, link)
	}
	if len(param) > maxSceneParamBytes {
		return "", "", fmt.Errorf("%w: scene_param over %d bytes", ErrKFBadLink, maxSceneParamBytes)
	}
	if param != "" && scene == "" {
		return "", "", fmt.Errorf("%w: scene_param needs a link with a scene", ErrKFBadLink)
	}
	return scene, param, nil
}
