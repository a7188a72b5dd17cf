package main

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/examples/internal/clitest"
	"github.com/computenest-sdk/computenest-go/models"
)

// The table's widths come from what the API allows, not from the first
// page: the same listing prints the same table whatever -page-size, and the
// last column (DETAIL) is whole.
func TestTableDoesNotDependOnPageSize(t *testing.T) {
	one := clitest.Run(t, run, "-demo", "-page-size", "1")
	all := clitest.Run(t, run, "-demo", "-page-size", "100")
	if one.Code != 0 || all.Code != 0 {
		t.Fatalf("exit %d, %d\n%s%s", one.Code, all.Code, one.Stderr, all.Stderr)
	}
	if one.Stdout != all.Stdout {
		a, b := clitest.Lines(one.Stdout), clitest.Lines(all.Stdout)
		for i := range min(len(a), len(b)) {
			if a[i] != b[i] {
				t.Fatalf("line %d differs:\n-page-size 1:   %q\n-page-size 100: %q", i+1, a[i], b[i])
			}
		}
		t.Fatalf("%d lines with -page-size 1, %d with 100", len(a), len(b))
	}
	_, rows := clitest.Table(t, all.Stdout)
	for i, b := range demo() {
		if got, want := rows[i][7], clitest.Cell(b.GetStatusDetail()); got != want {
			t.Errorf("row %d: detail %q, want it whole: %q", i+1, got, want)
		}
	}
}

// A value on a later page that is longer than those of the first page, but
// one the API allows (BackupMode Automatic), is shown whole.
func TestLaterPageValuesAreNotCut(t *testing.T) {
	srv, conn := clitest.Fake(t)
	bs := backups(3)
	bs[1].SetBackupMode("Automatic").SetStatus(models.BackupStatusCreateFailed)
	srv.Backups().Add(bs...)
	r := clitest.Run(t, run, append(conn, "-page-size", "1")...)
	if r.Code != 0 {
		t.Fatalf("exit %d\n%s", r.Code, r.Stderr)
	}
	_, rows := clitest.Table(t, r.Stdout)
	if got := rows[1][2:4]; !slices.Equal(got, []string{"CreateFailed", "Automatic"}) {
		t.Errorf("page 2's status and mode %q, want them whole", got)
	}
}

// -json escapes DEL, as the table does.
func TestJSONEscapesDEL(t *testing.T) {
	srv, conn := clitest.Fake(t)
	bs := backups(1)
	bs[0].SetStatusDetail("rub\x7fout")
	srv.Backups().Add(bs...)
	r := clitest.Run(t, run, append(conn, "-json")...)
	if r.Code != 0 || strings.Contains(r.Stdout, "\x7f") || !strings.Contains(r.Stdout, `rub\u007fout`) {
		t.Errorf("exit %d, -json %q: want DEL as \\u007f", r.Code, r.Stdout)
	}
	if got := clitest.JSONLines[models.Backup](t, r.Stdout); len(got) != 1 || got[0].GetStatusDetail() != "rub\x7fout" {
		t.Errorf("-json does not decode to the value")
	}
}

// Invisible characters (zero-width, BOM, soft hyphen, tag characters) are
// shown escaped, so that two IDs that differ by one do not look the same.
func TestInvisibleCharactersAreShown(t *testing.T) {
	srv, conn := clitest.Fake(t)
	bs := backups(5)
	bs[0].SetBackupId("backup-1\u200b")
	bs[1].SetBackupId("backup-1\ufeff")
	bs[2].SetBackupId("backup-1\u00ad")
	bs[3].SetBackupId("backup-1\U000e0041")
	bs[4].SetBackupId("backup-1\u2060")
	srv.Backups().Add(bs...)
	r := clitest.Run(t, run, conn...)
	if r.Code != 0 {
		t.Fatalf("exit %d\n%s", r.Code, r.Stderr)
	}
	got := ids(t, r.Stdout)
	want := []string{`backup-1\u200b`, `backup-1\ufeff`, `backup-1\u00ad`, `backup-1\U000e0041`, `backup-1\u2060`}
	if !slices.Equal(got, want) {
		t.Errorf("IDs %q\nwant %q", got, want)
	}
	r = clitest.Run(t, run, append(conn, "-json")...)
	if strings.ContainsAny(r.Stdout, "\u200b\ufeff\u00ad\U000e0041\u2060") {
		t.Errorf("-json holds invisible characters raw: %q", r.Stdout)
	}
	if got := clitest.JSONLines[models.Backup](t, r.Stdout); len(got) != 5 || got[3].GetBackupId() != "backup-1\U000e0041" {
		t.Errorf("-json does not decode to the values: %q", r.Stdout)
	}
}

// -endpoint takes exactly the forms Config.Endpoint takes, and is passed
// through: what NewClient refuses is a usage error naming -endpoint, with
// the SDK's reason.
func TestEndpointTakesConfigForms(t *testing.T) {
	clitest.NoCredentials(t)
	for _, endpoint := range []string{"127.0.0.1:1", "http://127.0.0.1:1", "https://127.0.0.1:1/", "HTTP://127.0.0.1:1",
		"user@127.0.0.1:1", "http://127.0.0.1:1/path", "ftp://127.0.0.1:1", " 127.0.0.1:1"} {
		_, sdkErr := client.NewClient(&client.Config{Endpoint: endpoint})
		r := clitest.Run(t, run, "-endpoint", endpoint)
		if sdkErr == nil {
			if r.Code == 2 {
				t.Errorf("-endpoint %q: refused (%s), but Config.Endpoint takes it", endpoint, r.Stderr)
			}
			continue
		}
		reason := sdkErr.Error()[strings.LastIndex(sdkErr.Error(), ": ")+2:]
		clitest.CheckUsageError(t, r, "list-backups", "-endpoint")
		if !strings.Contains(r.Stderr, reason) {
			t.Errorf("-endpoint %q: %q does not give the SDK's reason %q", endpoint, r.Stderr, reason)
		}
	}
}

// Input that cannot be what the user meant is an error naming the flag.
func TestSuspectInputIsRefused(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"-endpoint", ""}, "-endpoint"},
		{[]string{"-region", "ap-southeast-1", "-endpoint", "127.0.0.1:1"}, "-region"},
		{[]string{"-demo", "-instance", "si-1 si-2"}, "-instance"},
		{[]string{"-demo", "-status", "Created Deleted"}, "-status"},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			clitest.CheckUsageError(t, clitest.Run(t, run, tt.args...), "list-backups", tt.want)
		})
	}
}

// -since takes any number of days that the time can go back, and the
// error for one too many says the limit.
func TestSinceManyDays(t *testing.T) {
	r := clitest.Run(t, run, "-demo", "-json", "-since", "50000d")
	if r.Code != 0 || len(clitest.Lines(r.Stdout)) != len(demo()) {
		t.Errorf("-since 50000d: exit %d, %d lines\n%s", r.Code, len(clitest.Lines(r.Stdout)), r.Stderr)
	}
	r = clitest.Run(t, run, "-demo", "-since", "99999999d")
	clitest.CheckUsageError(t, r, "list-backups", "at most ")
}

// With no credentials, the command prints the SDK's one-line hint and a
// pointer to -demo; the credential provider's own text only with -v.
func TestCredentialsHintIsTheSDKs(t *testing.T) {
	clitest.NoCredentials(t)
	c, err := client.NewClient(&client.Config{Endpoint: "http://127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListBackups(context.Background(), nil)
	var credErr *client.CredentialsError
	if !errors.As(err, &credErr) || credErr.Err == nil {
		t.Fatalf("no CredentialsError with a cause: %v", err)
	}
	sdkHint := strings.TrimPrefix(credErr.Error(), "computenest: ")
	provider := strings.Fields(credErr.Err.Error())[0:3]

	r := clitest.Run(t, run, "-endpoint", "http://127.0.0.1:1")
	line := clitest.CheckErrorLine(t, r, 1, "list-backups", sdkHint, "-demo")
	if strings.Count(r.Stderr, "\n") != 1 || strings.Contains(line, strings.Join(provider, " ")) {
		t.Errorf("without -v: %q; want one line without the provider's %q", r.Stderr, strings.Join(provider, " "))
	}
	r = clitest.Run(t, run, "-endpoint", "http://127.0.0.1:1", "-v")
	clitest.CheckErrorLine(t, r, 1, "list-backups", sdkHint)
	if !strings.Contains(r.Stderr, strings.Join(provider, " ")) {
		t.Errorf("-v: %q lacks the provider's text %q", r.Stderr, strings.Join(provider, " "))
	}
}
