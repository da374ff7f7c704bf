package voucher

import (
	"crypto/ed25519"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// EnvPublicKey names the environment variable that replaces the built-in
// verifying key: the vendor's raw 32-byte Ed25519 public key, standard base64
// (the content of voucher.pub).
const EnvPublicKey = "WEDESK_VOUCHER_PUBKEY"

// builtinPublicKey verifies vouchers when EnvPublicKey is unset. It is the
// public half of testdata/demo_voucher.key, the demo vendor key: production
// vendors generate their own pair with `wedesk voucher keygen` and either set
// EnvPublicKey or replace this constant.
const builtinPublicKey = "GGR6FtnP8uMzkaZ1jt9ULTsBxPc80d2j/+dg8Dh6QPA="

// Key file names written by keygen.
const (
	PrivateKeyFile = "voucher.key"
	PublicKeyFile  = "voucher.pub"
)

// PublicKey returns the key vouchers are verified with: EnvPublicKey when set,
// the built-in key otherwise. A set but malformed variable is an error rather
// than a silent fallback, so a misconfigured desk refuses vouchers instead of
// accepting the demo vendor's.
func PublicKey() (ed25519.PublicKey, error) {
	if s := strings.TrimSpace(os.Getenv(EnvPublicKey)); s != "" {
		k, err := ParsePublicKey(s)
		if err != nil {
			return nil, fmt.Errorf("voucher: %s: %w", EnvPublicKey, err)
		}
		return k, nil
	}
	return ParsePublicKey(builtinPublicKey)
}

// ParsePublicKey decodes a standard-base64 raw Ed25519 public key.
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(s))
	if err != nil {
		return nil, fmt.Errorf("voucher: public key: %w", err)
	}
	if len(b) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("voucher: public key has %d bytes, want %d", len(b), ed25519.PublicKeySize)
	}
	return ed25519.PublicKey(b), nil
}

// EncodePublicKey is the inverse of ParsePublicKey.
func EncodePublicKey(k ed25519.PublicKey) string { return base64.StdEncoding.EncodeToString(k) }

// LoadPrivateKey reads a PEM PKCS#8 Ed25519 private key, as keygen writes it.
func LoadPrivateKey(path string) (ed25519.PrivateKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("voucher: read key: %w", err)
	}
	block, _ := pem.Decode(b)
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, fmt.Errorf("voucher: %s: no PEM PRIVATE KEY block", path)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("voucher: %s: %w", path, err)
	}
	ek, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("voucher: %s: not an Ed25519 key", path)
	}
	return ek, nil
}

// WriteKeyPair writes dir/voucher.key (PEM PKCS#8, mode 0600) and
// dir/voucher.pub (base64, one line). It never overwrites an existing key:
// losing a vendor key would orphan every voucher already sold.
func WriteKeyPair(dir string, pub ed25519.PublicKey, priv ed25519.PrivateKey) error {
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return fmt.Errorf("voucher: encode key: %w", err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("voucher: %w", err)
	}
	for _, name := range []string{PrivateKeyFile, PublicKeyFile} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return fmt.Errorf("voucher: %s exists; refusing to overwrite it", filepath.Join(dir, name))
		}
	}
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	if err := writeNew(filepath.Join(dir, PrivateKeyFile), keyPEM, 0o600); err != nil {
		return err
	}
	return writeNew(filepath.Join(dir, PublicKeyFile), []byte(EncodePublicKey(pub)+"\n"), 0o644)
}

// writeNew creates path exclusively with mode perm (chmod'ed as well, so a
// permissive umask cannot widen a private key's mode).
func writeNew(path string, data []byte, perm os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("voucher: %s exists; refusing to overwrite it", path)
		}
		return fmt.Errorf("voucher: %w", err)
	}
	if err := f.Chmod(perm); err != nil {
		f.Close()
		return fmt.Errorf("voucher: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("voucher: write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("voucher: close %s: %w", path, err)
	}
	return nil
}
