package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"strings"
	"testing"

	"github.com/computenest-sdk/computenest-go/models"
)

func TestSanitize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, 中文", "plain text, 中文"},
		{"\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"bell\x07 del\x7f", `bell\x07 del\x7f`},
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
	in := "\x1b[31m \u009b \u202e 中文 \u2028"
	js, _ := json.Marshal(in)
	got := EscapeJSON(js)
	if want := `"\u001b[31m \u009b \u202e 中文 \u2028"`; string(got) != want {
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

// BenchmarkListTable writes a 100,000-row table; the memory it holds does
// not grow with the listing (see B/op against BenchmarkListJSON).
func BenchmarkListTable(b *testing.B) { benchmarkList(b, false) }

// BenchmarkListJSON writes the same listing as JSON lines.
func BenchmarkListJSON(b *testing.B) { benchmarkList(b, true) }

func benchmarkList(b *testing.B, asJSON bool) {
	page := testPage{total: 100_000}
	for i := range 100 {
		page.items = append(page.items, new(models.Backup).SetBackupId(fmt.Sprintf("backup-%020x", i)).
			SetStatus(models.BackupStatusCreated).SetStartTime("2025-06-01T08:00:00+08:00").
			SetStatusDetail(strings.Repeat("detail ", 10)))
	}
	var pages iter.Seq2[testPage, error] = func(yield func(testPage, error) bool) {
		for range 1000 {
			if !yield(page, nil) {
				return
			}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if n, err := List(Output{W: io.Discard, JSON: asJSON}, pages, items, testColumns); n != 100_000 || err != nil {
			b.Fatal(n, err)
		}
	}
}
