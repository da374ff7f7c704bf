package wecomkf

import "context"

// Session states of kf/service_state (wecom-kf.md §7). SendMsg works only
// in StateNew and StateAssistant.
const (
	StateNew       = 0 // 未处理: the customer wrote, nobody handled it yet
	StateAssistant = 1 // 由智能助手接待: handled through the API (WeDesk)
	StateQueued    = 2 // 待接入池排队中: waiting for a servicer
	StateHuman     = 3 // 由人工接待: a servicer in the WeCom client handles it
	StateEnded     = 4 // 已结束/未开始: ended, or entered without writing
)

// stateWire is the body of service_state/get and service_state/trans.
type stateWire struct {
	OpenKfID       string `json:"open_kfid"`
	ExternalUserID string `json:"external_userid"`
	ServiceState   *int   `json:"service_state,omitempty"`
	ServicerUserID string `json:"servicer_userid,omitempty"`
}

// stateAnswer is the service_state/get response.
type stateAnswer struct {
	ServiceState   int    `json:"service_state"`
	ServicerUserID string `json:"servicer_userid"`
}

// ServiceState returns the session state of a customer on an account
// (POST kf/service_state/get) and, in StateHuman, the servicer's userid.
func (c *Client) ServiceState(ctx context.Context, openKfID, externalUserID string) (int, string, error) {
	const path = "kf/service_state/get"
	if openKfID == "" || externalUserID == "" {
		return 0, "", invalid(path, "open_kfid and external_userid are required")
	}
	r, err := jsonRequest(path, stateWire{OpenKfID: openKfID, ExternalUserID: externalUserID})
	if err != nil {
		return 0, "", err
	}
	var ans stateAnswer
	if err := c.call(ctx, r, &ans); err != nil {
		return 0, "", err
	}
	return ans.ServiceState, ans.ServicerUserID, nil
}

// transAnswer is the service_state/trans response.
type transAnswer struct {
	MsgCode string `json:"msg_code"`
}

// TransServiceState moves a session to state (POST kf/service_state/trans).
// servicerUserID is required for StateHuman and ignored otherwise. The
// returned msg_code (set on the first move to queued/human and on ending)
// is for SendMsgOnEvent. A disallowed move fails with 95016.
func (c *Client) TransServiceState(ctx context.Context, openKfID, externalUserID string, state int, servicerUserID string) (string, error) {
	const path = "kf/service_state/trans"
	switch {
	case openKfID == "" || externalUserID == "":
		return "", invalid(path, "open_kfid and external_userid are required")
	case state < StateAssistant || state > StateEnded:
		// Nothing moves a session back to 0; only the customer writing does.
		return "", invalid(path, "target state %d outside 1..4", state)
	case state == StateHuman && servicerUserID == "":
		return "", invalid(path, "servicer_userid is required for state 3")
	}
	body := stateWire{OpenKfID: openKfID, ExternalUserID: externalUserID, ServiceState: &state}
	if state == StateHuman {
		body.ServicerUserID = servicerUserID
	}
	r, err := jsonRequest(path, body)
	if err != nil {
		return "", err
	}
	var ans transAnswer
	if err := c.call(ctx, r, &ans); err != nil {
		return "", err
	}
	return ans.MsgCode, nil
}
