package contact

import (
	"errors"
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// pngSize is the side of the QR code images, in pixels: sharp when printed
// at 5 cm.
const pngSize = 512

// Handler serves the contact links to superusers.
type Handler struct {
	svc *Service
}

// NewHandler returns the handlers of svc.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// ShowContactLink is GET /api/wedesk/kf_accounts/{id}/contact/{scene}: the
// link as JSON, or with ".png" after the scene, its QR code.
func (h *Handler) ShowContactLink(e *core.RequestEvent) error {
	scene := e.Request.PathValue("scene")
	scene, png := strings.CutSuffix(scene, ".png")
	l, err := h.svc.Link(e.Request.Context(), e.Request.PathValue("id"), scene)
	if err != nil {
		return refuse(e, err)
	}
	if !png {
		return e.JSON(http.StatusOK, l)
	}
	b, err := PNG(l.URL, pngSize)
	if err != nil {
		return e.InternalServerError("Could not draw the QR code.", nil)
	}
	e.Response.Header().Set("Cache-Control", "private, max-age=3600")
	e.Response.Header().Set("Content-Disposition", `inline; filename="`+l.OpenKfID+"-"+l.Scene+`.png"`)
	return e.Blob(http.StatusOK, "image/png", b)
}

// ListContactLinks is GET /api/wedesk/contact_links: every account × scene,
// for the admin page.
func (h *Handler) ListContactLinks(e *core.RequestEvent) error {
	links, err := h.svc.List(e.Request.Context())
	if err != nil {
		e.App.Logger().Error("contact: list", "error", err)
		return e.InternalServerError("Could not list the contact links.", nil)
	}
	return e.JSON(http.StatusOK, map[string]any{"links": links, "scenes": Scenes})
}

func refuse(e *core.RequestEvent, err error) error {
	switch {
	case errors.Is(err, ErrUnknownScene), errors.Is(err, ErrNoAccount):
		return e.NotFoundError(err.Error(), nil)
	case errors.Is(err, ErrNotLinkable):
		return e.BadRequestError(err.Error(), nil)
	}
	e.App.Logger().Error("contact: link", "error", err)
	return e.InternalServerError("WeChat did not give a contact link: "+err.Error(), nil)
}
