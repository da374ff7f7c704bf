package hooks_test

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/wedesk/wedesk/hooks"
	"github.com/wedesk/wedesk/internal/mpapi"
	"github.com/wedesk/wedesk/internal/store"
)

// BenchmarkIngestWriter times the single ingest writer alone: batches of
// parsed text pushes from 1,000 customers committed straight into a real
// (non-test) app, without HTTP or crypto. ns/op is per message; the writer
// is the serial part of ingest, so 1e9/ns_per_op bounds callbacks/s.
func BenchmarkIngestWriter(b *testing.B) {
	for _, size := range []int{16, 64} {
		b.Run(fmt.Sprintf("batch=%d", size), func(b *testing.B) {
			app, desk, channelID := newBenchApp(b)
			msgs := make([]*mpapi.InboundMessage, b.N)
			for i := range msgs {
				msgs[i] = benchPush(b, i)
			}
			b.ResetTimer()
			cpu0 := processCPU()
			for start := 0; start < len(msgs); start += size {
				if err := commitInbound(desk, channelID, msgs[start:min(len(msgs), start+size)]); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64((processCPU()-cpu0).Microseconds())/float64(b.N), "cpu-µs/msg")
			n, err := app.CountRecords(store.CollectionMessages)
			if err != nil || int(n) != b.N {
				b.Fatalf("stored %d of %d messages (%v)", n, b.N, err)
			}
		})
	}
}

// newBenchApp is a plain BaseApp (no test event recorder) on a copy of the
// migrated template, with WeDesk's hooks and one channel.
func newBenchApp(b *testing.B) (core.App, *hooks.Desk, string) {
	b.Helper()
	dir := b.TempDir()
	if err := os.CopyFS(dir, os.DirFS(templateDir)); err != nil {
		b.Fatal(err)
	}
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: filepath.Clean(dir)})
	if err := app.Bootstrap(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = app.ResetBootstrapState() })
	desk := hooks.RegisterWithOptions(app, hooks.Options{PauseOutbox: true})
	col, err := app.FindCollectionByNameOrId(store.CollectionChannels)
	if err != nil {
		b.Fatal(err)
	}
	ch := core.NewRecord(col)
	ch.Id = testChannelID
	ch.Load(map[string]any{"name": "bench", "kind": store.KindWechatMP, "app_id": testAccount.AppID,
		"secret": testAccount.Secret, "token": testAccount.Token, "aes_key": testAccount.EncodingAESKey,
		"api_base": "http://127.0.0.1:1", "enabled": true, "original_id": testAccount.OriginalID})
	if err := app.Save(ch); err != nil {
		b.Fatal(err)
	}
	return app, desk, ch.Id
}

// processCPU is the CPU time this process used (user + system): unlike
// wall time, it does not grow when the VM's CPU is stolen by its neighbours.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func benchPush(b *testing.B, i int) *mpapi.InboundMessage {
	return textPush(b, fmt.Sprintf("o_bench_%04d", i%1000), i, fmt.Sprintf("你好，我的订单 %d 还没发货", i))
}
