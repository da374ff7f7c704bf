package inbox

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/internal/store"
)

// maxRemark is the remark name's length, as the customers.remark field.
const maxRemark = 100

var errRemarkTooLong = errors.New("inbox: the remark name is too long (100 characters at most)")

// SetCustomerRemark is POST /inbox/customers/{id}/remark: the name agents
// give a customer (备注名); empty clears it.
func (h *Handler) SetCustomerRemark(e *core.RequestEvent) error {
	return h.editCustomer(e, func(c *store.Customer) error {
		remark := strings.Join(strings.Fields(e.Request.FormValue("remark")), " ")
		if utf8.RuneCountInString(remark) > maxRemark {
			return errRemarkTooLong
		}
		c.Set("remark", remark)
		return nil
	})
}
