package voucher

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run calls RunCLI and returns its exit code and outputs.
func run(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := RunCLI(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestCLIKeygenIssueRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "vendor")
	if code, _, stderr := run("keygen", "--out", dir); code != 0 {
		t.Fatalf("keygen exit %d: %s", code, stderr)
	}
	keyPath := filepath.Join(dir, PrivateKeyFile)
	info, err := os.Stat(keyPath)
	if err != nil {
		t.Fatal(err)
	}
	if mode := info.Mode().Perm(); mode != 0o600 {
		t.Fatalf("voucher.key mode %o, want 600", mode)
	}
	pubText, err := os.ReadFile(filepath.Join(dir, PublicKeyFile))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(string(pubText), "\n") != 1 || !strings.HasSuffix(string(pubText), "\n") {
		t.Fatalf("voucher.pub is not one line: %q", pubText)
	}
	pub, err := ParsePublicKey(string(pubText))
	if err != nil {
		t.Fatal(err)
	}

	code, stdout, stderr := run("issue", "--key", keyPath, "--credits", "12", "--buyer", "ACME 有限公司")
	if code != 0 {
		t.Fatalf("issue exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != 1 {
		t.Fatalf("issue printed %d lines: %q", len(lines), stdout)
	}
	v, err := Parse(lines[0], pub)
	if err != nil {
		t.Fatal(err)
	}
	if v.Credits != 12 || v.Buyer != "ACME 有限公司" {
		t.Fatalf("voucher %+v", v)
	}

	t.Setenv(EnvPublicKey, string(pubText))
	envPub, err := PublicKey()
	if err != nil || !envPub.Equal(pub) {
		t.Fatalf("WEDESK_VOUCHER_PUBKEY=voucher.pub not accepted: %v", err)
	}
}

func TestCLIRefusals(t *testing.T) {
	dir := t.TempDir()
	if code, _, _ := run("keygen", "--out", dir); code != 0 {
		t.Fatal("keygen failed")
	}
	keyPath := filepath.Join(dir, PrivateKeyFile)
	cases := []struct {
		name string
		args []string
		code int
	}{
		{"no command", nil, 2},
		{"unknown command", []string{"mint"}, 2},
		{"keygen without --out", []string{"keygen"}, 2},
		{"keygen over an existing key", []string{"keygen", "--out", dir}, 1},
		{"issue fewer than 4 credits", []string{"issue", "--key", keyPath, "--credits", "3", "--buyer", "x"}, 2},
		{"issue without buyer", []string{"issue", "--key", keyPath, "--credits", "4"}, 2},
		{"issue with a missing key", []string{"issue", "--key", filepath.Join(dir, "nope"), "--credits", "4", "--buyer", "x"}, 1},
		{"issue with a public key as key", []string{"issue", "--key", filepath.Join(dir, PublicKeyFile), "--credits", "4", "--buyer", "x"}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := run(c.args...)
			if code != c.code {
				t.Fatalf("exit %d, want %d (stderr %q)", code, c.code, stderr)
			}
			if stdout != "" {
				t.Fatalf("a refusal printed to stdout: %q", stdout)
			}
			if stderr == "" {
				t.Fatal("a refusal said nothing on stderr")
			}
		})
	}
}

func TestWriteKeyPairNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, PrivateKeyFile), []byte("precious"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := WriteKeyPair(dir, nil, demoKey(t))
	if err == nil || errors.Is(err, os.ErrNotExist) {
		t.Fatalf("err = %v, want a refusal", err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, PrivateKeyFile))
	if string(b) != "precious" {
		t.Fatal("existing key overwritten")
	}
}
