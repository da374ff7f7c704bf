package assign

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/store"
)

// queueRecord is a queues record in memory, enough for textsOf.
func queueRecord(fields map[string]any) *store.Queue {
	col := core.NewBaseCollection(store.CollectionQueues)
	col.Fields.Add(&core.BoolField{Name: "live_position"}, &core.TextField{Name: "notice_text"},
		&core.TextField{Name: "fixed_notice_text"}, &core.TextField{Name: "comfort_text"},
		&core.TextField{Name: "abandon_keyword"}, &core.TextField{Name: "abandon_text"})
	r := core.NewRecord(col)
	r.Load(fields)
	return store.NewQueue(r)
}

func TestQueueTexts(t *testing.T) {
	cases := []struct {
		name            string
		q               *store.Queue
		pos             int
		silent          bool
		notice, comfort string
	}{
		{"default queue is silent", nil, 3, true, "您当前排在第 3 位，请稍候~", "客服正在赶来，您当前排在第 3 位，请耐心等待~"},
		{"live with defaults", queueRecord(map[string]any{"live_position": true}), 2, false,
			"您当前排在第 2 位，请稍候~", "客服正在赶来，您当前排在第 2 位，请耐心等待~"},
		{"live off: fixed notice, comfort without position", queueRecord(nil), 2, false, "排队中，请稍候~", "排队中，请稍候~"},
		{"edited texts", queueRecord(map[string]any{"live_position": true, "notice_text": "前面还有 {position} 人",
			"comfort_text": "别急"}), 4, false, "前面还有 4 人", "别急"},
		{"live off keeps a comfort text without placeholder", queueRecord(map[string]any{"comfort_text": "马上来"}), 4, false,
			"排队中，请稍候~", "马上来"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tx := textsOf(c.q)
			if tx.Silent != c.silent || tx.notice(c.pos) != c.notice || tx.comfort(c.pos) != c.comfort {
				t.Fatalf("silent %v notice %q comfort %q", tx.Silent, tx.notice(c.pos), tx.comfort(c.pos))
			}
		})
	}
}
