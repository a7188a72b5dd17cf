package wire

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/computenest-sdk/computenest-go/models"
)

// pageBody is a ListBackups page of n items shaped like the service's.
func pageBody(tb testing.TB, n int) []byte {
	tb.Helper()
	var b strings.Builder
	b.WriteString(`{"TotalCount":` + fmt.Sprint(n) + `,"RequestId":"BB58FE53-ED8F-5D12-9746-CD3A5F463D95","MaxResults":100,"NextToken":"AAAAAc3HCuYhJi/wvpk4xOr0VLYoaeZA6xVdkCrmG9Em","Backups":[`)
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"BackupId":"backup-4e13aa8ca6a34150%04x","ServiceInstanceId":"si-7b6138dfce1e4c41%04x","StartTime":"2025-06-30T16:00:00Z",`+
			`"EndTime":"2025-06-30T17:00:00Z","Status":"Created","Description":"nightly backup of the \"production\" database","BackupMode":"Manual",`+
			`"StatusDetail":"Disk i-xxxx backup failed, error message: error\t","RetentionDays":7,"ModifiedTime":"2024-09-03T19:00:38+08:00","CreateTime":"2024-09-03T19:00:38+08:00"}`, i, i%7)
	}
	b.WriteString("]}")
	body := []byte(b.String())
	if !json.Valid(body) {
		tb.Fatal("invalid page body")
	}
	return body
}

// BenchmarkDecodePage puts the cost of the repeated-name scan next to the
// json.Unmarshal it follows, on a page of 100 backups (about 45 KiB).
func BenchmarkDecodePage(b *testing.B) {
	body := pageBody(b, 100)
	b.Run("Unmarshal", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			var r models.ListBackupsResponse
			if err := json.Unmarshal(body, &r); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("duplicateKey", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			if err := duplicateKey(body); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func TestDuplicateKeyScan(t *testing.T) {
	if err := duplicateKey(pageBody(t, 3)); err != nil {
		t.Fatal(err)
	}
	long := `{"` + strings.Repeat("x", 200) + `":1,"` + strings.Repeat("X", 200) + `":2}`
	err := duplicateKey([]byte(long))
	if err == nil || len(err.Error()) > 200 {
		t.Errorf("long repeated name: %v", err)
	}
	var many strings.Builder
	many.WriteString(`{"n0":0`)
	for i := 1; i < 40; i++ {
		fmt.Fprintf(&many, `,"n%d":[%d]`, i, i)
	}
	if err := duplicateKey([]byte(many.String() + "}")); err != nil {
		t.Errorf("40 names: %v", err)
	}
	for _, dup := range []string{`"N3"`, `"n39"`, `"\u004e7"`} {
		if err := duplicateKey([]byte(many.String() + "," + dup + ":1}")); err == nil {
			t.Errorf("40 names and %s again: no error", dup)
		}
	}
	for _, ok := range []string{`null`, `[]`, `{}`, ` { "a" : [ {"a":1} ] , "b" : "a" } `, `{"a":-1.5e3,"b":true,"c":null}`} {
		if err := duplicateKey([]byte(ok)); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{`{"a":1,"A":2}`, `{"a" : {"x":[1,2]} , "b":[], "a":[]}`, `{"\u212a":1,"k":2}`} {
		if err := duplicateKey([]byte(bad)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}
