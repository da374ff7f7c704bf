// Package secrets keeps channel credentials (AppSecret, kf Secret, Token,
// EncodingAESKey) encrypted in data.db with a key kept outside it: the
// WEDESK_SECRETS_KEY environment variable, or a key file created with mode
// 0600 beside the data directory (not inside it, so PocketBase backups,
// which archive the data directory, do not carry it). A copied database or
// backup then holds only ciphertext.
//
// Values are sealed as "enc:v1:" + base64(nonce | AES-256-GCM ciphertext).
// Open accepts plaintext too (rows written before encryption), so a
// database is migrated by saving each channel once.
package secrets

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// EnvKey names the environment variable holding the base64 key.
const EnvKey = "WEDESK_SECRETS_KEY"

// prefix marks a sealed value.
const prefix = "enc:v1:"

// Box seals and opens values with one key.
type Box struct{ aead cipher.AEAD }

// NewBox returns a box for a 32-byte key.
func NewBox(key []byte) (*Box, error) {
	if len(key) != 32 {
		return nil, fmt.Errorf("secrets: key must be 32 bytes, got %d", len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Box{aead: aead}, nil
}

// IsSealed reports whether v is a sealed value.
func IsSealed(v string) bool { return strings.HasPrefix(v, prefix) }

// Seal encrypts v; empty and already sealed values are returned as they are.
func (b *Box) Seal(v string) string {
	if v == "" || IsSealed(v) {
		return v
	}
	nonce := make([]byte, b.aead.NonceSize())
	_, _ = rand.Read(nonce)
	out := b.aead.Seal(nonce, nonce, []byte(v), []byte(prefix))
	return prefix + base64.RawStdEncoding.EncodeToString(out)
}

// Open decrypts a sealed value; plaintext is returned as it is.
func (b *Box) Open(v string) (string, error) {
	if !IsSealed(v) {
		return v, nil
	}
	raw, err := base64.RawStdEncoding.DecodeString(v[len(prefix):])
	n := b.aead.NonceSize()
	if err != nil || len(raw) < n {
		return "", errors.New("secrets: malformed sealed value")
	}
	plain, err := b.aead.Open(nil, raw[:n], raw[n:], []byte(prefix))
	if err != nil {
		return "", errors.New("secrets: the value was sealed with another key")
	}
	return string(plain), nil
}

// KeyFile is where the key lives when the environment does not give one:
// beside the data directory, e.g. pb_data → pb_data.secrets.key.
func KeyFile(dataDir string) string {
	abs, err := filepath.Abs(dataDir)
	if err != nil {
		abs = dataDir
	}
	return filepath.Clean(abs) + ".secrets.key"
}

// LoadKey returns the key from the environment, else from the key file,
// creating the file (mode 0600) with a random key the first time.
func LoadKey(dataDir string) ([]byte, error) {
	if env := os.Getenv(EnvKey); env != "" {
		return decodeKey(env)
	}
	path := KeyFile(dataDir)
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		key := make([]byte, 32)
		_, _ = rand.Read(key)
		if err := WriteKeyFile(path, key); err != nil {
			return nil, err
		}
		return key, nil
	}
	if err != nil {
		return nil, fmt.Errorf("secrets: read %s: %w", path, err)
	}
	return decodeKey(string(b))
}

// WriteKeyFile stores key (base64) at path with mode 0600, atomically.
func WriteKeyFile(path string, key []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(base64.StdEncoding.EncodeToString(key)+"\n"), 0o600); err != nil {
		return fmt.Errorf("secrets: write key: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("secrets: write key: %w", err)
	}
	return nil
}

func decodeKey(s string) ([]byte, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(s))
	if err != nil || len(key) != 32 {
		return nil, errors.New("secrets: the key must be 32 bytes, base64 encoded (openssl rand -base64 32)")
	}
	return key, nil
}

var (
	mu      sync.RWMutex
	current *Box
)

// Use makes b the process's box, the first time only: every app of the
// process (tests run many) seals with the same key.
func Use(b *Box) {
	mu.Lock()
	defer mu.Unlock()
	if current == nil {
		current = b
	}
}

// Replace makes b the process's box (key rotation).
func Replace(b *Box) {
	mu.Lock()
	defer mu.Unlock()
	current = b
}

// Current is the process's box, nil before Use.
func Current() *Box {
	mu.RLock()
	defer mu.RUnlock()
	return current
}

// Open decrypts v with the process's box; without a box, or on failure, a
// sealed value reads as empty (a channel whose secret cannot be read is a
// channel without it, and says so), plaintext as itself.
func Open(v string) string {
	if !IsSealed(v) {
		return v
	}
	b := Current()
	if b == nil {
		return ""
	}
	p, err := b.Open(v)
	if err != nil {
		return ""
	}
	return p
}
