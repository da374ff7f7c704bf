package hooks

import (
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/automation"
	"github.com/wedesk/wedesk/internal/store"
)

// registerAutomationHooks refuses automation settings out of their ranges,
// on channels and on 微信客服 accounts, with one field error per setting
// in Chinese and English.
func registerAutomationHooks(app core.App) {
	validate := func(e *core.RecordEvent) error {
		raw := e.Record.GetString("automation")
		if raw == "" || raw == "null" {
			return e.Next()
		}
		s, err := automation.Parse([]byte(raw))
		if err != nil {
			return validation.Errors{"automation": validation.NewError("invalid_json", "设置格式错误 / "+err.Error())}
		}
		if err := s.Validate(); err != nil {
			es, _ := err.(automation.Errors)
			out := validation.Errors{}
			for _, fe := range es {
				out["automation."+fe.Field] = validation.NewError("invalid_setting", fe.ZH+" / "+fe.EN)
			}
			return out
		}
		return e.Next()
	}
	app.OnRecordValidate(store.CollectionChannels).BindFunc(validate)
	app.OnRecordValidate(store.CollectionKFAccounts).BindFunc(validate)
}

// eventWelcome says which channel kinds welcome through a session event's
// one-time code (微信客服's send_msg_on_event).
func eventWelcome(kind string) bool { return kind == store.KindWecomKF }

// surveyMenu says which channel kinds take the satisfaction survey as a
// msgmenu; the Official Account gets a numbered text (product.md).
func surveyMenu(kind string) bool { return kind == store.KindWecomKF }
