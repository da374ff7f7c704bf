package wechatsim

import (
	"bytes"
	"crypto/subtle"
	"encoding/xml"
	"fmt"
	"strconv"
	"time"

	"github.com/wedesk/wedesk/internal/wxcrypto"
)

// PassiveReply is a synchronous reply an account server returned to a push.
type PassiveReply struct {
	ToUser, MsgType string
	// XML is the plaintext reply (decrypted if it came encrypted).
	XML []byte
	At  time.Time
}

// replyEnvelope is the safe-mode reply of §2.4.
type replyEnvelope struct {
	XMLName      xml.Name
	Encrypt      string `xml:"Encrypt"`
	MsgSignature string `xml:"MsgSignature"`
	TimeStamp    string `xml:"TimeStamp"`
	Nonce        string `xml:"Nonce"`
}

// passiveXML is a plaintext passive reply with the elements §2.4 requires.
type passiveXML struct {
	XMLName      xml.Name
	ToUserName   string  `xml:"ToUserName"`
	FromUserName string  `xml:"FromUserName"`
	CreateTime   string  `xml:"CreateTime"`
	MsgType      string  `xml:"MsgType"`
	Content      *string `xml:"Content"`
	ImageID      string  `xml:"Image>MediaId"`
	VoiceID      string  `xml:"Voice>MediaId"`
	VideoID      string  `xml:"Video>MediaId"`
	MusicThumbID string  `xml:"Music>ThumbMediaId"`
	ArticleCount string  `xml:"ArticleCount"`
	Articles     []struct {
		Title string `xml:"Title"`
	} `xml:"Articles>item"`
}

// acceptReply checks a 200 answer as WeChat would and records a passive
// reply. "success" and the empty body need no encryption in any mode.
func (s *Server) acceptReply(d *Delivery, t pushTarget, openID string, mode Mode) error {
	body := []byte(d.Body)
	if len(body) == 0 || d.Body == "success" {
		return nil
	}
	encrypted := bytes.Contains(body, []byte("<Encrypt>"))
	var plain []byte
	var err error
	switch {
	case mode == ModeSafe && !encrypted:
		err = fmt.Errorf("safe mode needs an encrypted reply")
	case mode == ModePlain && encrypted:
		err = fmt.Errorf("plaintext mode cannot take an encrypted reply")
	case encrypted:
		plain, err = openReply(t, body)
	default:
		plain = body
	}
	if err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidReply, err)
	}
	msgType, err := s.checkPassive(plain, t, openID)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidReply, err)
	}
	d.Reply = plain
	s.mu.Lock()
	defer s.mu.Unlock()
	if acct, ok := s.accounts[t.appID]; ok {
		acct.replies = append(acct.replies, PassiveReply{ToUser: openID, MsgType: msgType, XML: plain, At: s.opts.Now()})
		s.notify()
	}
	return nil
}

// openReply verifies MsgSignature and decrypts a reply envelope.
func openReply(t pushTarget, body []byte) ([]byte, error) {
	var env replyEnvelope
	if err := xml.Unmarshal(body, &env); err != nil {
		return nil, fmt.Errorf("reply envelope: %w", err)
	}
	if env.XMLName.Local != "xml" || env.Encrypt == "" || env.TimeStamp == "" || env.Nonce == "" {
		return nil, fmt.Errorf("reply envelope lacks Encrypt, TimeStamp or Nonce")
	}
	if _, err := strconv.ParseInt(env.TimeStamp, 10, 64); err != nil {
		return nil, fmt.Errorf("reply TimeStamp %q is not an integer", env.TimeStamp)
	}
	want := wxcrypto.Signature(t.token, env.TimeStamp, env.Nonce, env.Encrypt)
	if subtle.ConstantTimeCompare([]byte(want), []byte(env.MsgSignature)) != 1 {
		return nil, fmt.Errorf("reply MsgSignature does not match")
	}
	plain, err := t.crypter.Decrypt(env.Encrypt)
	if err != nil {
		return nil, fmt.Errorf("reply decrypt: %w", err)
	}
	return plain, nil
}

// checkPassive validates a plaintext reply and returns its MsgType.
func (s *Server) checkPassive(plain []byte, t pushTarget, openID string) (string, error) {
	var r passiveXML
	if err := xml.Unmarshal(plain, &r); err != nil {
		return "", fmt.Errorf("reply xml: %w", err)
	}
	switch {
	case r.XMLName.Local != "xml":
		return "", fmt.Errorf("reply root is <%s>, not <xml>", r.XMLName.Local)
	case r.ToUserName != openID:
		return "", fmt.Errorf("reply ToUserName is not the user's openid")
	case r.FromUserName != t.originalID:
		return "", fmt.Errorf("reply FromUserName is not the account's original id")
	}
	if _, err := strconv.ParseInt(r.CreateTime, 10, 64); err != nil {
		return "", fmt.Errorf("reply CreateTime %q is not an integer", r.CreateTime)
	}
	if err := s.checkPassivePayload(&r, t.appID); err != nil {
		return "", err
	}
	return r.MsgType, nil
}

// checkPassivePayload checks the elements each reply MsgType needs and that
// referenced media exist.
func (s *Server) checkPassivePayload(r *passiveXML, appID string) error {
	now := s.opts.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	media := func(id string, kinds ...string) error {
		if s.checkMediaRef(appID, id, now, kinds...) != ErrcodeOK {
			return fmt.Errorf("reply %s refers to an unknown media_id", r.MsgType)
		}
		return nil
	}
	switch r.MsgType {
	case "text":
		if r.Content == nil || *r.Content == "" {
			return fmt.Errorf("text reply without Content")
		}
		return nil
	case "image":
		return media(r.ImageID, "image")
	case "voice":
		return media(r.VoiceID, "voice")
	case "video":
		return media(r.VideoID, "video")
	case "music":
		return media(r.MusicThumbID, "thumb", "image")
	case "news":
		if n, err := strconv.Atoi(r.ArticleCount); err != nil || n != len(r.Articles) || n != 1 {
			return fmt.Errorf("news reply must carry exactly one article")
		}
		return nil
	case "transfer_customer_service":
		return nil
	}
	return fmt.Errorf("reply MsgType %q is not a passive reply type", r.MsgType)
}
