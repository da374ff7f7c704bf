package wechatsim

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/wedesk/wedesk/internal/wxcrypto"
)

// VerifyURL makes the GET WeChat sends when URL/Token/EncodingAESKey are
// saved in the console (§1): signature over token, timestamp and nonce, and
// a plaintext echostr that must come back as the whole body, in every mode.
func (s *Server) VerifyURL(ctx context.Context, appID string) error {
	t, err := s.target(appID)
	if err != nil {
		return err
	}
	timestamp := strconv.FormatInt(s.opts.Now().Unix(), 10)
	nonce := randomDigits(10)
	echostr := randomDigits(19)
	target := withQuery(t.url, []string{
		"signature=" + wxcrypto.Signature(t.token, timestamp, nonce),
		"echostr=" + echostr, "timestamp=" + timestamp, "nonce=" + nonce,
	})
	ctx, cancel := context.WithTimeout(ctx, s.opts.PushTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return fmt.Errorf("wechatsim: verify request: %w", err)
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrVerifyFailed, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxReplyBytes))
	if err != nil {
		return fmt.Errorf("%w: %w", ErrVerifyFailed, err)
	}
	if resp.StatusCode != http.StatusOK || string(body) != echostr {
		return fmt.Errorf("%w: status %d, body is not echostr verbatim", ErrVerifyFailed, resp.StatusCode)
	}
	return nil
}
