package wechatsim

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Sentinel errors of the simulator's Go API.
var (
	// ErrUnknownAccount: the AppID was never registered with AddAccount.
	ErrUnknownAccount = errors.New("wechatsim: unknown account")
	// ErrNoCallbackURL: the account has no server URL configured.
	ErrNoCallbackURL = errors.New("wechatsim: no callback url configured")
	// ErrNotAcknowledged: every push attempt timed out or got a non-200 answer.
	ErrNotAcknowledged = errors.New("wechatsim: push not acknowledged")
	// ErrInvalidReply: the account server answered 200 with a body WeChat
	// rejects (the user would see "该公众号暂时无法提供服务，请稍后再试").
	ErrInvalidReply = errors.New("wechatsim: invalid passive reply")
	// ErrVerifyFailed: the URL check GET did not get echostr back verbatim.
	ErrVerifyFailed = errors.New("wechatsim: url verification failed")
)

// Options tune the simulator. Zero values get WeChat's defaults.
type Options struct {
	// Now is the simulator's clock (token expiry, windows, CreateTime).
	Now func() time.Time
	// TokenTTL is the access-token lifetime; default 7200 s.
	TokenTTL time.Duration
	// Quota is how many customer-service messages one user message allows;
	// default 5 (§4.2).
	Quota int
	// Window is how long a user message keeps the send window open;
	// default 48 h.
	Window time.Duration
	// PushTimeout is how long WeChat waits for a callback answer; default
	// 5 s (§2.5). Tests shorten it.
	PushTimeout time.Duration
	// RetryDelay is the pause between push attempts; default 0 because
	// WeChat does not document its retry spacing.
	RetryDelay time.Duration
	// KFSyncWithoutToken is how many kf/sync_msg calls without a callback
	// token a corp may make per minute before 45009; default 10 (WeCom
	// only says such calls are strictly rate-limited).
	KFSyncWithoutToken int
}

// Account is an Official Account registered with the simulator.
type Account struct {
	AppID, Secret, Token, EncodingAESKey string
	// OriginalID is the account's original id (gh_…), the ToUserName of pushes.
	OriginalID string
}

// Server plays WeChat's API servers and push sender for Official Accounts.
// It is an http.Handler; all methods are safe for concurrent use.
type Server struct {
	opts   Options
	client *http.Client

	mu          sync.Mutex
	accounts    map[string]*account
	tokens      map[string]*accessToken
	media       map[string]*mediaItem
	injected    map[string][]injection
	baseURL     string
	learnedBase bool // baseURL came from a request, not SetBaseURL
	down        bool
	drop        bool
	changed     chan struct{} // closed and replaced whenever something is recorded
	msgIDs      uint64
	templates   int64

	kfCorps   map[string]*kfCorp
	kfTokens  map[string]*kfToken
	kfLatency map[string]time.Duration
	// latency delays the answer of an Official Account path after it took effect.
	latency map[string]time.Duration

	bg     context.Context
	stop   context.CancelFunc
	bgWait sync.WaitGroup
}

// injection is one queued fault for an API path.
type injection struct {
	errcode int
	times   int
}

// New returns a simulator with no accounts.
func New(opts Options) *Server {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.TokenTTL <= 0 {
		opts.TokenTTL = 7200 * time.Second
	}
	if opts.Quota <= 0 {
		opts.Quota = 5
	}
	if opts.Window <= 0 {
		opts.Window = 48 * time.Hour
	}
	if opts.PushTimeout <= 0 {
		opts.PushTimeout = 5 * time.Second
	}
	if opts.KFSyncWithoutToken <= 0 {
		opts.KFSyncWithoutToken = 10
	}
	bg, stop := context.WithCancel(context.Background())
	s := &Server{
		opts:      opts,
		client:    &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()},
		accounts:  map[string]*account{},
		tokens:    map[string]*accessToken{},
		media:     map[string]*mediaItem{},
		injected:  map[string][]injection{},
		changed:   make(chan struct{}),
		kfCorps:   map[string]*kfCorp{},
		kfTokens:  map[string]*kfToken{},
		kfLatency: map[string]time.Duration{},
		latency:   map[string]time.Duration{},
		// Seed MsgIds so they look like real 17-digit ids and keep growing
		// across simulator restarts.
		msgIDs:    24_000_000_000_000_000 + uint64(opts.Now().Unix())*1000,
		templates: 3_000_000_000 + opts.Now().Unix(),
		bg:        bg,
		stop:      stop,
	}
	return s
}

// Close stops background pushes (template receipts) and waits for them.
func (s *Server) Close() {
	s.stop()
	s.bgWait.Wait()
	s.client.CloseIdleConnections()
}

// AddAccount registers (or replaces the credentials of) an Official Account.
func (s *Server) AddAccount(a Account) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if acct, ok := s.accounts[a.AppID]; ok {
		acct.Account = a
		acct.crypter = nil
		return
	}
	s.accounts[a.AppID] = newAccount(a)
}

// SetCallbackURL sets the account's server URL (the console's "URL" field).
func (s *Server) SetCallbackURL(appID, url string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if acct, ok := s.accounts[appID]; ok {
		acct.callbackURL = url
	}
}

// SetBaseURL tells the simulator its own public URL, used for PicUrl and
// video_url. Without it the simulator uses the host of the last API request.
func (s *Server) SetBaseURL(url string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.baseURL = strings.TrimRight(url, "/")
	s.learnedBase = false
}

// SetDown makes every API call answer HTTP 503 (true) or work again (false).
func (s *Server) SetDown(down bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = down
}

// SetDrop makes every API call lose its connection without an answer.
func (s *Server) SetDrop(drop bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.drop = drop
}

// InjectError makes the next times calls to the API path (e.g.
// "/cgi-bin/message/custom/send") answer errcode instead of being served.
func (s *Server) InjectError(path string, errcode, times int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.injected[path] = append(s.injected[path], injection{errcode: errcode, times: times})
}

// takeInjected pops one injected fault for path, if any. Caller holds s.mu.
func (s *Server) takeInjected(path string) (int, bool) {
	q := s.injected[path]
	if len(q) == 0 {
		return 0, false
	}
	code := q[0].errcode
	if q[0].times--; q[0].times <= 0 {
		q = q[1:]
	}
	s.injected[path] = q
	return code, true
}

// notify wakes WaitSent callers. Caller holds s.mu.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// maxAPIBody bounds request bodies; the largest legal one is a 10 MB video.
const maxAPIBody = 12 << 20

// ServeHTTP answers WeChat API paths and the simulator's media URLs.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	if s.baseURL == "" || s.learnedBase {
		s.learnBase(r)
	}
	down, drop := s.down, s.drop
	s.mu.Unlock()
	if drop {
		dropConnection(w)
		return
	}
	if down {
		http.Error(w, "service unavailable", http.StatusServiceUnavailable)
		return
	}
	if strings.HasPrefix(r.URL.Path, mediaFilePrefix) {
		s.serveMediaFile(w, r)
		return
	}
	ep, ok, fail, limit := s.pickRoute(r)
	if !ok {
		http.NotFound(w, r)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, limit))
	if err != nil {
		fail(w, ErrcodeSystemError)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	s.countTokenFetch(r, body)
	s.countKFTokenFetch(r)
	s.mu.Lock()
	code, injected := s.takeInjected(r.URL.Path)
	s.mu.Unlock()
	switch {
	case injected:
		fail(w, code)
	case r.Method != ep.method && ep.method == http.MethodPost:
		fail(w, ErrcodeRequirePOST)
	case r.Method != ep.method:
		fail(w, ErrcodeRequireGET)
	default:
		s.serveDelayed(ep, w, r, body)
	}
}

// learnBase remembers the simulator's own URL from a request. Caller holds s.mu.
func (s *Server) learnBase(r *http.Request) {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	s.baseURL = scheme + "://" + r.Host
	s.learnedBase = true
}

// dropConnection closes the TCP connection without writing a response.
func dropConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}
