package client_test

// Tests that every answer is judged: only 200 is a page, a page whose
// names repeat in any case is refused, and no item is lost to invalid
// UTF-8 in its ID.

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/computenest-sdk/computenest-go/client"
)

const listShaped = `{"RequestId":"R","TotalCount":1,"Backups":[{"BackupId":"b-1"}]}`

// TestOnlyStatus200IsAPage: a 2xx other than 200 or a 3xx with a body of
// the list's shape is a *client.DecodeError with its status, not a page,
// and is not retried.
func TestOnlyStatus200IsAPage(t *testing.T) {
	for _, status := range []int{201, 202, 203, 206, 300, 301, 302, 303, 307, 308} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			ts := newTestServer(t, jsonHandler(status, listShaped))
			cfg := ts.config()
			cfg.Retry = nil
			resp, err := newClient(t, cfg).ListBackups(context.Background(), nil)
			var e *client.DecodeError
			if resp != nil || !errors.As(err, &e) || e.StatusCode != status || client.IsRetryable(err) {
				t.Fatalf("HTTP %d: resp %v, err %v; want a *client.DecodeError", status, resp, err)
			}
			if n := len(ts.got()); n != 1 {
				t.Errorf("%d attempts", n)
			}
		})
	}
	ts := newTestServer(t, jsonHandler(200, listShaped))
	if resp, err := newClient(t, ts.config()).ListBackups(context.Background(), nil); err != nil || len(resp.Backups) != 1 {
		t.Fatalf("HTTP 200: %v", err)
	}
}

// TestRepeatedNamesAreRefused: a page whose list (or any other top-level
// name) appears twice, in any case or spelling encoding/json folds
// together, is a *client.DecodeError: encoding/json would keep the last
// and the listing would be silently short.
func TestRepeatedNamesAreRefused(t *testing.T) {
	refused := map[string]string{
		"same case":           `{"TotalCount":2,"Backups":[{"BackupId":"b1"},{"BackupId":"b2"}],"Backups":[]}`,
		"lower case":          `{"TotalCount":2,"Backups":[{"BackupId":"b1"},{"BackupId":"b2"}],"backups":[]}`,
		"upper case":          `{"BACKUPS":[{"BackupId":"b1"}],"TotalCount":2,"Backups":[]}`,
		"long s":              `{"TotalCount":2,"Backups":[{"BackupId":"b1"}],"Backupſ":[]}`,
		"escaped":             `{"TotalCount":2,"Backups":[{"BackupId":"b1"}],"Backup\u0073":[]}`,
		"escaped long s":      `{"TotalCount":2,"Backups":[{"BackupId":"b1"}],"Backup\u017f":[]}`,
		"NextToken twice":     `{"TotalCount":9,"Backups":[{"BackupId":"b1"}],"NextToken":"t2","nexttoken":""}`,
		"restore tasks, case": `{"TotalCount":1,"RestoreTasks":[{"RestoreTaskId":"r1"}],"restoreTasks":[]}`,
	}
	for name, body := range refused {
		t.Run(name, func(t *testing.T) {
			c := cannedClient(t, 200, []byte(body))
			var err error
			if name == "restore tasks, case" {
				_, err = c.ListRestoreTasks(context.Background(), nil)
			} else {
				_, err = c.ListBackups(context.Background(), nil)
			}
			var e *client.DecodeError
			if !errors.As(err, &e) || client.IsRetryable(err) {
				t.Fatalf("%s: err = %v, want a *client.DecodeError", body, err)
			}
		})
	}
	for name, body := range map[string]string{
		"names repeated inside items":    `{"TotalCount":1,"Backups":[{"BackupId":"b1","Status":"Created"},{"BackupId":"b2","Status":"Created"}]}`,
		"quotes and brackets in strings": `{"RequestId":"a\"}],{\"Backups\":","TotalCount":1,"Backups":[{"BackupId":"b\\"}],"NextToken":"x"}`,
		"nested objects":                 `{"TotalCount":1,"Extra":{"Backups":[1],"backups":{"a":[{}]}},"Backups":[{"BackupId":"b1"}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := cannedClient(t, 200, []byte(body)).ListBackups(context.Background(), nil); err != nil {
				t.Fatalf("%s: %v", body, err)
			}
		})
	}
}

// TestInvalidUTF8IDsAreNotLost: two IDs that differ only in invalid UTF-8
// both decode to U+FFFD; the paginator's repeat guard must keep both.
func TestInvalidUTF8IDsAreNotLost(t *testing.T) {
	body := "{\"TotalCount\":3,\"Backups\":[{\"BackupId\":\"b-\xff\"},{\"BackupId\":\"b-\xfe\"},{\"BackupId\":\"b-ok\"}]}"
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		jsonHandler(200, body)(w, r)
	})
	all, err := listAll(client.NewListBackupsPaginator(newClient(t, ts.config()), nil).Items(context.Background()))
	if err != nil || len(all) != 3 {
		t.Fatalf("listed %d backups (%v), want 3", len(all), err)
	}
}
