package cli

import (
	"context"
	"io"
	"reflect"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/computenesttest"
)

// The -demo fake takes the options of WithDemoOptions: with a clock two
// days back, it serves the demo data of that day, not of today.
func TestConnectDemoOptions(t *testing.T) {
	then := time.Now().Add(-48 * time.Hour)
	cmd, conn, _ := newTestCommand(io.Discard)
	if err := cmd.Parse([]string{"-demo"}); err != nil {
		t.Fatal(err)
	}
	ctx := WithDemoOptions(context.Background(), computenesttest.WithClock(func() time.Time { return then }))
	s, err := cmd.Connect(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got := s.Demo.Backups().All()
	if want, _ := computenesttest.DemoData(computenesttest.DemoSeed, computenesttest.DemoBackupCount, 0, then); !reflect.DeepEqual(got, want) {
		t.Errorf("the fake serves %d backups, not the %d demo backups of its clock's day", len(got), len(want))
	}
	if today, _ := computenesttest.DemoData(computenesttest.DemoSeed, computenesttest.DemoBackupCount, 0, time.Now()); reflect.DeepEqual(got, today) {
		t.Error("the fake serves today's demo backups with a clock two days back")
	}
}
