package ingest

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
)

func TestRedactLogBlanksCustomerAndSignatures(t *testing.T) {
	r := httptest.NewRequest("POST", "/callback/ch1?openid=oSecretCustomer&signature=abc123&msg_signature=def456&encrypt_type=aes", nil)
	e := &core.RequestEvent{}
	e.Request = r
	if err := RedactLog(e); err != nil {
		t.Fatal(err)
	}
	uri := e.Request.URL.RequestURI()
	for _, secret := range []string{"oSecretCustomer", "abc123", "def456"} {
		if strings.Contains(uri, secret) {
			t.Errorf("logged URL %q keeps %q", uri, secret)
		}
	}
	if !strings.Contains(uri, "encrypt_type=aes") {
		t.Errorf("logged URL %q lost the harmless parameters", uri)
	}
}
