package wechatsim

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/wedesk/wedesk/internal/wxcrypto"
)

// Sentinel errors of the kf side's Go API.
var (
	// ErrUnknownKFCorp: the CorpID was never registered with AddKFCorp.
	ErrUnknownKFCorp = errors.New("wechatsim: unknown kf corp")
	// ErrUnknownKFAccount: the open_kfid was never added with AddKFAccount.
	ErrUnknownKFAccount = errors.New("wechatsim: unknown kf account")
	// ErrBadOpenKfID: open_kfids start with "wk"; "kfc…" is the link id.
	ErrBadOpenKfID = errors.New("wechatsim: open_kfid must start with wk")
)

// kfCorp is the simulator's state for one WeCom corp.
type kfCorp struct {
	KFCorp
	crypter      *wxcrypto.Crypter // built lazily from KFCorp
	token        *kfToken          // current gettoken token
	tokenFetches int

	accounts     map[string]*kfAccount
	accountOrder []string
	customers    map[string]*KFProfile // external_userid → profile
	sessions     map[kfKey]*kfSession
	codes        map[string]*kfEventCode

	log         []*kfMsg // sync_msg log, seq ascending
	cursors     map[string]kfCursor
	cursorOf    map[kfCursor]string
	syncTokens  map[string]*kfSyncToken
	untokened   []time.Time // sync_msg calls without token, for the rate limit
	syncHiccups int         // next sync_msg calls that answer an empty page

	sent       []KFSentMessage
	mediaNames map[string]string // media_id → file name, for Content-disposition
}

// kfAccount is one 微信客服 account (open_kfid).
type kfAccount struct {
	openKfID, name string
	servicers      map[string]int  // userid → 1 receiving, 2 stopped
	msgIDs         map[string]bool // msgids used by send_msg / send_msg_on_event
}

// kfKey names a session: one customer with one account.
type kfKey struct{ openKfID, externalUserID string }

// kfSession is the state of one customer with one account (§5, §7).
type kfSession struct {
	state    int
	servicer string
	// lastMessage opened the send window; sendsLeft is its remaining quota.
	lastMessage time.Time
	sendsLeft   int
	lastWelcome time.Time
	// gotQueueCode/gotHumanCode: trans answers msg_code only the first time
	// a session moves to 2 or 3.
	gotQueueCode, gotHumanCode bool
	enter                      *KFEnter
	enterAt                    time.Time
	rejected                   bool // a servicer switched on 拒收 (§10)
}

// kfMsg is one entry of the sync_msg log, rendered when enqueued.
type kfMsg struct {
	seq      uint64
	openKfID string
	sendTime time.Time
	item     json.RawMessage
	silk     json.RawMessage // voice only: the item with the SILK media id
}

// kfToken is one gettoken access token.
type kfToken struct {
	value, corpID string
	expires       time.Time
	revoked       bool
}

// kfSyncToken is the Token of one callback, good for sync_msg 10 minutes.
type kfSyncToken struct {
	openKfID string
	expires  time.Time
}

// AddKFCorp registers (or replaces the settings of) a WeCom corp.
func (s *Server) AddKFCorp(c KFCorp) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if corp, ok := s.kfCorps[c.CorpID]; ok {
		corp.KFCorp = c
		corp.crypter = nil
		return
	}
	s.kfCorps[c.CorpID] = &kfCorp{
		KFCorp: c, accounts: map[string]*kfAccount{}, customers: map[string]*KFProfile{},
		sessions: map[kfKey]*kfSession{}, codes: map[string]*kfEventCode{},
		cursors: map[string]kfCursor{}, cursorOf: map[kfCursor]string{},
		syncTokens: map[string]*kfSyncToken{}, mediaNames: map[string]string{},
	}
}

// AddKFAccount adds a kf account to a corp (as 「微信客服 → 创建账号」 and
// granting it to the app would).
func (s *Server) AddKFAccount(corpID, openKfID, name string) error {
	if !strings.HasPrefix(openKfID, "wk") {
		return fmt.Errorf("%w: %q", ErrBadOpenKfID, openKfID)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	corp, ok := s.kfCorps[corpID]
	if !ok {
		return fmt.Errorf("%w: %s", ErrUnknownKFCorp, corpID)
	}
	if a, ok := corp.accounts[openKfID]; ok {
		a.name = name
		return nil
	}
	corp.accounts[openKfID] = &kfAccount{openKfID: openKfID, name: name, servicers: map[string]int{}, msgIDs: map[string]bool{}}
	corp.accountOrder = append(corp.accountOrder, openKfID)
	return nil
}

// AddKFServicer makes userID a receiving servicer (接待人员) of the account.
func (s *Server) AddKFServicer(corpID, openKfID, userID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.kfAccountLocked(corpID, openKfID)
	if err != nil {
		return err
	}
	a.servicers[userID] = 1
	return nil
}

// kfAccountLocked finds an account. Caller holds s.mu.
func (s *Server) kfAccountLocked(corpID, openKfID string) (*kfAccount, error) {
	corp, ok := s.kfCorps[corpID]
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrUnknownKFCorp, corpID)
	}
	a, ok := corp.accounts[openKfID]
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrUnknownKFAccount, openKfID)
	}
	return a, nil
}

// crypt returns the corp's callback crypter. Caller holds s.mu.
func (c *kfCorp) crypt() (*wxcrypto.Crypter, error) {
	if c.crypter != nil {
		return c.crypter, nil
	}
	cr, err := wxcrypto.NewCrypter(c.Token, c.EncodingAESKey, c.CorpID)
	if err != nil {
		return nil, err
	}
	c.crypter = cr
	return cr, nil
}

// session returns the session of key, creating it (state 4, 未开始) when
// the customer has never been seen by the account.
func (c *kfCorp) session(key kfKey) *kfSession {
	sess, ok := c.sessions[key]
	if !ok {
		sess = &kfSession{state: KFStateEnded}
		c.sessions[key] = sess
		if _, ok := c.customers[key.externalUserID]; !ok {
			c.customers[key.externalUserID] = defaultProfile(key.externalUserID)
		}
	}
	return sess
}

// defaultProfile names a customer after the tail of their id.
func defaultProfile(externalUserID string) *KFProfile {
	tail := externalUserID
	if len(tail) > 4 {
		tail = tail[len(tail)-4:]
	}
	return &KFProfile{Nickname: "微信用户" + tail, Avatar: "https://wx.qlogo.cn/mmhead/sim/" + externalUserID + "/0"}
}

// customerWrote applies a customer message to the session (§5, §7): the
// state leaves 4 for 0 and, unless it is a menu click, the window reopens.
func (c *kfCorp) customerWrote(key kfKey, now time.Time, reopens bool, quota int) {
	sess := c.session(key)
	if sess.state == KFStateEnded {
		*sess = kfSession{state: KFStateNew, lastMessage: sess.lastMessage, sendsLeft: sess.sendsLeft,
			lastWelcome: sess.lastWelcome, enter: sess.enter, enterAt: sess.enterAt, rejected: sess.rejected}
	}
	if reopens {
		sess.lastMessage, sess.sendsLeft = now, quota
	}
}
