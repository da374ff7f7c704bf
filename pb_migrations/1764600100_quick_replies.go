package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

func init() {
	m.Register(upQuickReplies, downQuickReplies)
}

// quickReplySeeds are the team's first quick replies, so the popover is
// useful on day one; admins edit them in the dashboard.
var quickReplySeeds = []struct{ keyword, text string }{
	{"问候", "您好，请问有什么可以帮您？"},
	{"稍等", "请稍等，我帮您查询一下。"},
	{"还有吗", "请问还有其他问题吗？"},
	{"感谢", "感谢您的耐心等待。"},
	{"hello", "Hello, how can I help you?"},
}

// upQuickReplies adds the team's quick replies: team-wide (no owner, no
// channel), for one channel, or personal (owner set). Agents read the
// team's and their own; supervisors manage the team's, everyone their own.
func upQuickReplies(app core.App) error {
	agents, err := app.FindCollectionByNameOrId("agents")
	if err != nil {
		return err
	}
	channels, err := app.FindCollectionByNameOrId("channels")
	if err != nil {
		return err
	}
	c := core.NewBaseCollection("quick_replies")
	visible := ruleIsAgent + " && (owner = '' || owner = @request.auth.id)"
	manage := ruleIsAgent + " && (owner = @request.auth.id || (owner = '' && " + ruleIsSupervisor + "))"
	c.ListRule = types.Pointer(visible)
	c.ViewRule = types.Pointer(visible)
	c.CreateRule = types.Pointer(ruleIsAgent + " && (@request.body.owner = @request.auth.id || " +
		"((@request.body.owner:isset = false || @request.body.owner = '') && " + ruleIsSupervisor + "))")
	c.UpdateRule = types.Pointer(manage + " && (@request.body.owner:isset = false || @request.body.owner = owner)")
	c.DeleteRule = types.Pointer(manage)
	c.Fields.Add(
		&core.TextField{Name: "keyword", Max: 40,
			Help: "A short word agents type to find the reply (e.g. 发货, refund). Searchable with the text."},
		&core.TextField{Name: "text", Required: true, Max: 2000, Help: "The reply inserted into the reply box."},
		&core.RelationField{Name: "channel", CollectionId: channels.Id, MaxSelect: 1, CascadeDelete: true,
			Help: "Only offered in conversations of this channel. Empty: every channel."},
		&core.RelationField{Name: "owner", CollectionId: agents.Id, MaxSelect: 1, CascadeDelete: true,
			Help: "A personal reply of this agent. Empty: the whole team's (managed by supervisors and admins)."},
	)
	c.Fields.Add(autodates()...)
	c.AddIndex("idx_quick_replies_owner", false, "owner, keyword", "")
	if err := app.Save(c); err != nil {
		return err
	}
	for _, s := range quickReplySeeds {
		r := core.NewRecord(c)
		r.Set("keyword", s.keyword)
		r.Set("text", s.text)
		if err := app.Save(r); err != nil {
			return err
		}
	}
	return nil
}

func downQuickReplies(app core.App) error {
	c, err := app.FindCollectionByNameOrId("quick_replies")
	if err != nil {
		return nil
	}
	return app.Delete(c)
}
