package mpapi

import (
	"context"
	"net/http"
	"net/url"
)

// UserInfo is a follower's profile as user/info returns it. Since
// 2021-12-27 Nickname and HeadImgURL are normally empty; Subscribe 0 means
// the user does not follow and nothing but OpenID is filled.
type UserInfo struct {
	Subscribe      int    `json:"subscribe"`
	OpenID         string `json:"openid"`
	UnionID        string `json:"unionid"`
	Remark         string `json:"remark"`
	SubscribeScene string `json:"subscribe_scene"`
	QRScene        int64  `json:"qr_scene"`
	QRSceneStr     string `json:"qr_scene_str"`
	SubscribeTime  int64  `json:"subscribe_time"`
	TagIDs         []int  `json:"tagid_list"`
	Nickname       string `json:"nickname"`
	HeadImgURL     string `json:"headimgurl"`
}

// UserInfo fetches a user's profile (GET /cgi-bin/user/info, lang=zh_CN).
func (c *Client) UserInfo(ctx context.Context, openID string) (UserInfo, error) {
	const op = "user/info"
	if openID == "" {
		return UserInfo{}, withOp(op, invalid("openid is empty"))
	}
	r := apiRequest{op: op, method: http.MethodGet, path: "/cgi-bin/user/info",
		query: url.Values{"openid": {openID}, "lang": {"zh_CN"}}}
	var info UserInfo
	if err := c.call(ctx, r, &info); err != nil {
		return UserInfo{}, err
	}
	return info, nil
}
