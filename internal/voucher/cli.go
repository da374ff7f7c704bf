package voucher

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"
)

// Exit codes of RunCLI.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

const usage = `usage:
  wedesk voucher keygen --out DIR
      writes DIR/voucher.key (Ed25519 private key, PEM PKCS#8, mode 0600)
      and DIR/voucher.pub (public key, base64; set WEDESK_VOUCHER_PUBKEY to it)
  wedesk voucher issue --key DIR/voucher.key --credits N --buyer NAME
      prints one voucher for N credits (at least 4) on one line
`

// RunCLI runs `wedesk voucher …`; args are the words after "voucher". It
// returns the process exit code: 0 on success, 1 on failure, 2 on bad usage.
func RunCLI(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "keygen":
		return runKeygen(args[1:], stdout, stderr)
	case "issue":
		return runIssue(args[1:], stdout, stderr, time.Now())
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "voucher: unknown command %q\n%s", args[0], usage)
		return exitUsage
	}
}

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("wedesk voucher "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	return fs
}

func runKeygen(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("keygen", stderr)
	out := fs.String("out", "", "directory for voucher.key and voucher.pub")
	if err := fs.Parse(args); err != nil || *out == "" || fs.NArg() > 0 {
		return usageError(stderr, err, "keygen needs --out DIR")
	}
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		fmt.Fprintf(stderr, "voucher: generate key: %v\n", err)
		return exitError
	}
	if err := WriteKeyPair(*out, pub, priv); err != nil {
		fmt.Fprintln(stderr, err)
		return exitError
	}
	fmt.Fprintf(stdout, "wrote %s/%s and %s/%s\n%s=%s\n", *out, PrivateKeyFile, *out, PublicKeyFile,
		EnvPublicKey, EncodePublicKey(pub))
	return exitOK
}

func runIssue(args []string, stdout, stderr io.Writer, now time.Time) int {
	fs := newFlags("issue", stderr)
	keyPath := fs.String("key", "", "the vendor's voucher.key")
	credits := fs.Int("credits", 0, "IM credits (at least 4; 4 credits = one year)")
	buyer := fs.String("buyer", "", "who bought the credits")
	if err := fs.Parse(args); err != nil || *keyPath == "" || fs.NArg() > 0 {
		return usageError(stderr, err, "issue needs --key FILE --credits N --buyer NAME")
	}
	if strings.TrimSpace(*buyer) == "" {
		return usageError(stderr, nil, "issue needs --buyer NAME")
	}
	key, err := LoadPrivateKey(*keyPath)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitError
	}
	tok, _, err := Issue(key, *credits, strings.TrimSpace(*buyer), now)
	if err != nil {
		fmt.Fprintln(stderr, err)
		if errors.Is(err, ErrTooSmall) || errors.Is(err, ErrInvalid) {
			return exitUsage
		}
		return exitError
	}
	fmt.Fprintln(stdout, tok)
	return exitOK
}

func usageError(stderr io.Writer, err error, msg string) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err == nil {
		fmt.Fprintf(stderr, "voucher: %s\n%s", msg, usage)
	}
	return exitUsage
}
