package wecomkf

import "context"

// Customer genders.
const (
	GenderUnknown = 0
	GenderMale    = 1
	GenderFemale  = 2
)

// maxCustomerBatch is kf/customer/batchget's largest batch.
const maxCustomerBatch = 100

// Customer is a WeChat customer's profile as kf/customer/batchget returns it.
type Customer struct {
	ExternalUserID string `json:"external_userid"`
	Nickname       string `json:"nickname"`
	Avatar         string `json:"avatar"` // URL; empty for third-party apps
	Gender         int    `json:"gender"`
	// UnionID needs a WeChat developer account bound to the corp.
	UnionID string `json:"unionid"`
	// EnterSessionContext is the last entry within 48 h; set only when
	// requested with needEnterSessionContext.
	EnterSessionContext *EnterSessionContext `json:"enter_session_context,omitempty"`
}

// EnterSessionContext tells how the customer last entered a session.
type EnterSessionContext struct {
	Scene          string          `json:"scene"`
	SceneParam     string          `json:"scene_param"`
	WechatChannels *WechatChannels `json:"wechat_channels,omitempty"`
}

// batchGetAnswer is the kf/customer/batchget response.
type batchGetAnswer struct {
	CustomerList          []Customer `json:"customer_list"`
	InvalidExternalUserID []string   `json:"invalid_external_userid"`
}

// BatchGetCustomers fetches up to 100 customer profiles (POST
// kf/customer/batchget). invalid lists the ids WeCom did not recognise.
// WeCom serves this even when the API switch is off.
func (c *Client) BatchGetCustomers(ctx context.Context, externalUserIDs []string, needEnterSessionContext bool) ([]Customer, []string, error) {
	const path = "kf/customer/batchget"
	if n := len(externalUserIDs); n == 0 || n > maxCustomerBatch {
		return nil, nil, invalid(path, "%d external_userids, want 1..%d", n, maxCustomerBatch)
	}
	need := 0
	if needEnterSessionContext {
		need = 1
	}
	body := struct {
		ExternalUserIDList []string `json:"external_userid_list"`
		NeedContext        int      `json:"need_enter_session_context"`
	}{externalUserIDs, need}
	r, err := jsonRequest(path, body)
	if err != nil {
		return nil, nil, err
	}
	var ans batchGetAnswer
	if err := c.call(ctx, r, &ans); err != nil {
		return nil, nil, err
	}
	return ans.CustomerList, ans.InvalidExternalUserID, nil
}
