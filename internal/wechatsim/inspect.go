package wechatsim

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
)

// Sent returns the customer-service messages accepted for appID, oldest first.
func (s *Server) Sent(appID string) []SentMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	if acct, ok := s.accounts[appID]; ok {
		return slices.Clone(acct.sent)
	}
	return nil
}

// WaitSent waits until at least n customer-service messages were accepted for
// appID and returns all of them, or returns what there is with ctx's error.
func (s *Server) WaitSent(ctx context.Context, appID string, n int) ([]SentMessage, error) {
	for {
		s.mu.Lock()
		var sent []SentMessage
		if acct, ok := s.accounts[appID]; ok {
			sent = slices.Clone(acct.sent)
		}
		changed := s.changed
		s.mu.Unlock()
		if len(sent) >= n {
			return sent, nil
		}
		select {
		case <-ctx.Done():
			return sent, fmt.Errorf("wechatsim: waiting for %d sends to %s, have %d: %w", n, appID, len(sent), ctx.Err())
		case <-changed:
		}
	}
}

// TokenFetches counts calls to /cgi-bin/token and /cgi-bin/stable_token
// naming appID, successful or not.
func (s *Server) TokenFetches(appID string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if acct, ok := s.accounts[appID]; ok {
		return acct.tokenFetches
	}
	return 0
}

// Media returns the content of a stored media file, expired or not.
func (s *Server) Media(mediaID string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	item, ok := s.media[mediaID]
	if !ok {
		return nil, false
	}
	return slices.Clone(item.data), true
}

// Templates returns the template messages accepted for appID, oldest first.
func (s *Server) Templates(appID string) []TemplateSend {
	s.mu.Lock()
	defer s.mu.Unlock()
	if acct, ok := s.accounts[appID]; ok {
		return slices.Clone(acct.templates)
	}
	return nil
}

// Menu returns the body of the last accepted menu/create for appID.
func (s *Server) Menu(appID string) (json.RawMessage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	acct, ok := s.accounts[appID]
	if !ok || acct.menu == nil {
		return nil, false
	}
	return slices.Clone(acct.menu), true
}

// Replies returns the passive replies account servers gave to pushes.
func (s *Server) Replies(appID string) []PassiveReply {
	s.mu.Lock()
	defer s.mu.Unlock()
	if acct, ok := s.accounts[appID]; ok {
		return slices.Clone(acct.replies)
	}
	return nil
}
