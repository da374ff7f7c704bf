package wecomkf

import "context"

// Voice formats for SyncRequest.VoiceFormat.
const (
	VoiceAMR  = 0 // default
	VoiceSILK = 1
)

// SyncRequest asks kf/sync_msg for the next page of one kf account.
type SyncRequest struct {
	// Cursor is the previous page's NextCursor; "" starts at the earliest
	// message of the last 3 days.
	Cursor string
	// Token is the callback's Token (valid 10 minutes); without it WeCom
	// rate-limits the call strictly.
	Token string
	// Limit caps the page size (1..1000); 0 means WeCom's default, 1000.
	Limit int
	// VoiceFormat is VoiceAMR or VoiceSILK.
	VoiceFormat int
	// OpenKfID is the account to pull (required).
	OpenKfID string
}

// SyncPage is one page of kf/sync_msg. Loop while HasMore, even when
// Messages is empty, and persist NextCursor only after storing the page.
type SyncPage struct {
	NextCursor string
	HasMore    bool
	Messages   []Message
}

// syncWire is the sync_msg request body.
type syncWire struct {
	Cursor      string `json:"cursor,omitempty"`
	Token       string `json:"token,omitempty"`
	Limit       int    `json:"limit,omitempty"`
	VoiceFormat int    `json:"voice_format,omitempty"`
	OpenKfID    string `json:"open_kfid"`
}

// syncAnswer is the sync_msg response body.
type syncAnswer struct {
	NextCursor string    `json:"next_cursor"`
	HasMore    int       `json:"has_more"`
	MsgList    []Message `json:"msg_list"`
}

// SyncMsg pulls one page of messages (POST kf/sync_msg). Messages sent by
// SendMsg are never returned; store outbound copies yourself.
func (c *Client) SyncMsg(ctx context.Context, req SyncRequest) (*SyncPage, error) {
	const path = "kf/sync_msg"
	if err := req.validate(path); err != nil {
		return nil, err
	}
	r, err := jsonRequest(path, syncWire(req))
	if err != nil {
		return nil, err
	}
	r.maxAnswer = maxSyncBytes
	var ans syncAnswer
	if err := c.call(ctx, r, &ans); err != nil {
		return nil, err
	}
	return &SyncPage{NextCursor: ans.NextCursor, HasMore: ans.HasMore == 1, Messages: ans.MsgList}, nil
}

// validate applies the documented field limits (wecom-kf.md §4).
func (req SyncRequest) validate(path string) error {
	switch {
	case req.OpenKfID == "":
		return invalid(path, "open_kfid is empty")
	case len(req.Cursor) > 64:
		return invalid(path, "cursor longer than 64 bytes")
	case len(req.Token) > 128:
		return invalid(path, "token longer than 128 bytes")
	case req.Limit < 0 || req.Limit > 1000:
		return invalid(path, "limit %d outside 1..1000", req.Limit)
	case req.VoiceFormat != VoiceAMR && req.VoiceFormat != VoiceSILK:
		return invalid(path, "voice_format %d is neither 0 nor 1", req.VoiceFormat)
	}
	return nil
}
