package wechatsim

import (
	"context"
	"fmt"
	"slices"
)

// KFSent returns the messages send_msg and send_msg_on_event accepted for
// corpID, oldest first.
func (s *Server) KFSent(corpID string) []KFSentMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	if corp, ok := s.kfCorps[corpID]; ok {
		return slices.Clone(corp.sent)
	}
	return nil
}

// WaitKFSent waits until at least n messages were accepted for corpID and
// returns all of them, or returns what there is with ctx's error.
func (s *Server) WaitKFSent(ctx context.Context, corpID string, n int) ([]KFSentMessage, error) {
	for {
		s.mu.Lock()
		var sent []KFSentMessage
		if corp, ok := s.kfCorps[corpID]; ok {
			sent = slices.Clone(corp.sent)
		}
		changed := s.changed
		s.mu.Unlock()
		if len(sent) >= n {
			return sent, nil
		}
		select {
		case <-ctx.Done():
			return sent, fmt.Errorf("wechatsim: waiting for %d kf sends in %s, have %d: %w", n, corpID, len(sent), ctx.Err())
		case <-changed:
		}
	}
}

// KFSessionState reports a session's state and servicer as
// service_state/get would; ok is false for a customer the account never saw.
func (s *Server) KFSessionState(corpID, openKfID, externalUserID string) (state int, servicer string, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	corp, found := s.kfCorps[corpID]
	if !found {
		return 0, "", false
	}
	sess, found := corp.sessions[kfKey{openKfID, externalUserID}]
	if !found {
		return 0, "", false
	}
	return sess.state, sess.servicer, true
}

// KFLogLen counts the messages and events still in corpID's sync_msg log.
func (s *Server) KFLogLen(corpID string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if corp, ok := s.kfCorps[corpID]; ok {
		return len(corp.log)
	}
	return 0
}
