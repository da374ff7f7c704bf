package inbox

import "testing"

func TestIsInboxPath(t *testing.T) {
	for p, want := range map[string]bool{
		"/inbox":                      true,
		"/inbox/conversations/abc":    true,
		"//evil.example/x":            false,
		"/\\evil.example/x":           false,
		"/inbox//evil.example":        false,
		"/inbox/\\evil":               false,
		"/api/collections/agents":     false,
		"":                            false,
		"/inboxevil":                  false,
		"/inbox/conversations/a\r\nX": false,
	} {
		if got := isInboxPath(p); got != want {
			t.Errorf("isInboxPath(%q) = %v, want %v", p, got, want)
		}
	}
}
