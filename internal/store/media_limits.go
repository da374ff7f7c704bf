package store

import (
	"encoding/json"
	"fmt"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/media"
)

// MediaLimits returns the channel's media rules: the media_limits setting
// when it is set and valid, else the defaults (media.WeChatSafeLimits: the
// product's table, outbound images converted to fit the 2 MB both WeChat
// upload APIs accept). An invalid setting is reported with the defaults, so
// a bad edit never lets media through that WeChat would refuse.
func (c *Channel) MediaLimits() (media.Limits, error) {
	def := media.WeChatSafeLimits()
	raw := c.GetString("media_limits")
	if raw == "" || raw == "null" || raw == "{}" {
		return def, nil
	}
	var l media.Limits
	if err := json.Unmarshal([]byte(raw), &l); err != nil {
		return def, fmt.Errorf("store: media_limits of channel %s: %w", c.Id, err)
	}
	if err := l.Validate(); err != nil {
		return def, fmt.Errorf("store: media_limits of channel %s: %w", c.Id, err)
	}
	return l, nil
}

// MediaThumbKey is where PocketBase keeps a thumbnail of a record's file
// (the key its file route and the inbox read), so a thumbnail made safely
// at download time is the one served.
func MediaThumbKey(r *core.Record, name, size string) string {
	return r.BaseFilesPath() + "/thumbs_" + name + "/" + size + "_" + name
}
