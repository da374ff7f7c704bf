package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

func init() {
	m.Register(upAutomation, downAutomation)
}

// upAutomation adds service automation: the settings per channel and per
// 微信客服 account, what the timeouts fired and the satisfaction answer per
// conversation, and the knowledge base with its full-text index.
func upAutomation(app core.App) error {
	for _, name := range []string{"channels", "kf_accounts"} {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return err
		}
		c.Fields.Add(&core.JSONField{Name: "automation", MaxSize: 64 << 10,
			Help: "Timeouts, reception mode, bot, business hours, welcome and satisfaction (internal/automation). Empty: defaults; a 微信客服 account's own settings replace its channel's."})
		if err := app.Save(c); err != nil {
			return err
		}
	}
	if err := upConversationAutomation(app); err != nil {
		return err
	}
	return upKnowledgeBase(app)
}

func upConversationAutomation(app core.App) error {
	convs, err := app.FindCollectionByNameOrId("conversations")
	if err != nil {
		return err
	}
	convs.Fields.Add(
		&core.DateField{Name: "last_agent_at", Help: "Last message to the customer (agent, bot or automatic)."},
		&core.DateField{Name: "assigned_at", Help: "When the current agent got the conversation."},
		&core.JSONField{Name: "timeouts_fired", MaxSize: 4 << 10, Help: "Which timeouts fired for the current silence; WeDesk keeps it."},
		&core.DateField{Name: "timeouts_seen", Help: "The version (updated) of the conversation the timeout scan last evaluated; WeDesk keeps it."},
		&core.DateField{Name: "timeouts_next_at", Help: "When the next timeout falls due (empty: none pending); WeDesk keeps it."},
		&core.NumberField{Name: "bot_misses", OnlyInt: true, Help: "Questions the bot could not answer in a row."},
		&core.JSONField{Name: "satisfaction", MaxSize: 8 << 10, Help: "The customer's rating: the last answer counts."},
	)
	// The timeout scan reads two small index ranges: conversations changed
	// since it last evaluated them (a partial index holding only those),
	// and those whose next timeout is due.
	convs.AddIndex("idx_conversations_timeouts_changed", false, "state", "updated > timeouts_seen")
	convs.AddIndex("idx_conversations_timeouts_next", false, "state, timeouts_next_at", "")
	return app.Save(convs)
}

func upKnowledgeBase(app core.App) error {
	channels, err := app.FindCollectionByNameOrId("channels")
	if err != nil {
		return err
	}
	c := core.NewBaseCollection("kb_answers")
	c.ListRule = types.Pointer(ruleIsAgent)
	c.ViewRule = types.Pointer(ruleIsAgent)
	c.CreateRule = types.Pointer(ruleIsAgent)
	c.UpdateRule = types.Pointer(ruleIsAgent)
	c.Fields.Add(
		&core.RelationField{Name: "channel", CollectionId: channels.Id, MaxSelect: 1, CascadeDelete: true,
			Help: "Empty: the answer serves every channel."},
		&core.TextField{Name: "question", Required: true, Max: 500},
		&core.TextField{Name: "similar_questions", Max: 5000, Help: "Other ways to ask, one per line."},
		&core.TextField{Name: "keywords", Max: 1000, Help: "Keywords, separated by commas or new lines."},
		&core.TextField{Name: "answer", Required: true, Max: 2000},
		&core.BoolField{Name: "enabled"},
	)
	c.Fields.Add(autodates()...)
	if err := app.Save(c); err != nil {
		return err
	}
	// terms holds the Chinese bigrams and Latin words of the question,
	// similar questions and keywords (internal/kb), space separated, so
	// FTS5's unicode61 tokenizer indexes each as one token.
	_, err = app.DB().NewQuery(`CREATE VIRTUAL TABLE IF NOT EXISTS kb_terms USING fts5(
		answer_id UNINDEXED, channel UNINDEXED, terms, tokenize = 'unicode61')`).Execute()
	if err != nil {
		return err
	}
	// Document frequencies of the terms, so a lookup can leave out the
	// common ones.
	_, err = app.DB().NewQuery("CREATE VIRTUAL TABLE IF NOT EXISTS kb_terms_vocab USING fts5vocab(kb_terms, row)").Execute()
	return err
}

func downAutomation(app core.App) error {
	for _, t := range []string{"kb_terms_vocab", "kb_terms"} {
		if _, err := app.DB().NewQuery("DROP TABLE IF EXISTS " + t).Execute(); err != nil {
			return err
		}
	}
	if c, err := app.FindCollectionByNameOrId("kb_answers"); err == nil {
		if err := app.Delete(c); err != nil {
			return err
		}
	}
	fields := map[string][]string{
		"channels":    {"automation"},
		"kf_accounts": {"automation"},
		"conversations": {"last_agent_at", "assigned_at", "timeouts_fired", "timeouts_seen", "timeouts_next_at",
			"bot_misses", "satisfaction"},
	}
	for name, names := range fields {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return err
		}
		c.RemoveIndex("idx_conversations_timeouts_changed")
		c.RemoveIndex("idx_conversations_timeouts_next")
		for _, f := range names {
			c.Fields.RemoveByName(f)
		}
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return nil
}
