package wechatsim

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// The load generator shares this 2-core machine with the WeDesk it
// measures, so every microsecond it spends is taken from WeDesk. Like wrk,
// it therefore writes pre-serialised HTTP/1.1 requests on its own
// keep-alive connections instead of going through net/http's client (about
// 100 µs of CPU per request here). Responses are still read with net/http's
// parser. https URLs use the ordinary client.

// rawRequest serialises a callback POST the way WeChat sends it.
func rawRequest(u *url.URL, body []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(body) + 256)
	b.WriteString("POST " + u.RequestURI() + " HTTP/1.1\r\nHost: " + u.Host +
		"\r\nUser-Agent: Mozilla/4.0\r\nAccept: */*\r\nContent-Type: text/xml\r\nContent-Length: " +
		strconv.Itoa(len(body)) + "\r\n\r\n")
	b.Write(body)
	return b.Bytes()
}

// rawConn is one keep-alive HTTP/1.1 connection owned by one load worker.
type rawConn struct {
	addr    string
	timeout time.Duration
	conn    net.Conn
	r       *bufio.Reader
}

// do sends one serialised request and reads its response body (capped).
// Any failure closes the connection; the next request dials again.
func (c *rawConn) do(ctx context.Context, req []byte) (int, []byte, error) {
	if c.conn == nil {
		d := net.Dialer{Timeout: c.timeout}
		conn, err := d.DialContext(ctx, "tcp", c.addr)
		if err != nil {
			return 0, nil, err
		}
		c.conn, c.r = conn, bufio.NewReader(conn)
	}
	if err := c.conn.SetDeadline(time.Now().Add(c.timeout)); err != nil {
		c.close()
		return 0, nil, err
	}
	if _, err := c.conn.Write(req); err != nil {
		c.close()
		return 0, nil, err
	}
	resp, err := http.ReadResponse(c.r, nil)
	if err != nil {
		c.close()
		return 0, nil, err
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxReplyBytes))
	_ = resp.Body.Close()
	if err != nil || resp.Close {
		c.close()
	}
	return resp.StatusCode, body, err
}

func (c *rawConn) close() {
	if c.conn != nil {
		_ = c.conn.Close()
		c.conn, c.r = nil, nil
	}
}

// hostPort is the address to dial for an http URL.
func hostPort(rawURL string) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", err
	}
	if u.Scheme != "http" {
		return "", fmt.Errorf("wechatsim: raw load client needs http, not %q", u.Scheme)
	}
	if u.Port() != "" {
		return u.Host, nil
	}
	return net.JoinHostPort(u.Hostname(), "80"), nil
}
