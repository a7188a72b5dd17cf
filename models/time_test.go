package models

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseTime(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"2025-06-30T16:00:00Z", "2025-06-30T16:00:00Z"},
		{"2024-09-03T19:54:38+08:00", "2024-09-03T11:54:38Z"},
		{"2024-09-03T06:54:38-05:00", "2024-09-03T11:54:38Z"},
		{"2024-09-03T11:54:38.123Z", "2024-09-03T11:54:38.123Z"},
		{"2024-09-03T19:54:38.5+08:00", "2024-09-03T11:54:38.5Z"},
	} {
		got, err := ParseTime(c.in)
		if err != nil {
			t.Errorf("ParseTime(%q): %v", c.in, err)
			continue
		}
		want, _ := time.Parse(time.RFC3339Nano, c.want)
		if !got.Equal(want) {
			t.Errorf("ParseTime(%q) = %v, want instant %v", c.in, got, want)
		}
	}
}

func TestParseTimeMalformed(t *testing.T) {
	for _, in := range []string{
		"", "yesterday", "2024-09-03", "2024-09-03 11:54:38", "2024-09-03T11:54:38",
		"2024-13-03T11:54:38Z", "2024-09-03T11:54:38+0800", "1725364478",
	} {
		_, err := ParseTime(in)
		var te *TimeError
		if !errors.As(err, &te) {
			t.Errorf("ParseTime(%q) error = %v, want *TimeError", in, err)
			continue
		}
		if te.Value != in || te.Field != "" {
			t.Errorf("TimeError = %+v, want Value %q and no Field", te, in)
		}
		var pe *time.ParseError
		if !errors.As(err, &pe) || errors.Unwrap(err) != te.Err {
			t.Errorf("ParseTime(%q) error should unwrap to *time.ParseError, got %v", in, te.Err)
		}
		if !strings.Contains(err.Error(), `"`+in+`"`) || !strings.Contains(err.Error(), "RFC 3339") {
			t.Errorf("message %q should name the value and RFC 3339", err)
		}
	}
}

func TestFormatTime(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	for _, c := range []struct {
		in   time.Time
		want string
	}{
		{time.Date(2024, 9, 3, 19, 54, 38, 0, shanghai), "2024-09-03T11:54:38Z"},
		{time.Date(2025, 1, 27, 16, 0, 0, 999_999_999, time.UTC), "2025-01-27T16:00:00Z"},
		{time.Time{}, "0001-01-01T00:00:00Z"},
	} {
		if got := FormatTime(c.in); got != c.want {
			t.Errorf("FormatTime(%v) = %q, want %q", c.in, got, c.want)
		}
	}
	// Whatever FormatTime writes, ParseTime reads back to the same second.
	now := time.Now()
	back, err := ParseTime(FormatTime(now))
	if err != nil || !back.Equal(now.Truncate(time.Second)) {
		t.Errorf("round trip of %v = %v, %v", now, back, err)
	}
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2025-06-30T16:00:00Z", "2024-09-03T19:54:38+08:00", "2024-09-03T11:54:38.123Z", "", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseTime(s)
		if err != nil {
			var te *TimeError
			if !errors.As(err, &te) || te.Value != s {
				t.Fatalf("ParseTime(%q) error %v is not a *TimeError with the value", s, err)
			}
			return
		}
		// RFC 3339 has four-digit years; an offset can push a parsed time
		// just outside them in UTC.
		if y := got.UTC().Year(); y < 0 || y > 9999 {
			return
		}
		// A parsed time formats and parses back to the same second.
		back, err := ParseTime(FormatTime(got))
		if err != nil {
			t.Fatalf("FormatTime(%v) = %q does not parse: %v", got, FormatTime(got), err)
		}
		if !back.Equal(got.Truncate(time.Second)) {
			t.Fatalf("round trip %q -> %v -> %v", s, got, back)
		}
	})
}
