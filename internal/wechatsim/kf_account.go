package wechatsim

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"time"
)

// kfAccountListRequest is the body of kf/account/list; both are optional.
type kfAccountListRequest struct {
	Offset *int `json:"offset"`
	Limit  *int `json:"limit"`
}

// kfAccountItem is one account_list entry.
type kfAccountItem struct {
	OpenKfID        string `json:"open_kfid"`
	Name            string `json:"name"`
	Avatar          string `json:"avatar"`
	ManagePrivilege bool   `json:"manage_privilege"`
}

// serveKFAccountList is POST kf/account/list (§8): offset from 0, limit
// 1–100 (default 100), accounts in creation order. An empty body means
// the defaults.
func (s *Server) serveKFAccountList(_ *http.Request, body []byte, corp *kfCorp, _ time.Time) (any, int) {
	var req kfAccountListRequest
	if len(bytes.TrimSpace(body)) > 0 {
		if code := decodeKFJSON(body, &req); code != ErrcodeOK {
			return nil, code
		}
	}
	offset, limit := 0, 100
	if req.Offset != nil {
		offset = *req.Offset
	}
	if req.Limit != nil {
		limit = *req.Limit
	}
	if offset < 0 || limit < 1 || limit > 100 {
		return nil, ErrcodeKFInvalidParam
	}
	list := []kfAccountItem{}
	for i := offset; i < len(corp.accountOrder) && len(list) < limit; i++ {
		a := corp.accounts[corp.accountOrder[i]]
		list = append(list, kfAccountItem{OpenKfID: a.openKfID, Name: a.name,
			Avatar: "https://wework.qpic.cn/wwhead/sim/" + a.openKfID + "/0", ManagePrivilege: true})
	}
	return struct {
		AccountList []kfAccountItem `json:"account_list"`
	}{list}, ErrcodeOK
}

// kfContactWayRequest is the body of kf/add_contact_way.
type kfContactWayRequest struct {
	OpenKfID string `json:"open_kfid"`
	Scene    string `json:"scene"`
}

// serveKFAddContactWay is POST kf/add_contact_way (§8): a link that is the
// same for the same account and scene; scene ≤32 bytes of [0-9a-zA-Z_-].
func (s *Server) serveKFAddContactWay(_ *http.Request, body []byte, corp *kfCorp, _ time.Time) (any, int) {
	var req kfContactWayRequest
	if code := decodeKFJSON(body, &req); code != ErrcodeOK {
		return nil, code
	}
	if _, code := corp.lookupAccount(req.OpenKfID); code != ErrcodeOK {
		return nil, code
	}
	if checkKFMsgID(req.Scene) != ErrcodeOK {
		return nil, ErrcodeKFInvalidParam
	}
	return struct {
		URL string `json:"url"`
	}{KFContactURL(corp.CorpID, req.OpenKfID, req.Scene)}, ErrcodeOK
}

// KFContactURL is the contact link add_contact_way answers for the account
// and scene: https://work.weixin.qq.com/kfid/kfc…, with enc_scene when a
// scene is set.
func KFContactURL(corpID, openKfID, scene string) string {
	sum := sha256.Sum256([]byte(corpID + "\x00" + openKfID))
	u := "https://work.weixin.qq.com/kfid/kfc" + hex.EncodeToString(sum[:9])
	if scene == "" {
		return u
	}
	return u + "?enc_scene=" + base64.RawURLEncoding.EncodeToString([]byte("sim:"+scene))
}

// kfBatchGetRequest is the body of kf/customer/batchget.
type kfBatchGetRequest struct {
	ExternalUserIDList      []string `json:"external_userid_list"`
	NeedEnterSessionContext int      `json:"need_enter_session_context"`
}

// kfCustomerItem is one customer_list entry.
type kfCustomerItem struct {
	ExternalUserID      string          `json:"external_userid"`
	Nickname            string          `json:"nickname"`
	Avatar              string          `json:"avatar"`
	Gender              int             `json:"gender"`
	UnionID             string          `json:"unionid,omitempty"`
	EnterSessionContext *kfEnterContext `json:"enter_session_context,omitempty"`
}

// kfEnterContext is a customer's last entry within 48 h.
type kfEnterContext struct {
	Scene          string            `json:"scene"`
	SceneParam     string            `json:"scene_param"`
	WeChatChannels *KFWeChatChannels `json:"wechat_channels,omitempty"`
}

// serveKFCustomerBatchGet is POST kf/customer/batchget (§8): 1–100 ids;
// ids the corp never saw are listed in invalid_external_userid.
func (s *Server) serveKFCustomerBatchGet(_ *http.Request, body []byte, corp *kfCorp, now time.Time) (any, int) {
	var req kfBatchGetRequest
	if code := decodeKFJSON(body, &req); code != ErrcodeOK {
		return nil, code
	}
	if n := len(req.ExternalUserIDList); n < 1 || n > 100 {
		return nil, ErrcodeKFInvalidParam
	}
	ans := struct {
		CustomerList []kfCustomerItem `json:"customer_list"`
		Invalid      []string         `json:"invalid_external_userid"`
	}{CustomerList: []kfCustomerItem{}, Invalid: []string{}}
	for _, id := range req.ExternalUserIDList {
		p, ok := corp.customers[id]
		if !ok {
			ans.Invalid = append(ans.Invalid, id)
			continue
		}
		item := kfCustomerItem{ExternalUserID: id, Nickname: p.Nickname, Avatar: p.Avatar, Gender: p.Gender, UnionID: p.UnionID}
		if req.NeedEnterSessionContext == 1 {
			item.EnterSessionContext = corp.lastEnter(id, now, s.opts.Window)
		}
		ans.CustomerList = append(ans.CustomerList, item)
	}
	return ans, ErrcodeOK
}

// lastEnter is the customer's latest enter_session within window, any account.
func (c *kfCorp) lastEnter(externalUserID string, now time.Time, window time.Duration) *kfEnterContext {
	var best *kfSession
	for key, sess := range c.sessions {
		if key.externalUserID != externalUserID || sess.enter == nil || !within(sess.enterAt, now, window) {
			continue
		}
		if best == nil || sess.enterAt.After(best.enterAt) {
			best = sess
		}
	}
	if best == nil {
		return nil
	}
	return &kfEnterContext{Scene: best.enter.Scene, SceneParam: best.enter.SceneParam, WeChatChannels: best.enter.Channels}
}

// ParseKFContactURL reads the scene back from a link made by KFContactURL
// and the scene_param the caller appended (§8); ok is false for a link the
// simulator did not make.
func ParseKFContactURL(link string) (scene, sceneParam string, ok bool) {
	u, err := url.Parse(link)
	if err != nil || u.Host != "work.weixin.qq.com" {
		return "", "", false
	}
	q := u.Query()
	if enc := q.Get("enc_scene"); enc != "" {
		raw, err := base64.RawURLEncoding.DecodeString(enc)
		if err != nil || !bytes.HasPrefix(raw, []byte("sim:")) {
			return "", "", false
		}
		scene = string(raw[4:])
	}
	return scene, q.Get("scene_param"), true
}
