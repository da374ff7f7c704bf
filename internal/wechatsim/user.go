package wechatsim

import (
	"net/http"
	"time"
)

// userInfo is user/info for a follower (§9.1). Since 2021-12-27 WeChat no
// longer returns nickname, headimgurl, sex, city and the like, and marks
// language as no longer provided, so none of them appear.
type userInfo struct {
	Subscribe      int    `json:"subscribe"`
	OpenID         string `json:"openid"`
	SubscribeTime  int64  `json:"subscribe_time"`
	Remark         string `json:"remark"`
	GroupID        int    `json:"groupid"`
	TagIDList      []int  `json:"tagid_list"`
	SubscribeScene string `json:"subscribe_scene"`
	QRScene        int    `json:"qr_scene"`
	QRSceneStr     string `json:"qr_scene_str"`
}

// userGone is user/info for someone not following: nothing but the flag.
type userGone struct {
	Subscribe int    `json:"subscribe"`
	OpenID    string `json:"openid"`
}

// serveUserInfo is GET user/info?openid=…&lang=….
func (s *Server) serveUserInfo(w http.ResponseWriter, r *http.Request, _ []byte, acct *account, _ time.Time) {
	openID := r.URL.Query().Get("openid")
	if openID == "" {
		writeErr(w, ErrcodeInvalidOpenID)
		return
	}
	f, ok := acct.followers[openID]
	if !ok || !f.subscribed {
		writeJSON(w, userGone{Subscribe: 0, OpenID: openID})
		return
	}
	writeJSON(w, userInfo{
		Subscribe: 1, OpenID: openID, SubscribeTime: f.subscribeTime.Unix(), Remark: f.remark,
		TagIDList: []int{}, SubscribeScene: f.scene, QRScene: f.qrScene, QRSceneStr: f.qrSceneStr,
	})
}
