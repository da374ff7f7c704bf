package wechatsim

import (
	"encoding/json"
	"net/http"
	"time"
)

// WeCom API paths of the kf side (host qyapi.weixin.qq.com). media/upload
// and media/get share their paths with the Official Account API; a kf
// access token routes them here.
const (
	pathKFGetToken       = "/cgi-bin/gettoken"
	pathKFSyncMsg        = "/cgi-bin/kf/sync_msg"
	pathKFSendMsg        = "/cgi-bin/kf/send_msg"
	pathKFSendOnEvent    = "/cgi-bin/kf/send_msg_on_event"
	pathKFStateGet       = "/cgi-bin/kf/service_state/get"
	pathKFStateTrans     = "/cgi-bin/kf/service_state/trans"
	pathKFAccountList    = "/cgi-bin/kf/account/list"
	pathKFAddContactWay  = "/cgi-bin/kf/add_contact_way"
	pathKFCustomerBatget = "/cgi-bin/kf/customer/batchget"
	pathKFMediaUpload    = pathMediaUpload
	pathKFMediaGet       = pathMediaGet
)

// maxKFAPIBody bounds kf request bodies; the largest legal one is a 20 MB file.
const maxKFAPIBody = 22 << 20

// kfHandler serves a kf call whose access token was valid, with s.mu held.
// It returns the answer's fields (nil for none) or a non-zero errcode.
type kfHandler func(s *Server, r *http.Request, body []byte, corp *kfCorp, now time.Time) (any, int)

// kfRoutes is the kf side's route table.
var kfRoutes = map[string]endpoint{
	pathKFGetToken:       {http.MethodGet, (*Server).serveKFGetToken},
	pathKFSyncMsg:        {http.MethodPost, kfAuthed((*Server).serveKFSyncMsg)},
	pathKFSendMsg:        {http.MethodPost, kfAuthed((*Server).serveKFSendMsg)},
	pathKFSendOnEvent:    {http.MethodPost, kfAuthed((*Server).serveKFSendOnEvent)},
	pathKFStateGet:       {http.MethodPost, kfAuthed((*Server).serveKFStateGet)},
	pathKFStateTrans:     {http.MethodPost, kfAuthed((*Server).serveKFStateTrans)},
	pathKFAccountList:    {http.MethodPost, kfAuthed((*Server).serveKFAccountList)},
	pathKFAddContactWay:  {http.MethodPost, kfAuthed((*Server).serveKFAddContactWay)},
	pathKFCustomerBatget: {http.MethodPost, kfAuthed((*Server).serveKFCustomerBatchGet)},
	pathKFMediaUpload:    {http.MethodPost, kfAuthed((*Server).serveKFMediaUpload)},
	pathKFMediaGet:       {http.MethodGet, kfAuthed((*Server).serveKFMediaGet)},
}

// pickRoute finds r's endpoint, error writer and body limit. WeCom's qyapi
// host shares /cgi-bin/media/* with WeChat's; the access token tells which
// service such a call is for.
func (s *Server) pickRoute(r *http.Request) (endpoint, bool, func(http.ResponseWriter, int), int64) {
	if s.isWeCom(r) {
		ep, ok := kfRoutes[r.URL.Path]
		return ep, ok, writeKFErr, maxKFAPIBody
	}
	ep, ok := routes[r.URL.Path]
	return ep, ok, writeErr, maxAPIBody
}

// isWeCom tells whether r is a call to WeCom's API: a kf-only path, or a
// shared media path with a kf access token.
func (s *Server) isWeCom(r *http.Request) bool {
	if _, ok := kfRoutes[r.URL.Path]; !ok {
		return false
	}
	if _, shared := routes[r.URL.Path]; !shared {
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.kfTokens[r.URL.Query().Get("access_token")]
	return ok
}

// SetKFLatency makes every later call to the kf path (e.g.
// "/cgi-bin/kf/send_msg") wait d after it took effect and before it
// answers, so crash tests can kill a client between the two. Zero removes it.
func (s *Server) SetKFLatency(path string, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.kfLatency[path] = d
}

// kfAuthed checks the access token, serves h, then answers after any
// configured latency (without holding s.mu).
func kfAuthed(h kfHandler) func(*Server, http.ResponseWriter, *http.Request, []byte) {
	return func(s *Server, w http.ResponseWriter, r *http.Request, body []byte) {
		now := s.opts.Now()
		s.mu.Lock()
		var ans any
		corp, code := s.kfAuthenticate(r, now)
		if code == ErrcodeOK {
			ans, code = h(s, r, body, corp, now)
		}
		delay := s.kfLatency[r.URL.Path]
		s.mu.Unlock()
		if err := sleep(r.Context(), delay); err != nil {
			return
		}
		switch {
		case code != ErrcodeOK:
			writeKFErr(w, code)
		case isKFFile(ans):
			ans.(*kfFile).serve(w, r)
		default:
			writeKFAnswer(w, ans)
		}
	}
}

// writeKFAnswer answers errcode 0, errmsg "ok" and the fields of ans.
func writeKFAnswer(w http.ResponseWriter, ans any) {
	head := []byte(`{"errcode":0,"errmsg":"ok"`)
	var b []byte
	if ans != nil {
		b, _ = json.Marshal(ans)
	}
	if len(b) > 2 {
		head = append(append(head, ','), b[1:]...)
	} else {
		head = append(head, '}')
	}
	w.Header().Set("Content-Type", kfContentType)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(append(head, '\n'))
}
