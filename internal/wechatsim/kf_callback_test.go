package wechatsim

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"
)

func TestKFCallbackEnvelope(t *testing.T) {
	e := newKFEnv(t, Options{})
	d, err := e.customer(testUser).SendText(context.Background(), "你好")
	if err != nil {
		t.Fatal(err)
	}
	if d.Attempts != 1 || d.MsgID == "" {
		t.Fatalf("delivery %+v", d)
	}
	cb := e.rc.last(t)
	want := kfCallback{ToUserName: testCorp.CorpID, Event: "kf_msg_or_event", Token: cb.Token, OpenKfID: testKF, ReceiveID: testCorp.CorpID}
	if cb != want || len(cb.Token) < 20 {
		t.Fatalf("callback %+v, want %+v", cb, want)
	}
	p := e.sync(t, map[string]any{"token": cb.Token}, 0)
	if len(p.msgs) != 1 || p.msgs[0]["msgid"] != d.MsgID {
		t.Fatalf("sync with the callback token: %v", p.msgs)
	}
}

func TestKFCallbackAnswers(t *testing.T) {
	tests := []struct {
		name     string
		status   int
		body     string
		attempts int
		err      error
	}{
		{"empty 200", 0, "", 1, nil},
		{"success", 0, "success", 1, nil},
		{"other body", 0, "<xml/>", 1, ErrInvalidReply},
		{"server error retried", http.StatusInternalServerError, "", 3, ErrNotAcknowledged},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newKFEnv(t, Options{})
			e.rc.status, e.rc.body = tt.status, tt.body
			d, err := e.customer(testUser).Fire(context.Background())
			if !errors.Is(err, tt.err) || (err == nil) != (tt.err == nil) || d.Attempts != tt.attempts {
				t.Fatalf("Fire = %+v, %v; want %d attempts, %v", d, err, tt.attempts, tt.err)
			}
		})
	}
}

func TestKFCallbackTimeout(t *testing.T) {
	e := newKFEnv(t, Options{PushTimeout: 50 * time.Millisecond})
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { time.Sleep(200 * time.Millisecond) })
	srv := newServer(t, slow)
	corp := testCorp
	corp.CallbackURL = srv
	e.sim.AddKFCorp(corp)
	d, err := e.sim.KFFire(context.Background(), testCorp.CorpID, testKF)
	if !errors.Is(err, ErrNotAcknowledged) || d.Attempts != 3 {
		t.Fatalf("KFFire = %+v, %v", d, err)
	}
}

func TestVerifyKFURL(t *testing.T) {
	e := newKFEnv(t, Options{})
	if err := e.sim.VerifyKFURL(context.Background(), testCorp.CorpID); err != nil {
		t.Fatal(err)
	}
	echoRaw := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(r.URL.Query().Get("echostr"))) })
	corp := testCorp
	corp.CallbackURL = newServer(t, echoRaw)
	e.sim.AddKFCorp(corp)
	if err := e.sim.VerifyKFURL(context.Background(), testCorp.CorpID); !errors.Is(err, ErrVerifyFailed) {
		t.Fatalf("echoing the ciphertext: %v, want ErrVerifyFailed", err)
	}
	if err := e.sim.VerifyKFURL(context.Background(), "wwnope"); !errors.Is(err, ErrUnknownKFCorp) {
		t.Fatalf("unknown corp: %v", err)
	}
}
