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
	if want := computenesttest.DemoBackupsAt(DemoSeed, DemoBackupCount, then); !reflect.DeepEqual(got, want) {
		t.Errorf("the fake serves %d backups, not the %d demo backups of its clock's day", len(got), len(want))
	}
	if reflect.DeepEqual(got, computenesttest.DemoBackups(DemoSeed, DemoBackupCount)) {
		t.Error("the fake serves today's demo backups with a clock two days back")
	}
}
