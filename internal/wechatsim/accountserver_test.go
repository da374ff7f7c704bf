package wechatsim

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wedesk/wedesk/internal/wxcrypto"
)

// gotPush is one push as an independent account server saw it.
type gotPush struct {
	query  url.Values
	raw    []byte
	plain  []byte
	fields map[string]string // leaf element name → text
}

func (p gotPush) field(name string) string { return p.fields[name] }

// replier answers the n-th (1-based) push the account server received.
type replier func(w http.ResponseWriter, r *http.Request, p gotPush, n int)

func replySuccess(w http.ResponseWriter, _ *http.Request, _ gotPush, _ int) {
	_, _ = io.WriteString(w, "success")
}

// accountServer is a stand-in for an Official Account's server, checking
// everything a real one must with wxcrypto.
type accountServer struct {
	*httptest.Server
	acct    Account
	crypter *wxcrypto.Crypter
	reply   replier

	mu     sync.Mutex
	get    http.HandlerFunc // replaces the URL-check answer when set
	pushes []gotPush
	errs   []string
}

func newAccountServer(t testing.TB, acct Account, reply replier) *accountServer {
	t.Helper()
	c, err := wxcrypto.NewCrypter(acct.Token, acct.EncodingAESKey, acct.AppID)
	if err != nil {
		t.Fatal(err)
	}
	as := &accountServer{acct: acct, crypter: c, reply: reply}
	as.Server = httptest.NewServer(http.HandlerFunc(as.serve))
	t.Cleanup(func() {
		as.Close()
		as.mu.Lock()
		defer as.mu.Unlock()
		for _, e := range as.errs {
			t.Errorf("account server: %s", e)
		}
	})
	return as
}

func (as *accountServer) fail(w http.ResponseWriter, format string, args ...any) {
	as.mu.Lock()
	as.errs = append(as.errs, fmt.Sprintf(format, args...))
	as.mu.Unlock()
	http.Error(w, "bad push", http.StatusBadRequest)
}

func (as *accountServer) serve(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("signature") != wxcrypto.Signature(as.acct.Token, q.Get("timestamp"), q.Get("nonce")) {
		as.fail(w, "signature mismatch")
		return
	}
	if r.Method == http.MethodGet {
		as.mu.Lock()
		get := as.get
		as.mu.Unlock()
		if get != nil {
			get(w, r)
			return
		}
		_, _ = io.WriteString(w, q.Get("echostr"))
		return
	}
	raw, _ := io.ReadAll(r.Body)
	if ct := r.Header.Get("Content-Type"); ct != "text/xml" {
		as.fail(w, "Content-Type %q", ct)
		return
	}
	p := gotPush{query: q, raw: raw, plain: raw}
	if q.Get("encrypt_type") == "aes" {
		var env struct {
			Encrypt string `xml:"Encrypt"`
		}
		if err := xml.Unmarshal(raw, &env); err != nil {
			as.fail(w, "envelope: %v", err)
			return
		}
		if q.Get("msg_signature") != wxcrypto.Signature(as.acct.Token, q.Get("timestamp"), q.Get("nonce"), env.Encrypt) {
			as.fail(w, "msg_signature mismatch")
			return
		}
		plain, err := as.crypter.Decrypt(env.Encrypt)
		if err != nil {
			as.fail(w, "decrypt: %v", err)
			return
		}
		p.plain = plain
	}
	p.fields = leafFields(p.plain)
	as.mu.Lock()
	as.pushes = append(as.pushes, p)
	n := len(as.pushes)
	as.mu.Unlock()
	as.reply(w, r, p, n)
}

// leafFields maps each leaf element of an XML document to its text.
func leafFields(doc []byte) map[string]string {
	out := map[string]string{}
	d := xml.NewDecoder(strings.NewReader(string(doc)))
	var name string
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			return out
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			name = tk.Name.Local
			text.Reset()
		case xml.CharData:
			text.Write(tk)
		case xml.EndElement:
			if name == tk.Name.Local {
				out[name] = text.String()
			}
			name = ""
		}
	}
}

// onGet replaces the server's URL-check answer.
func (as *accountServer) onGet(h http.HandlerFunc) {
	as.mu.Lock()
	defer as.mu.Unlock()
	as.get = h
}

func (as *accountServer) received() []gotPush {
	as.mu.Lock()
	defer as.mu.Unlock()
	return append([]gotPush(nil), as.pushes...)
}

func (as *accountServer) last(t testing.TB) gotPush {
	t.Helper()
	got := as.received()
	if len(got) == 0 {
		t.Fatal("account server received nothing")
	}
	return got[len(got)-1]
}

// waitPushes waits until the server has received n pushes.
func (as *accountServer) waitPushes(t testing.TB, n int) []gotPush {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if got := as.received(); len(got) >= n {
			return got
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("account server got %d pushes, want %d", len(as.received()), n)
	return nil
}
