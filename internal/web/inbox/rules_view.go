package inbox

import (
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/store"
	"github.com/wedesk/wedesk/views"
)

// rulesOfConversation maps the customer's block (拒收) for the header: any
// agent who may see the conversation can block; only supervisors unblock.
func rulesOfConversation(app core.App, t *views.Text, agent *store.Agent, conv *store.Conversation, cust *store.Customer, now time.Time) views.ConversationRules {
	r := views.ConversationRules{ID: conv.Id}
	if !cust.IsBlocked(now) {
		r.CanBlock = !conv.IsClosed()
		return r
	}
	by := ""
	if a, err := store.FindAgent(app, cust.BlockedBy()); err == nil {
		by = a.Name()
	}
	r.Blocked = t.Rules.BlockedLine(cust.BlockedUntil().In(deskZone), by)
	r.CanUnblock = agent.IsSupervisor()
	return r
}

// rulesOfMessage maps what the media and blocking rules add to a message:
// the flag of media that failed the checks, the blocked mark, and AMR voice
// played in the browser with its length.
func rulesOfMessage(v *views.MessageView, m *store.Message) {
	v.Rules.Blocked = m.GetBool("blocked")
	v.Rules.Flag = m.GetString("media_issue")
	if m.Type() != "voice" {
		return
	}
	if ms := m.GetInt("duration_ms"); ms > 0 {
		v.Rules.Duration = strconv.Itoa((ms+999)/1000) + "″"
	}
	if strings.EqualFold(path.Ext(m.GetString("media")), ".amr") {
		v.Rules.AMR = true
	}
}
