// Package pb_migrations holds WeDesk's schema as timestamped Go migrations.
// It is the only place the schema changes; main and every test binary
// blank-import it so PocketBase applies the migrations on start.
package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Rule fragments shared by the collections below. The names of collections
// and fields are a contract: external tools drive WeDesk through the REST API.
const (
	ruleIsAgent      = "@request.auth.collectionName = 'agents'"
	ruleIsSupervisor = "@request.auth.role = 'supervisor'"
)

func init() {
	m.Register(upInitSchema, downInitSchema)
}

func upInitSchema(app core.App) error {
	agents, err := createAgents(app)
	if err != nil {
		return err
	}
	channels, err := createChannels(app)
	if err != nil {
		return err
	}
	customers, err := createCustomers(app, channels, agents)
	if err != nil {
		return err
	}
	conversations, err := createConversations(app, channels, customers, agents)
	if err != nil {
		return err
	}
	if err := createMessages(app, conversations, agents); err != nil {
		return err
	}
	// Back-relation rules need conversations to exist first.
	customers.ListRule = types.Pointer(ruleIsAgent + " && (" + ruleIsSupervisor +
		" || conversations_via_customer.agent ?= @request.auth.id || conversations_via_customer.agent ?= '')")
	customers.ViewRule = customers.ListRule
	// Agents may edit the profile (VIP, tags, notes, nickname) of customers they
	// serve; channel, identity, owner and blocks change only through WeDesk's actions.
	customers.UpdateRule = types.Pointer(*customers.ListRule + " && @request.body.channel:isset = false && " +
		"@request.body.external_id:isset = false && @request.body.owner:isset = false && " +
		"@request.body.blocked_until:isset = false && @request.body.unionid:isset = false")
	return app.Save(customers)
}

func autodates() []core.Field {
	return []core.Field{
		&core.AutodateField{Name: "created", OnCreate: true},
		&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
	}
}

func createAgents(app core.App) (*core.Collection, error) {
	c := core.NewAuthCollection("agents")
	c.ListRule = types.Pointer(ruleIsAgent)
	c.ViewRule = types.Pointer(ruleIsAgent)
	// Agents may change their own name and status, never their role or capacity.
	c.UpdateRule = types.Pointer("id = @request.auth.id && @request.body.role:isset = false && " +
		"@request.body.max_concurrent:isset = false && @request.body.email:isset = false")
	c.Fields.Add(
		&core.TextField{Name: "name", Required: true, Max: 100},
		&core.SelectField{Name: "role", Values: []string{"agent", "supervisor"}, MaxSelect: 1, Required: true},
		&core.SelectField{Name: "status", Values: []string{"online", "suspended", "offline"}, MaxSelect: 1, Required: true},
		&core.NumberField{Name: "max_concurrent", OnlyInt: true, Min: types.Pointer(1.0), Max: types.Pointer(200.0), Required: true},
		&core.SelectField{Name: "lang", Values: []string{"zh", "en"}, MaxSelect: 1},
	)
	c.Fields.Add(autodates()...)
	c.AddIndex("idx_agents_status", false, "status", "")
	return c, app.Save(c)
}

func createChannels(app core.App) (*core.Collection, error) {
	c := core.NewBaseCollection("channels")
	c.ListRule = types.Pointer(ruleIsAgent)
	c.ViewRule = types.Pointer(ruleIsAgent)
	c.Fields.Add(
		&core.TextField{Name: "name", Required: true, Max: 100},
		&core.SelectField{Name: "kind", Values: []string{"wechat_mp", "wecom_kf"}, MaxSelect: 1, Required: true},
		&core.TextField{Name: "app_id", Required: true, Max: 64, Pattern: `^[A-Za-z0-9_-]+$`},
		// Secrets: Hidden keeps them out of every API response except to superusers.
		&core.TextField{Name: "secret", Hidden: true, Max: 256},
		&core.TextField{Name: "token", Hidden: true, Max: 128, Pattern: `^[A-Za-z0-9]*$`},
		&core.TextField{Name: "aes_key", Hidden: true, Pattern: `^$|^[A-Za-z0-9]{43}$`},
		&core.TextField{Name: "aes_key_previous", Hidden: true, Pattern: `^$|^[A-Za-z0-9]{43}$`,
			Help: "The EncodingAESKey before the last change, so callbacks still decrypt during a key rotation."},
		&core.URLField{Name: "api_base", Help: "Empty means WeChat's real hosts. Point at the simulator for tests and demos."},
		&core.BoolField{Name: "enabled"},
		&core.TextField{Name: "original_id", Max: 64, Help: "The account's original id (gh_...), filled from the first callback."},
		&core.NumberField{Name: "send_quota", OnlyInt: true, Min: types.Pointer(0.0), Max: types.Pointer(100.0),
			Help: "Messages allowed per customer message (WeChat: 5). 0 means the default."},
	)
	c.Fields.Add(autodates()...)
	c.AddIndex("idx_channels_app_id", true, "kind, app_id", "")
	return c, app.Save(c)
}

func createCustomers(app core.App, channels, agents *core.Collection) (*core.Collection, error) {
	c := core.NewBaseCollection("customers")
	c.Fields.Add(
		&core.RelationField{Name: "channel", CollectionId: channels.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.TextField{Name: "external_id", Required: true, Max: 128},
		&core.TextField{Name: "unionid", Max: 128},
		&core.TextField{Name: "nickname", Max: 100},
		&core.TextField{Name: "avatar", Max: 1024},
		&core.BoolField{Name: "vip"},
		&core.RelationField{Name: "owner", CollectionId: agents.Id, MaxSelect: 1},
		&core.JSONField{Name: "tags", MaxSize: 8 << 10},
		&core.DateField{Name: "blocked_until"},
		&core.TextField{Name: "scene", Max: 128},
		&core.TextField{Name: "notes", Max: 10000},
		&core.DateField{Name: "info_synced_at"},
	)
	c.Fields.Add(autodates()...)
	c.AddIndex("idx_customers_external", true, "channel, external_id", "")
	c.AddIndex("idx_customers_info", false, "info_synced_at", "")
	return c, app.Save(c)
}

func createConversations(app core.App, channels, customers, agents *core.Collection) (*core.Collection, error) {
	c := core.NewBaseCollection("conversations")
	c.ListRule = types.Pointer(ruleIsAgent + " && (" + ruleIsSupervisor + " || agent = @request.auth.id || agent = '')")
	c.ViewRule = c.ListRule
	c.Fields.Add(
		&core.RelationField{Name: "channel", CollectionId: channels.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.RelationField{Name: "customer", CollectionId: customers.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.SelectField{Name: "state", Values: []string{"bot", "queued", "active", "closed"}, MaxSelect: 1, Required: true},
		&core.RelationField{Name: "agent", CollectionId: agents.Id, MaxSelect: 1},
		&core.DateField{Name: "opened_at"},
		&core.DateField{Name: "closed_at"},
		&core.DateField{Name: "last_customer_at"},
		&core.DateField{Name: "last_message_at"},
		&core.TextField{Name: "last_preview", Max: 200},
		&core.NumberField{Name: "unread", OnlyInt: true, Min: types.Pointer(0.0)},
		&core.TextField{Name: "scene", Max: 128},
		&core.TextField{Name: "close_reason", Max: 64},
	)
	c.Fields.Add(autodates()...)
	// The inbox lists (mine / queue / all / closed) and the ingest lookup of a
	// customer's open conversation each have an index.
	c.AddIndex("idx_conv_agent_state", false, "agent, state, last_message_at", "")
	c.AddIndex("idx_conv_state_last", false, "state, last_message_at", "")
	c.AddIndex("idx_conv_customer_state", false, "customer, state", "")
	c.AddIndex("idx_conv_open_customer", true, "customer", "state != 'closed'")
	c.AddIndex("idx_conv_closed_at", false, "state, closed_at", "")
	return c, app.Save(c)
}

func createMessages(app core.App, conversations, agents *core.Collection) error {
	c := core.NewBaseCollection("messages")
	visible := "(" + ruleIsSupervisor + " || conversation.agent = @request.auth.id || conversation.agent = '')"
	c.ListRule = types.Pointer(ruleIsAgent + " && " + visible)
	c.ViewRule = c.ListRule
	// Hooks add the window check, force direction/sender and claim the conversation.
	c.CreateRule = types.Pointer(ruleIsAgent + " && " + visible)
	c.Fields.Add(
		&core.RelationField{Name: "conversation", CollectionId: conversations.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.SelectField{Name: "direction", Values: []string{"in", "out"}, MaxSelect: 1, Required: true},
		&core.SelectField{Name: "sender", Values: []string{"customer", "agent", "bot", "system"}, MaxSelect: 1, Required: true},
		&core.RelationField{Name: "agent", CollectionId: agents.Id, MaxSelect: 1},
		&core.TextField{Name: "type", Required: true, Max: 32, Pattern: `^[a-z_]+$`},
		&core.TextField{Name: "text", Max: 20000},
		&core.FileField{Name: "media", MaxSelect: 1, MaxSize: 25 << 20, Thumbs: []string{"240x240f"}},
		&core.JSONField{Name: "payload", MaxSize: 256 << 10},
		&core.TextField{Name: "wechat_msgid", Max: 64},
		&core.SelectField{Name: "status", Values: []string{"received", "pending", "sent", "failed"}, MaxSelect: 1, Required: true},
		&core.TextField{Name: "error", Max: 1000},
		// Internal bookkeeping, not part of the public contract.
		&core.TextField{Name: "dedup_key", Max: 200, Hidden: true},
		&core.NumberField{Name: "seq", OnlyInt: true},
		&core.NumberField{Name: "attempts", OnlyInt: true, Min: types.Pointer(0.0)},
		&core.DateField{Name: "next_attempt_at"},
		&core.DateField{Name: "sent_at"},
		&core.SelectField{Name: "media_state", Values: []string{"none", "pending", "stored", "failed"}, MaxSelect: 1},
		&core.BoolField{Name: "internal", Help: "An internal note: shown to agents, never sent to the customer."},
	)
	c.Fields.Add(autodates()...)
	c.AddIndex("idx_messages_dedup", true, "dedup_key", "dedup_key != ''")
	c.AddIndex("idx_messages_conv_seq", false, "conversation, seq", "")
	c.AddIndex("idx_messages_outbox", false, "status, next_attempt_at", "status = 'pending'")
	c.AddIndex("idx_messages_media", false, "media_state", "media_state = 'pending'")
	return app.Save(c)
}

func downInitSchema(app core.App) error {
	for _, name := range []string{"messages", "conversations", "customers", "channels", "agents"} {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			continue
		}
		if err := app.Delete(c); err != nil {
			return err
		}
	}
	return nil
}
