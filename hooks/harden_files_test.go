package hooks_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

// fixtureFile returns the stored file name of a fixture message and a file
// token of each fixture agent.
func fixtureFile(t *testing.T, msgID string) (name, tok1, tok2 string) {
	t.Helper()
	app, err := tests.NewTestApp(inboxFixture(t))
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	m, err := app.FindRecordById("messages", msgID)
	if err != nil {
		t.Fatal(err)
	}
	tokens := make([]string, 2)
	for i, id := range []string{fxAgent1, fxAgent2} {
		a, err := app.FindRecordById("agents", id)
		if err != nil {
			t.Fatal(err)
		}
		if tokens[i], err = a.NewFileToken(); err != nil {
			t.Fatal(err)
		}
	}
	return m.GetString("media"), tokens[0], tokens[1]
}

// TestHardenMediaOnlyForWhoMaySeeIt: customer media is a protected file:
// PocketBase's file route serves it only with the file token of an agent
// who may view the conversation, and the inbox route checks the same.
func TestHardenMediaOnlyForWhoMaySeeIt(t *testing.T) {
	name, tok1, tok2 := fixtureFile(t, fxMsgImage)
	if name == "" {
		t.Fatal("the fixture image has no file")
	}
	file := "/api/files/messages/" + fxMsgImage + "/" + name
	c1, _ := session(t, fxAgent1)
	c2, _ := session(t, fxAgent2)
	notServed := []string{`"status":`}
	scenarios := []tests.ApiScenario{
		{Name: "file without a token", Method: http.MethodGet, URL: file, ExpectedStatus: 404, ExpectedContent: notServed},
		{Name: "thumbnail without a token", Method: http.MethodGet, URL: file + "?thumb=240x240f", ExpectedStatus: 404, ExpectedContent: notServed},
		{Name: "file with the token of an agent who may not see the conversation", Method: http.MethodGet,
			URL: file + "?token=" + tok2, ExpectedStatus: 404, ExpectedContent: notServed},
		{Name: "file with the token of the conversation's agent", Method: http.MethodGet,
			URL: file + "?token=" + tok1, ExpectedStatus: 200, ExpectedContent: []string{"PNG"}},
		{Name: "inbox media for another agent", Method: http.MethodGet, URL: "/inbox/media/" + fxMsgImage,
			Headers: map[string]string{"Cookie": c2}, ExpectedStatus: 403, ExpectedContent: []string{"<html"}},
		{Name: "inbox media for a guest", Method: http.MethodGet, URL: "/inbox/media/" + fxMsgImage,
			ExpectedStatus: 303, ExpectedContent: []string{}},
		{Name: "inbox media for the conversation's agent", Method: http.MethodGet, URL: "/inbox/media/" + fxMsgImage,
			Headers: map[string]string{"Cookie": c1}, ExpectedStatus: 200, ExpectedContent: []string{"PNG"}},
	}
	for _, s := range scenarios {
		s.TestAppFactory = inboxApp
		s.Test(t)
	}
}
