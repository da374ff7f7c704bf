package licensing

import (
	"crypto/ed25519"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/voucher"
)

// Handlers serves the license JSON API. The zero value uses the wall clock
// and voucher.PublicKey (WEDESK_VOUCHER_PUBKEY or the built-in key); tests
// set Now and PublicKey. Bind the methods under apis.RequireSuperuserAuth();
// each also refuses non-superusers itself, so a wiring slip cannot open them.
type Handlers struct {
	Now       func() time.Time
	PublicKey ed25519.PublicKey
}

// RedeemVoucher serves POST /api/wedesk/credits/redeem with {"voucher": "WDV1...."}.
func RedeemVoucher(e *core.RequestEvent) error { return Handlers{}.RedeemVoucher(e) }

// BuyLicense serves POST /api/wedesk/organizations/{id}/buy.
func BuyLicense(e *core.RequestEvent) error { return Handlers{}.BuyLicense(e) }

// ShowLicense serves GET /api/wedesk/license.
func ShowLicense(e *core.RequestEvent) error { return Handlers{}.ShowLicense(e) }

// RedeemResponse is the 200 body of RedeemVoucher.
type RedeemResponse struct {
	Balance   int    `json:"balance"`
	Credits   int    `json:"credits"`
	VoucherID string `json:"voucher_id"`
}

// BuyResponse is the 200 body of BuyLicense.
type BuyResponse struct {
	Balance      int              `json:"balance"`
	License      PeriodView       `json:"license"`
	Organization OrganizationView `json:"organization"`
}

// APIError is the body of every refusal: a stable code and a sentence in
// the caller's language (?lang=en or Accept-Language: en…; Chinese otherwise).
type APIError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// RedeemVoucher adds a voucher's credits to the balance.
func (h Handlers) RedeemVoucher(e *core.RequestEvent) error {
	if err := requireSuperuser(e); err != nil {
		return err
	}
	var in struct {
		Voucher string `json:"voucher" form:"voucher"`
	}
	if err := e.BindBody(&in); err != nil || strings.TrimSpace(in.Voucher) == "" {
		return refuse(e, http.StatusBadRequest, CodeVoucherInvalid)
	}
	pub, err := h.publicKey()
	if err != nil {
		return e.InternalServerError("licensing: no voucher key configured", err)
	}
	r, err := Redeem(e.App, in.Voucher, pub, h.now())
	if err != nil {
		return h.fail(e, err)
	}
	return e.JSON(http.StatusOK, RedeemResponse{Balance: r.Balance, Credits: r.Credits, VoucherID: r.VoucherID})
}

// BuyLicense spends 4 credits on one more year for the organization {id}
// (its record id; an app_id is accepted too).
func (h Handlers) BuyLicense(e *core.RequestEvent) error {
	if err := requireSuperuser(e); err != nil {
		return err
	}
	id := e.Request.PathValue("id")
	if _, err := FindOrganizationByID(e.App, id); errors.Is(err, ErrOrganizationNotFound) {
		if org, err := FindOrganizationByAppID(e.App, id); err == nil {
			id = org.Id
		}
	}
	now := h.now()
	p, err := BuyYear(e.App, id, now)
	if err != nil {
		return h.fail(e, err)
	}
	org, err := FindOrganizationByID(e.App, p.OrganizationID)
	if err != nil {
		return h.fail(e, err)
	}
	rules, err := rulesOf(e.App, org)
	if err != nil {
		return h.fail(e, err)
	}
	return e.JSON(http.StatusOK, BuyResponse{
		Balance:      p.Balance,
		License:      periodView(p.Period, now),
		Organization: organizationView(org, rules, now),
	})
}

// ShowLicense returns the Overview for the admin page.
func (h Handlers) ShowLicense(e *core.RequestEvent) error {
	if err := requireSuperuser(e); err != nil {
		return err
	}
	ov, err := BuildOverview(e.App, h.now())
	if err != nil {
		return e.InternalServerError("licensing: overview failed", err)
	}
	return e.JSON(http.StatusOK, ov)
}

// fail maps a refusal to its code; anything else is a 500.
func (h Handlers) fail(e *core.RequestEvent, err error) error {
	switch {
	case errors.Is(err, voucher.ErrTooSmall):
		return refuse(e, http.StatusBadRequest, CodeVoucherTooSmall)
	case errors.Is(err, voucher.ErrInvalid):
		return refuse(e, http.StatusBadRequest, CodeVoucherInvalid)
	case errors.Is(err, ErrVoucherUsed):
		return refuse(e, http.StatusBadRequest, CodeVoucherUsed)
	case errors.Is(err, ErrCreditsInsufficient):
		return refuse(e, http.StatusBadRequest, CodeCreditsInsufficient)
	case errors.Is(err, ErrOrganizationNotFound):
		return refuse(e, http.StatusNotFound, CodeOrganizationNotFound)
	}
	return e.InternalServerError("licensing: request failed", err)
}

func refuse(e *core.RequestEvent, status int, code string) error {
	lang := e.Request.URL.Query().Get("lang")
	if lang == "" {
		lang = e.Request.Header.Get("Accept-Language")
	}
	return e.JSON(status, APIError{Code: code, Message: Message(lang, code)})
}

func requireSuperuser(e *core.RequestEvent) error {
	if e.Auth == nil {
		return e.UnauthorizedError("The request requires superuser authorization token.", nil)
	}
	if !e.HasSuperuserAuth() {
		return e.ForbiddenError("Only superusers can perform this action.", nil)
	}
	return nil
}

func (h Handlers) now() time.Time {
	if h.Now != nil {
		return h.Now()
	}
	return time.Now()
}

func (h Handlers) publicKey() (ed25519.PublicKey, error) {
	if h.PublicKey != nil {
		return h.PublicKey, nil
	}
	return voucher.PublicKey()
}
