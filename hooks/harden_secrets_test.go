package hooks_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/secrets"
)

// storedCredentials reads the channel's credential columns as data.db holds them.
func (h *harness) storedCredentials() []string {
	h.t.Helper()
	var row struct {
		Secret string `db:"secret"`
		Token  string `db:"token"`
		AESKey string `db:"aes_key"`
	}
	if err := h.app.DB().NewQuery("SELECT secret, token, aes_key FROM channels WHERE id = {:id}").
		Bind(map[string]any{"id": testChannelID}).One(&row); err != nil {
		h.t.Fatal(err)
	}
	return []string{row.Secret, row.Token, row.AESKey}
}

// TestHardenChannelSecretsSealedAtRest: data.db holds only ciphertext of
// the AppSecret, Token and EncodingAESKey, the key lives outside the data
// directory (mode 0600), the desk still works, and rotation re-seals.
func TestHardenChannelSecretsSealedAtRest(t *testing.T) {
	h := newHarness(t, hooks.Options{})
	plain := []string{testAccount.Secret, testAccount.Token, testAccount.EncodingAESKey}
	check := func(when string) {
		for i, v := range h.storedCredentials() {
			if !secrets.IsSealed(v) || strings.Contains(v, plain[i]) {
				t.Fatalf("%s: data.db holds %q for a credential", when, v)
			}
		}
	}
	check("after create")
	if os.Getenv(secrets.EnvKey) == "" {
		path := secrets.KeyFile(h.app.DataDir())
		st, err := os.Stat(path)
		if err != nil || st.Mode().Perm() != 0o600 || strings.HasPrefix(path, h.app.DataDir()+"/") {
			t.Fatalf("key file %s: %v %v, want mode 0600 outside the data dir", path, st, err)
		}
	}
	conv := h.openConversation("oUserSealed0001")
	if status, body := h.reply(h.agent, conv, "sealed but working"); status != 200 {
		t.Fatalf("reply: %d %s", status, body)
	}
	if _, err := h.sim.WaitSent(h.ctx(), testAccount.AppID, 1); err != nil {
		t.Fatalf("the channel does not work with sealed credentials: %v", err)
	}
	before := h.storedCredentials()
	var out bytes.Buffer
	if err := hooks.RotateSecrets(h.app, "", &out); err != nil {
		t.Fatal(err)
	}
	check("after rotation")
	if after := h.storedCredentials(); after[0] == before[0] {
		t.Fatal("rotation did not re-seal")
	}
	ch, err := h.app.FindRecordById("channels", testChannelID)
	if err != nil {
		t.Fatal(err)
	}
	if got := secrets.Open(ch.GetString("secret")); got != testAccount.Secret {
		t.Fatalf("after rotation the secret opens as %q", got)
	}
}
