package hooks_test

import (
	"bytes"
	"io"
	"net/http"
	"os/exec"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

// TestInboxVoice: browsers cannot play AMR, so the page plays it with the
// vendored AMR decoder; the server's MP3 conversion stays available when
// ffmpeg is installed, and a download always.
func TestInboxVoice(t *testing.T) {
	c1, _ := session(t, fxAgent1)
	_, err := exec.LookPath("ffmpeg")
	haveFFmpeg := err == nil
	page := tests.ApiScenario{Name: "voice message", Method: http.MethodGet, URL: "/inbox/conversations/" + fxConvMine,
		Headers: map[string]string{"Cookie": c1}, ExpectedStatus: 200,
		ExpectedContent: []string{"语音识别的文字", `/inbox/media/` + fxMsgVoice + `?download=1`}, TestAppFactory: inboxApp}
	// AMR plays in the browser through the vendored decoder (issue 9).
	page.ExpectedContent = append(page.ExpectedContent, `class="amr-play ghost" data-src="/inbox/media/`+fxMsgVoice+`"`)
	page.Test(t)

	download := tests.ApiScenario{Name: "voice download", Method: http.MethodGet, URL: "/inbox/media/" + fxMsgVoice + "?download=1",
		Headers: map[string]string{"Cookie": c1}, ExpectedStatus: 200, ExpectedContent: []string{"#!AMR"}, TestAppFactory: inboxApp,
		AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
			if !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") {
				t.Errorf("Content-Disposition = %q", res.Header.Get("Content-Disposition"))
			}
		}}
	download.Test(t)

	if !haveFFmpeg {
		t.Skip("no ffmpeg: the conversion is not available here")
	}
	mp3 := tests.ApiScenario{Name: "voice as mp3", Method: http.MethodGet, URL: "/inbox/media/" + fxMsgVoice + "?as=mp3",
		Headers: map[string]string{"Cookie": c1}, ExpectedStatus: 200, ExpectedContent: []string{"ID3"}, TestAppFactory: inboxApp,
		AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
			body, _ := io.ReadAll(res.Body)
			if ct := res.Header.Get("Content-Type"); ct != "audio/mpeg" || bytes.Contains(body, []byte("#!AMR")) {
				t.Errorf("Content-Type = %q, %d bytes", ct, len(body))
			}
		}}
	mp3.Test(t)
}
