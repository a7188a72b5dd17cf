package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/computenest-sdk/computenest-go/models"
)

func TestSanitize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, 中文", "plain text, 中文"},
		{"\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"bell\x07 del\x7f", `bell\x07 del\x7f`},
		{"zw\u200b\u200c\u200d\u2060 bom\ufeff shy\u00ad tag\U000e0041 ls\u2028 hf\u3164", `zw\u200b\u200c\u200d\u2060 bom\ufeff shy\u00ad tag\U000e0041 ls\u2028 hf\u3164`},
		{"c1 \u009b2J \u0085", `c1 \u009b2J \u0085`},
		{"bidi \u202egnp.exe \u2066x\u2069 \u200f \u061c", `bidi \u202egnp.exe \u2066x\u2069 \u200f \u061c`},
		{"bad \xff utf8", "bad \ufffd utf8"},
		{"tab\tnl\n", `tab\x09nl\x0a`},
	}
	for _, tt := range tests {
		if got := Sanitize(tt.in); got != tt.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := Cell(" a\t\n b \x1b[2J "); got != `a b \x1b[2J` {
		t.Errorf("Cell = %q", got)
	}
}

func TestEscapeJSON(t *testing.T) {
	in := "\x1b[31m \u009b \u202e 中文 \u2028 \x7f \u200b \U000e0041"
	js, _ := json.Marshal(in)
	got := EscapeJSON(js)
	if want := `"\u001b[31m \u009b \u202e 中文 \u2028 \u007f \u200b \udb40\udc41"`; string(got) != want {
		t.Errorf("EscapeJSON = %s, want %s", got, want)
	}
	var back string
	if err := json.Unmarshal(got, &back); err != nil || back != in {
		t.Errorf("decodes to %q, %v", back, err)
	}
}

func TestDisplayWidthAndFit(t *testing.T) {
	tests := []struct {
		in    string
		width int
		fit5  string
	}{
		{"abc", 3, "abc"},
		{"abcdef", 6, "abcd…"},
		{"中文", 4, "中文"},
		{"中文字符", 8, "中文…"},
		{"a中文字", 7, "a中…"}, // "a中文" is 5 columns: room for "…" only after "a中"
		{"Ｆｕｌｌ", 8, "Ｆｕ…"},
		{"e\u0301e\u0301e\u0301", 3, "e\u0301e\u0301e\u0301"}, // combining marks take no column
	}
	for _, tt := range tests {
		if got := DisplayWidth(tt.in); got != tt.width {
			t.Errorf("DisplayWidth(%q) = %d, want %d", tt.in, got, tt.width)
		}
		if got := Fit(tt.in, 5); got != tt.fit5 {
			t.Errorf("Fit(%q, 5) = %q, want %q", tt.in, got, tt.fit5)
		}
	}
}

// The widths are fixed in advance: a wider value on a later row is cut to
// its column, the last column is whole and not padded, and the header
// comes with the first row.
func TestTable(t *testing.T) {
	var out strings.Builder
	tab := NewTable(&out, Column{Header: "ID", Width: 4}, Column{Header: "STATUS", Width: 3}, Column{Header: "DETAIL", Width: 2})
	if err := tab.Flush(); err != nil || out.Len() != 0 {
		t.Fatalf("an empty table wrote %q, %v", out.String(), err)
	}
	tab.Row("b-1", "Created", " two\twords \n")
	tab.Row("b-4444", "", strings.Repeat("x", 50))
	if out.Len() != 0 {
		t.Errorf("rows written before Flush")
	}
	if err := tab.Flush(); err != nil {
		t.Fatal(err)
	}
	tab.Row("b-55555\x1b")
	tab.Flush()
	want := "" +
		"ID    STATUS  DETAIL\n" +
		"b-1   Creat…  two words\n" +
		"b-4…  -       " + strings.Repeat("x", 50) + "\n" +
		"b-5…  -       -\n"
	if out.String() != want {
		t.Errorf("table:\n%s\nwant:\n%s", out.String(), want)
	}
}

// BenchmarkTable writes a 100,000-row table, a page of 100 rows at a time;
// the memory it holds does not grow with the listing.
func BenchmarkTable(b *testing.B) {
	rows := make([][]string, 100)
	for i := range rows {
		rows[i] = []string{fmt.Sprintf("backup-%020x", i), "Created", TimeCell("2025-06-01T08:00:00+08:00"), strings.Repeat("detail ", 10)}
	}
	b.ReportAllocs()
	for b.Loop() {
		tab := NewTable(io.Discard, Column{Header: "ID", Width: BackupIDWidth}, Column{Header: "STATUS", Width: 12},
			Column{Header: "START", Width: TimeWidth}, Column{Header: "DETAIL"})
		for range 1000 {
			for _, r := range rows {
				tab.Row(r...)
			}
			if err := tab.Flush(); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkJSONLines writes the same number of backups as JSON lines.
func BenchmarkJSONLines(b *testing.B) {
	backup := new(models.Backup).SetBackupId("backup-00000000000000000001").SetStatus(models.BackupStatusCreated).
		SetStartTime("2025-06-01T08:00:00+08:00").SetStatusDetail(strings.Repeat("detail ", 10))
	b.ReportAllocs()
	for b.Loop() {
		j := NewJSONLines(io.Discard)
		for range 100_000 {
			if err := j.Encode(backup); err != nil {
				b.Fatal(err)
			}
		}
	}
}
