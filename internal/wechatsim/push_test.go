package wechatsim

import (
	"context"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

func newPushEnv(t *testing.T, reply replier) (*simEnv, *accountServer) {
	t.Helper()
	return newPushEnvTimeout(t, reply, 3*time.Second)
}

// newPushEnvTimeout is newPushEnv with a shorter push deadline, for tests of
// slow servers.
func newPushEnvTimeout(t *testing.T, reply replier, timeout time.Duration) (*simEnv, *accountServer) {
	t.Helper()
	e := newEnv(t, Options{PushTimeout: timeout})
	as := newAccountServer(t, testAccount, reply)
	e.sim.SetCallbackURL(testAccount.AppID, as.URL+"/wx")
	return e, as
}

func TestPushSafeMode(t *testing.T) {
	e, as := newPushEnv(t, replySuccess)
	d, err := e.sim.Customer(testAccount.AppID, "oSafe").SendText(context.Background(), "你好 ]]> <b>")
	if err != nil || d.Attempts != 1 || d.Status != 200 || d.Body != "success" || d.Reply != nil {
		t.Fatalf("delivery %+v, %v", d, err)
	}
	p := as.last(t)
	var keys []string
	for k := range p.query {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if strings.Join(keys, ",") != "encrypt_type,msg_signature,nonce,openid,signature,timestamp" {
		t.Fatalf("query keys %v", keys)
	}
	if p.query.Get("openid") != "oSafe" || p.query.Get("timestamp") != strconv.FormatInt(e.clock.Now().Unix(), 10) {
		t.Fatalf("query %v", p.query)
	}
	var env struct {
		XMLName    xml.Name
		ToUserName string `xml:"ToUserName"`
		Encrypt    string `xml:"Encrypt"`
		Content    string `xml:"Content"`
	}
	if err := xml.Unmarshal(p.raw, &env); err != nil || env.XMLName.Local != "xml" || env.ToUserName != testAccount.OriginalID || env.Content != "" {
		t.Fatalf("safe envelope %s", p.raw)
	}
	want := map[string]string{
		"ToUserName": testAccount.OriginalID, "FromUserName": "oSafe", "MsgType": "text",
		"Content": "你好 ]]> <b>", "MsgId": d.MsgID, "CreateTime": strconv.FormatInt(e.clock.Now().Unix(), 10),
	}
	for k, v := range want {
		if p.field(k) != v {
			t.Errorf("%s = %q, want %q", k, p.field(k), v)
		}
	}
}

func TestPushMessageShapes(t *testing.T) {
	e, as := newPushEnv(t, replySuccess)
	c := e.sim.Customer(testAccount.AppID, "oShapes")
	ctx := context.Background()
	tests := []struct {
		name    string
		send    func() (*Delivery, error)
		msgType string
		fields  map[string]string // "" value: must be present
		absent  []string
	}{
		{"text", func() (*Delivery, error) { return c.SendText(ctx, "hi") }, "text", map[string]string{"Content": "hi"}, nil},
		{"image", func() (*Delivery, error) { return c.SendImage(ctx, pngBytes(t), "x.png") }, "image", map[string]string{"PicUrl": "", "MediaId": ""}, nil},
		{"voice", func() (*Delivery, error) { return c.SendVoice(ctx, amrBytes) }, "voice", map[string]string{"MediaId": "", "Format": "amr"}, nil},
		{"video", func() (*Delivery, error) { return c.SendVideo(ctx, mp4Bytes, jpegBytes(t)) }, "video", map[string]string{"MediaId": "", "ThumbMediaId": ""}, nil},
		{"shortvideo", func() (*Delivery, error) { return c.SendShortVideo(ctx, mp4Bytes, jpegBytes(t)) }, "shortvideo", map[string]string{"MediaId": "", "ThumbMediaId": ""}, nil},
		{"location", func() (*Delivery, error) { return c.SendLocation(ctx, 23.134521, 113.358803, 20, "广州") }, "location",
			map[string]string{"Location_X": "23.134521", "Location_Y": "113.358803", "Scale": "20", "Label": "广州"}, nil},
		{"link", func() (*Delivery, error) { return c.SendLink(ctx, "T", "D", "https://example.com/a") }, "link",
			map[string]string{"Title": "T", "Description": "D", "Url": "https://example.com/a"}, nil},
		{"menu tap", func() (*Delivery, error) { return c.SendMenuTap(ctx, "101", "满意") }, "text", map[string]string{"Content": "满意", "bizmsgmenuid": "101"}, nil},
		{"subscribe by QR", func() (*Delivery, error) {
			return c.SendEvent(ctx, "subscribe", "qrscene_123", map[string]string{"Ticket": "TICKET"})
		}, "event", map[string]string{"Event": "subscribe", "EventKey": "qrscene_123", "Ticket": "TICKET"}, []string{"MsgId"}},
		{"location event", func() (*Delivery, error) {
			return c.SendEvent(ctx, "LOCATION", "", map[string]string{"Latitude": "23.1", "Longitude": "113.3", "Precision": "119.4"})
		}, "event", map[string]string{"Event": "LOCATION", "Latitude": "23.1"}, []string{"EventKey", "MsgId"}},
	}
	var ids []uint64
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := tt.send()
			if err != nil {
				t.Fatal(err)
			}
			p := as.last(t)
			if p.field("MsgType") != tt.msgType {
				t.Fatalf("MsgType %q", p.field("MsgType"))
			}
			for k, v := range tt.fields {
				if got, ok := p.fields[k]; !ok || (v != "" && got != v) {
					t.Errorf("%s = %q (present %t), want %q", k, got, ok, v)
				}
			}
			for _, k := range tt.absent {
				if _, ok := p.fields[k]; ok {
					t.Errorf("%s should be absent", k)
				}
			}
			if tt.msgType != "event" {
				id, err := strconv.ParseUint(d.MsgID, 10, 64)
				if err != nil || p.field("MsgId") != d.MsgID {
					t.Fatalf("MsgId %q / %q", d.MsgID, p.field("MsgId"))
				}
				ids = append(ids, id)
			}
		})
	}
	if !slices.IsSorted(ids) || len(slices.Compact(slices.Clone(ids))) != len(ids) {
		t.Fatalf("MsgIds not unique and increasing: %v", ids)
	}
}

func TestPushModes(t *testing.T) {
	tests := []struct {
		mode                   Mode
		encrypted, plainFields bool
	}{
		{ModeSafe, true, false},
		{ModeCompatible, true, true},
		{ModePlain, false, true},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(int(tt.mode)), func(t *testing.T) {
			e, as := newPushEnv(t, replySuccess)
			if _, err := e.sim.Customer(testAccount.AppID, "oMode").PushMode(tt.mode).SendText(context.Background(), "mode test"); err != nil {
				t.Fatal(err)
			}
			p := as.last(t)
			raw := string(p.raw)
			if strings.Contains(raw, "<Encrypt>") != tt.encrypted || (p.query.Get("encrypt_type") == "aes") != tt.encrypted ||
				(p.query.Get("msg_signature") != "") != tt.encrypted {
				t.Fatalf("encryption markers wrong: %v %s", p.query, raw)
			}
			if (p.query.Get("openid") == "oMode") != tt.encrypted {
				t.Fatalf("openid in query = %q", p.query.Get("openid"))
			}
			if strings.Contains(raw, "mode test") != tt.plainFields {
				t.Fatalf("plaintext fields in body = %t: %s", !tt.plainFields, raw)
			}
			if p.field("Content") != "mode test" {
				t.Fatalf("decoded Content %q", p.field("Content"))
			}
		})
	}
}

func TestPushRetries(t *testing.T) {
	slow := func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
		}
	}
	tests := []struct {
		name     string
		reply    replier
		attempts int
		wantErr  error
	}{
		{"500 twice then success", func(w http.ResponseWriter, r *http.Request, p gotPush, n int) {
			if n <= 2 {
				w.WriteHeader(http.StatusInternalServerError)
				return
			}
			replySuccess(w, r, p, n)
		}, 3, nil},
		{"slow twice then success", func(w http.ResponseWriter, r *http.Request, p gotPush, n int) {
			if n <= 2 {
				slow(w, r)
				return
			}
			replySuccess(w, r, p, n)
		}, 3, nil},
		{"always 503", func(w http.ResponseWriter, _ *http.Request, _ gotPush, _ int) {
			w.WriteHeader(http.StatusServiceUnavailable)
		}, 3, ErrNotAcknowledged},
		{"JSON answer is not retried", func(w http.ResponseWriter, _ *http.Request, _ gotPush, _ int) {
			_, _ = io.WriteString(w, `{"ok":true}`)
		}, 1, ErrInvalidReply},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, as := newPushEnvTimeout(t, tt.reply, 300*time.Millisecond)
			d, err := e.sim.Customer(testAccount.AppID, "oRetry").SendText(context.Background(), "again?")
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			got := as.waitPushes(t, tt.attempts)
			if d.Attempts != tt.attempts || len(got) != tt.attempts {
				t.Fatalf("attempts %d, server saw %d, want %d", d.Attempts, len(got), tt.attempts)
			}
			for _, p := range got {
				if p.field("MsgId") != d.MsgID || p.field("CreateTime") != got[0].field("CreateTime") {
					t.Fatalf("retry changed MsgId/CreateTime: %v vs %v", p.fields, got[0].fields)
				}
			}
			if tt.attempts > 1 && got[0].query.Get("nonce") == got[1].query.Get("nonce") {
				t.Fatal("retries reuse the nonce")
			}
		})
	}
}

func TestPushTargetErrors(t *testing.T) {
	e := newEnv(t, Options{})
	if _, err := e.sim.Customer("wxunknown", "o1").SendText(context.Background(), "x"); !errors.Is(err, ErrUnknownAccount) {
		t.Fatalf("unknown account: %v", err)
	}
	if _, err := e.sim.Customer(testAccount.AppID, "o1").SendText(context.Background(), "x"); !errors.Is(err, ErrNoCallbackURL) {
		t.Fatalf("no callback url: %v", err)
	}
	if err := e.sim.VerifyURL(context.Background(), testAccount.AppID); !errors.Is(err, ErrNoCallbackURL) {
		t.Fatalf("verify without url: %v", err)
	}
}

func TestVerifyURL(t *testing.T) {
	tests := []struct {
		name  string
		serve http.HandlerFunc
		ok    bool
	}{
		{"echoes", nil, true},
		{"adds a newline", func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.WriteString(w, r.URL.Query().Get("echostr")+"\n")
		}, false},
		{"answers success", func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "success") }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, as := newPushEnv(t, replySuccess)
			if tt.serve != nil {
				as.onGet(tt.serve)
			}
			err := e.sim.VerifyURL(context.Background(), testAccount.AppID)
			if (err == nil) != tt.ok || (!tt.ok && !errors.Is(err, ErrVerifyFailed)) {
				t.Fatalf("VerifyURL = %v", err)
			}
		})
	}
}
