package hooks

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"github.com/wedesk/wedesk/internal/secrets"
	"github.com/wedesk/wedesk/internal/store"
)

// SecretsCommand is `wedesk secrets rotate [--new-key BASE64]`: re-seal
// every channel credential with a new key in one transaction. With a key
// file, the new key replaces it (the old one is kept as <file>.old until
// you delete it); with WEDESK_SECRETS_KEY, pass the new key with --new-key
// and set the variable to it before the next start.
func SecretsCommand(app core.App) *cobra.Command {
	cmd := &cobra.Command{Use: "secrets", Short: "Channel credentials at rest: `secrets rotate` re-seals them with a new key"}
	var newKey string
	rotate := &cobra.Command{
		Use:   "rotate",
		Short: "Re-encrypt the channel secrets with a new key",
		RunE: func(c *cobra.Command, _ []string) error {
			return RotateSecrets(app, newKey, c.OutOrStdout())
		},
	}
	rotate.Flags().StringVar(&newKey, "new-key", "", "the new key, 32 bytes base64 (required when "+secrets.EnvKey+" is set)")
	cmd.AddCommand(rotate)
	return cmd
}

// RotateSecrets re-seals every channel credential with a new key (newKey,
// or a random one written to the key file) and reports to out.
func RotateSecrets(app core.App, newKey string, out interface{ Write([]byte) (int, error) }) error {
	old := secrets.Current()
	if old == nil {
		return errors.New("secrets: no current key")
	}
	fromEnv := os.Getenv(secrets.EnvKey) != ""
	if fromEnv && newKey == "" {
		return fmt.Errorf("secrets: %s is set: pass the new key with --new-key (openssl rand -base64 32)", secrets.EnvKey)
	}
	key := make([]byte, 32)
	if newKey != "" {
		k, err := base64.StdEncoding.DecodeString(newKey)
		if err != nil || len(k) != 32 {
			return errors.New("secrets: --new-key must be 32 bytes, base64 encoded")
		}
		key = k
	} else {
		_, _ = rand.Read(key)
	}
	next, err := secrets.NewBox(key)
	if err != nil {
		return err
	}
	n := 0
	err = app.RunInTransaction(func(tx core.App) error {
		recs, err := tx.FindAllRecords(store.CollectionChannels)
		if err != nil {
			return err
		}
		for _, r := range recs {
			params := dbx.Params{}
			for _, f := range SealedChannelFields {
				plain, err := old.Open(r.GetString(f))
				if err != nil {
					return fmt.Errorf("channel %s %s: %w", r.Id, f, err)
				}
				params[f] = next.Seal(plain)
			}
			if _, err := tx.NonconcurrentDB().Update(store.CollectionChannels, params, dbx.HashExp{"id": r.Id}).Execute(); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("secrets: rotate (nothing changed): %w", err)
	}
	if !fromEnv {
		path := secrets.KeyFile(app.DataDir())
		if b, err := os.ReadFile(path); err == nil {
			_ = os.WriteFile(path+".old", b, 0o600)
		}
		if err := secrets.WriteKeyFile(path, key); err != nil {
			return fmt.Errorf("secrets: %d channels re-sealed but the new key could not be saved; it is %s: %w",
				n, base64.StdEncoding.EncodeToString(key), err)
		}
		fmt.Fprintf(out, "Re-sealed %d channels; the new key is in %s (the old one in %s.old: delete it once backups made with it are gone).\n", n, path, path)
	} else {
		fmt.Fprintf(out, "Re-sealed %d channels. Set %s to the new key before the next start.\n", n, secrets.EnvKey)
	}
	secrets.Replace(next)
	return nil
}
