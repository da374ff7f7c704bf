package wechatsim

import (
	"encoding/json"
	"net/http"
	"sort"
	"time"
)

// sync_msg rules of §4.
const (
	kfRetention     = 72 * time.Hour // only the last 3 days are readable
	kfSyncMaxLimit  = 1000           // default and maximum page size
	kfMaxCursor     = 64
	kfMaxSyncToken  = 128
	kfCursorLength  = 20
	kfUntokenWindow = time.Minute
)

// kfCursor is the position a next_cursor stands for: everything up to seq
// has been handed out for openKfID.
type kfCursor struct {
	openKfID string
	seq      uint64
}

// kfSyncRequest is the body of kf/sync_msg.
type kfSyncRequest struct {
	Cursor      string `json:"cursor"`
	Token       string `json:"token"`
	Limit       *int64 `json:"limit"`
	VoiceFormat int    `json:"voice_format"`
	OpenKfID    string `json:"open_kfid"`
}

// kfSyncAnswer is the success body of kf/sync_msg.
type kfSyncAnswer struct {
	NextCursor string            `json:"next_cursor"`
	HasMore    int               `json:"has_more"`
	MsgList    []json.RawMessage `json:"msg_list"`
}

// serveKFSyncMsg is POST kf/sync_msg (§4): the account's messages after the
// cursor (from the start of the 3-day retention without one), at most limit
// (default and maximum 1000, larger values are clamped), oldest first.
// Sent-by-API messages are never in the log. A cursor the simulator did not
// hand out for this open_kfid answers 40058 (WeCom documents no code); an
// unknown, expired (10 min) or other account's token 95007; calls without
// token are limited per corp and minute (Options.KFSyncWithoutToken, 45009).
func (s *Server) serveKFSyncMsg(r *http.Request, body []byte, corp *kfCorp, now time.Time) (any, int) {
	var req kfSyncRequest
	if code := decodeKFJSON(body, &req); code != ErrcodeOK {
		return nil, code
	}
	if _, code := corp.lookupAccount(req.OpenKfID); code != ErrcodeOK {
		return nil, code
	}
	limit, code := syncLimit(req)
	if code != ErrcodeOK {
		return nil, code
	}
	pos := kfCursor{openKfID: req.OpenKfID}
	if req.Cursor != "" {
		p, ok := corp.cursors[req.Cursor]
		if !ok || len(req.Cursor) > kfMaxCursor || p.openKfID != req.OpenKfID {
			return nil, ErrcodeKFInvalidParam
		}
		pos = p
	}
	if code := s.checkSyncToken(corp, req, now); code != ErrcodeOK {
		return nil, code
	}
	if corp.syncHiccups > 0 {
		corp.syncHiccups--
		return kfSyncAnswer{NextCursor: corp.cursorFor(pos), HasMore: 1, MsgList: []json.RawMessage{}}, ErrcodeOK
	}
	corp.dropExpired(now)
	return corp.page(pos, limit, req.VoiceFormat == 1), ErrcodeOK
}

// syncLimit reads limit and voice_format.
func syncLimit(req kfSyncRequest) (int, int) {
	if req.VoiceFormat != 0 && req.VoiceFormat != 1 {
		return 0, ErrcodeKFInvalidParam
	}
	switch {
	case req.Limit == nil || *req.Limit == 0:
		return kfSyncMaxLimit, ErrcodeOK
	case *req.Limit < 0:
		return 0, ErrcodeKFInvalidParam
	case *req.Limit > kfSyncMaxLimit:
		return kfSyncMaxLimit, ErrcodeOK
	}
	return int(*req.Limit), ErrcodeOK
}

// checkSyncToken applies §4's token rules. Caller holds s.mu.
func (s *Server) checkSyncToken(corp *kfCorp, req kfSyncRequest, now time.Time) int {
	if req.Token == "" {
		corp.untokened = withinWindow(corp.untokened, now, kfUntokenWindow)
		if len(corp.untokened) >= s.opts.KFSyncWithoutToken {
			return ErrcodeDailyQuota
		}
		corp.untokened = append(corp.untokened, now)
		return ErrcodeOK
	}
	t, ok := corp.syncTokens[req.Token]
	if !ok || len(req.Token) > kfMaxSyncToken || !now.Before(t.expires) || t.openKfID != req.OpenKfID {
		return ErrcodeKFInvalidMsgToken
	}
	return ErrcodeOK
}

// withinWindow drops timestamps at least d before now.
func withinWindow(ts []time.Time, now time.Time, d time.Duration) []time.Time {
	i := 0
	for i < len(ts) && !now.Before(ts[i].Add(d)) {
		i++
	}
	return ts[i:]
}

// dropExpired forgets messages past the 3-day retention; positions stay
// valid because cursors name sequence numbers, not indexes.
func (c *kfCorp) dropExpired(now time.Time) {
	i := 0
	for i < len(c.log) && !now.Before(c.log[i].sendTime.Add(kfRetention)) {
		i++
	}
	if i > 0 {
		c.log = append(c.log[:0:0], c.log[i:]...)
	}
}

// page collects up to limit of pos's account's messages after pos.
func (c *kfCorp) page(pos kfCursor, limit int, silk bool) kfSyncAnswer {
	ans := kfSyncAnswer{MsgList: []json.RawMessage{}}
	i := sort.Search(len(c.log), func(i int) bool { return c.log[i].seq > pos.seq })
	for ; i < len(c.log); i++ {
		m := c.log[i]
		if m.openKfID != pos.openKfID {
			continue
		}
		if len(ans.MsgList) == limit {
			ans.HasMore = 1
			break
		}
		item := m.item
		if silk && m.silk != nil {
			item = m.silk
		}
		ans.MsgList = append(ans.MsgList, item)
		pos.seq = m.seq
	}
	ans.NextCursor = c.cursorFor(pos)
	return ans
}

// cursorFor returns the opaque next_cursor for a position, the same string
// each time the position comes up.
func (c *kfCorp) cursorFor(pos kfCursor) string {
	if cur, ok := c.cursorOf[pos]; ok {
		return cur
	}
	cur := randomString(kfCursorLength)
	c.cursors[cur], c.cursorOf[pos] = pos, cur
	return cur
}

// KFSyncHiccup makes the corp's next n sync_msg calls answer an empty
// msg_list with has_more 1 and an unchanged position, which §4 allows, to
// catch clients that stop on an empty page.
func (s *Server) KFSyncHiccup(corpID string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if corp, ok := s.kfCorps[corpID]; ok {
		corp.syncHiccups = n
	}
}
