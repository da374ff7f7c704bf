package wechatsim

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"net/http"
	"time"
)

// WeChat API paths served by the simulator (host api.weixin.qq.com).
const (
	pathToken        = "/cgi-bin/token"
	pathStableToken  = "/cgi-bin/stable_token"
	pathCustomSend   = "/cgi-bin/message/custom/send"
	pathMediaUpload  = "/cgi-bin/media/upload"
	pathMediaGet     = "/cgi-bin/media/get"
	pathUserInfo     = "/cgi-bin/user/info"
	pathTemplateSend = "/cgi-bin/message/template/send"
	pathMenuCreate   = "/cgi-bin/menu/create"
	pathMenuGet      = "/cgi-bin/menu/get"
	pathMenuDelete   = "/cgi-bin/menu/delete"
)

// endpoint is one API route: the method WeChat requires and its handler.
type endpoint struct {
	method string
	serve  func(s *Server, w http.ResponseWriter, r *http.Request, body []byte)
}

// authedHandler serves an API call whose access_token was valid. It runs
// with s.mu held.
type authedHandler func(s *Server, w http.ResponseWriter, r *http.Request, body []byte, acct *account, now time.Time)

// routes is the simulator's one route table.
var routes = map[string]endpoint{
	pathToken:        {http.MethodGet, (*Server).serveToken},
	pathStableToken:  {http.MethodPost, (*Server).serveStableToken},
	pathCustomSend:   {http.MethodPost, authed((*Server).serveCustomSend)},
	pathMediaUpload:  {http.MethodPost, authed((*Server).serveMediaUpload)},
	pathMediaGet:     {http.MethodGet, authed((*Server).serveMediaGet)},
	pathUserInfo:     {http.MethodGet, authed((*Server).serveUserInfo)},
	pathTemplateSend: {http.MethodPost, authed((*Server).serveTemplateSend)},
	pathMenuCreate:   {http.MethodPost, authed((*Server).serveMenuCreate)},
	pathMenuGet:      {http.MethodGet, authed((*Server).serveMenuGet)},
	pathMenuDelete:   {http.MethodGet, authed((*Server).serveMenuDelete)},
}

// authed checks access_token before handing the call to h.
func authed(h authedHandler) func(*Server, http.ResponseWriter, *http.Request, []byte) {
	return func(s *Server, w http.ResponseWriter, r *http.Request, body []byte) {
		now := s.opts.Now()
		s.mu.Lock()
		defer s.mu.Unlock()
		acct, code := s.authenticate(r, now)
		if code != ErrcodeOK {
			writeErr(w, code)
			return
		}
		h(s, w, r, body, acct, now)
	}
}

// decodeJSON parses a POST body the way WeChat does: empty is 44002,
// anything that is not a JSON object of the right shape is 47001.
func decodeJSON(body []byte, v any) int {
	if len(bytes.TrimSpace(body)) == 0 {
		return ErrcodeEmptyPostData
	}
	if err := json.Unmarshal(body, v); err != nil {
		return ErrcodeDataFormat
	}
	return ErrcodeOK
}

// idAlphabet is the character set of tokens and media ids.
const idAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// randomString returns n random characters from idAlphabet.
func randomString(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = idAlphabet[int(b[i])%len(idAlphabet)]
	}
	return string(b)
}
