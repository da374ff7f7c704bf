package licensing

import (
	"fmt"
	"strings"

	"github.com/wedesk/wedesk/internal/license"
)

// Error codes of the JSON API and of ExpiredError.
const (
	CodeVoucherInvalid       = "voucher_invalid"
	CodeVoucherUsed          = "voucher_used"
	CodeVoucherTooSmall      = "voucher_too_small"
	CodeCreditsInsufficient  = "credits_insufficient"
	CodeOrganizationNotFound = "organization_not_found"
	CodeLicenseExpired       = "license_expired"
	CodeBadRequest           = "bad_request"
)

// Languages the messages exist in; LangZH is the default.
const (
	LangZH = "zh"
	LangEN = "en"
)

// messages holds every user-facing sentence of the package, per language.
var messages = map[string]map[string]string{
	LangZH: {
		CodeVoucherInvalid:       "券码无效：格式错误、签名不符或已被篡改。",
		CodeVoucherUsed:          "该券码已兑换过，每张券码只能兑换一次。",
		CodeVoucherTooSmall:      "券码面额不足：至少需要 4 个信用点数（一年许可）。",
		CodeCreditsInsufficient:  "信用点数不足：购买一年许可需要 4 个信用点数。",
		CodeOrganizationNotFound: "找不到该机构。",
		CodeLicenseExpired:       "该企业微信/公众号的许可已过期，续订前无法发送消息（仍会接收消息）。",
		CodeBadRequest:           "请求格式错误。",
	},
	LangEN: {
		CodeVoucherInvalid:       "Invalid voucher: malformed, wrongly signed or altered.",
		CodeVoucherUsed:          "This voucher has already been redeemed; each voucher is redeemed once.",
		CodeVoucherTooSmall:      "Voucher too small: at least 4 credits (one year of license) are required.",
		CodeCreditsInsufficient:  "Not enough credits: one year of license costs 4 credits.",
		CodeOrganizationNotFound: "Organization not found.",
		CodeLicenseExpired:       "The license for this WeCom/Official Account has expired: sending is disabled until it is renewed (messages are still received).",
		CodeBadRequest:           "Malformed request.",
	},
}

// Message returns the sentence for code in lang (Chinese unless lang starts with "en").
func Message(lang, code string) string {
	return messages[normLang(lang)][code]
}

// normLang maps an Accept-Language value or a ?lang= parameter to LangZH or LangEN.
func normLang(lang string) string {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(lang)), "en") {
		return LangEN
	}
	return LangZH
}

// statusWords names each status in Chinese and English.
var statusWords = map[license.Status][2]string{
	license.StatusTrial:    {"试用中", "trial"},
	license.StatusActive:   {"有效", "active"},
	license.StatusExpiring: {"即将到期", "expiring"},
	license.StatusExpired:  {"已过期", "expired"},
}

// statusLabel is the bilingual one-line summary stored in channels.license_status,
// e.g. "试用中 trial · 20 days left".
func statusLabel(s license.State) string {
	w := statusWords[s.Status]
	head := w[0] + " " + w[1]
	switch {
	case s.Status == license.StatusExpired:
		return fmt.Sprintf("%s · since %s", head, s.CoverUntil.In(license.Zone).Format("2006-01-02"))
	case s.InTrial && s.DaysLeft > s.TrialDaysLeft:
		return fmt.Sprintf("%s · %s, paid until %s", head, daysLeft(s.TrialDaysLeft), lastDay(s))
	case s.InTrial || s.Status == license.StatusExpiring:
		return fmt.Sprintf("%s · %s", head, daysLeft(s.DaysLeft))
	default:
		return fmt.Sprintf("%s · until %s", head, lastDay(s))
	}
}

func daysLeft(n int) string {
	if n == 1 {
		return "1 day left"
	}
	return fmt.Sprintf("%d days left", n)
}

func lastDay(s license.State) string { return s.LastDay().In(license.Zone).Format("2006-01-02") }
