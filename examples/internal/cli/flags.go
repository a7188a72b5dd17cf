package cli

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/models"
)

// ConnFlags are the flags that say which Compute Nest to talk to. The
// commands build their client.Config from them.
type ConnFlags struct {
	// Region is -region: the region whose endpoint to call.
	Region string
	// Endpoint is -endpoint, for Config.Endpoint: host[:port], or a URL
	// such as http://127.0.0.1:8080 whose scheme sets the protocol.
	Endpoint string
	// Demo is -demo: run against an in-process fake seeded with demo data.
	Demo bool
	// Verbose is -v: log every HTTP attempt on stderr.
	Verbose bool
}

// Register adds -region, -endpoint, -demo and -v to fs.
func (f *ConnFlags) Register(fs *flag.FlagSet) {
	fs.StringVar(&f.Region, "region", client.DefaultRegionId,
		"Alibaba Cloud `region` to call (documented: "+strings.Join(client.KnownRegions(), ", ")+"; others by the endpoint rule)")
	fs.StringVar(&f.Endpoint, "endpoint", "",
		"call this endpoint instead of the region's, as client.Config.Endpoint takes it: `host[:port]` (HTTPS),\nor a URL such as http://127.0.0.1:8080 (a local examples/fake-server)")
	fs.BoolVar(&f.Demo, "demo", false,
		"run against an in-process fake Compute Nest seeded with demo data:\nno account, no credentials, no network")
	fs.BoolVar(&f.Verbose, "v", false, "log every HTTP attempt (action, status, request ID, timing) on stderr,\nand say why no credentials were found")
}

// Check refuses flags that cannot be what the user meant: -region or
// -endpoint with -demo, an empty -endpoint, and -region with -endpoint
// (Config.Endpoint makes RegionId unused).
func (f *ConnFlags) Check(c *Command) error {
	switch {
	case f.Demo && c.IsSet("region"), f.Demo && c.IsSet("endpoint"):
		name := "region"
		if c.IsSet("endpoint") {
			name = "endpoint"
		}
		return Usagef("-%s does not go with -demo, which runs against an in-process fake", name)
	case c.IsSet("endpoint") && f.Endpoint == "":
		return Usagef("-endpoint is empty: give host[:port] or a URL, or leave -endpoint out to call -region's endpoint")
	case c.IsSet("endpoint") && c.IsSet("region"):
		return Usagef("-region %s does not go with -endpoint, which replaces the region's endpoint: give one of them", f.Region)
	}
	return nil
}

// ConfigError turns client.NewClient's refusal of the Config built from
// the flags into a *UsageError that names the flag.
func (f *ConnFlags) ConfigError(err error) error {
	reason := strings.TrimPrefix(err.Error(), "computenest: ")
	if f.Endpoint != "" {
		return Usagef("cannot use -endpoint %q: %s", f.Endpoint, Line(reason))
	}
	return Usagef("cannot use -region %q: not a region ID such as %s (lowercase letters, digits and hyphens): check the spelling, or give the service's address with -endpoint",
		f.Region, strings.Join(client.KnownRegions(), " or "))
}

// DefaultPageSize is -page-size's default: fewer, larger pages than the
// service's own default of 20, still several pages for the demo data.
const DefaultPageSize = 50

// ListFlags are the flags of the list commands: what to list and how to
// print it.
type ListFlags struct {
	// Instances is -instance: service instance IDs, any of which match.
	Instances []string
	// Statuses is -status, as given: statuses, any of which match.
	Statuses []string
	// Since is -since: items that started at or after it.
	Since TimeFlag
	// Until is -until: items that ended at or before it.
	Until TimeFlag
	// PageSize is -page-size, sent as MaxResults.
	PageSize int
	// JSON is -json: JSON lines instead of a table.
	JSON bool
	// Timeout is -timeout: how long the whole listing may take; 0 for no
	// limit.
	Timeout time.Duration

	known []string // the documented statuses
	noun  string   // "backups"
}

// Register adds -instance, -status, -since, -until, -page-size and -json to
// fs. noun names the items ("backups") and statuses lists the documented
// ones, for the help text and -status's check.
func (l *ListFlags) Register(fs *flag.FlagSet, noun string, statuses []string) {
	l.noun, l.known = noun, statuses
	l.Until.EndOfDay = true
	fs.Func("instance", "list only the "+noun+" of these service instances: comma-separated `IDs` (si-...),\nany of which match; may be repeated", func(s string) error {
		ids, err := splitList(s)
		l.Instances = append(l.Instances, ids...)
		return err
	})
	fs.Func("status", "list only "+noun+" in these `statuses`: comma-separated, any of which match; may be\nrepeated. Documented: "+strings.Join(statuses, ", ")+".\nCase is corrected for documented statuses; others are sent as given, with a warning", func(s string) error {
		sts, err := splitList(s)
		l.Statuses = append(l.Statuses, sts...)
		return err
	})
	day := sampleDay(time.Now())
	fs.Var(&l.Since, "since", "list only "+noun+" that started at or after `time` (StartTime filter): RFC 3339\n("+day+"T08:00:00+08:00), a date ("+day+": midnight UTC) or a duration ago\n(90m, 72h, 7d)")
	fs.Var(&l.Until, "until", "list only "+noun+" that ended at or before `time` (EndTime filter; one still running\nhas no end time, so it is left out): same forms as -since, a date meaning the\nend of that day (UTC)")
	fs.IntVar(&l.PageSize, "page-size", DefaultPageSize, "ask for `n` items per page (MaxResults), 1 to 100; every page is fetched either way")
	fs.BoolVar(&l.JSON, "json", false, "print one JSON object per line, with the API's field names and full values, instead of a table")
	fs.DurationVar(&l.Timeout, "timeout", DefaultListTimeout, "give up when the whole listing has taken this `duration` (90s, 10m); 0 waits as long as it takes")
}

// DefaultListTimeout is -timeout's default for the list commands.
const DefaultListTimeout = 5 * time.Minute

// Check checks the flags after parsing and corrects the case of each
// documented status in Statuses; a status it does not know is kept as given
// (the service may have added it) with a warning on c's stderr.
func (l *ListFlags) Check(c *Command) error {
	if l.PageSize < models.MinMaxResults || l.PageSize > models.MaxMaxResults {
		return Usagef("invalid -page-size %d: must be between %d and %d", l.PageSize, models.MinMaxResults, models.MaxMaxResults)
	}
	if l.Timeout < 0 {
		return Usagef("invalid -timeout %s: must not be negative (0 waits as long as it takes)", l.Timeout)
	}
	if l.Since.IsSet() && l.Until.IsSet() && l.Since.Time.After(l.Until.Time) {
		return Usagef("-since %s is after -until %s, so nothing could match: swap them", l.Since.raw, l.Until.raw)
	}
	for i, s := range l.Statuses {
		known := ""
		for _, k := range l.known {
			if strings.EqualFold(s, k) {
				known = k
				break
			}
		}
		if known == "" {
			c.Warnf("-status %q is not a documented status of %s (%s); sending it as given", s, l.noun, strings.Join(l.known, ", "))
			known = s
		}
		l.Statuses[i] = known
	}
	return nil
}

// splitList splits a comma-separated flag value, trimming spaces around
// the commas. An empty entry is an error, and so is one with white space
// inside: IDs and statuses hold none, so "si-1 si-2" is a comma forgotten.
func splitList(s string) ([]string, error) {
	parts := strings.Split(s, ",")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
		switch {
		case parts[i] == "":
			return nil, errors.New("empty entry in a comma-separated list")
		case strings.ContainsFunc(parts[i], unicode.IsSpace):
			return nil, fmt.Errorf("%q holds a space: separate the values with commas", parts[i])
		}
	}
	return parts, nil
}

// TimeFlag is a flag.Value for -since and -until: a point in time given as
// RFC 3339, as a date, or as a duration before now.
type TimeFlag struct {
	// Time is the parsed value; the zero time until the flag is set.
	Time time.Time
	// EndOfDay makes a bare date mean 23:59:59 UTC of that day instead of
	// its midnight.
	EndOfDay bool
	// Now is the clock a duration counts back from; nil means time.Now.
	Now func() time.Time

	raw string
}

// IsSet reports whether the flag was given.
func (t *TimeFlag) IsSet() bool { return t.raw != "" }

// String returns the value as given.
func (t *TimeFlag) String() string {
	if t == nil {
		return ""
	}
	return t.raw
}

// Set parses s; see ParseTimeArg.
func (t *TimeFlag) Set(s string) error {
	now := time.Now
	if t.Now != nil {
		now = t.Now
	}
	v, err := ParseTimeArg(s, now(), t.EndOfDay)
	if err != nil {
		return err
	}
	t.Time, t.raw = v, s
	return nil
}

// ParseTimeArg parses a -since or -until value:
//
//   - RFC 3339, with "Z" or an offset, e.g. 2025-06-01T08:00:00+08:00;
//   - a date, 2025-06-01: midnight UTC at its start, or 23:59:59 UTC at its
//     end when endOfDay is set;
//   - a positive duration before now: a Go duration such as 90m or 72h, or
//     a whole number of days such as 7d.
func ParseTimeArg(s string, now time.Time, endOfDay bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := models.ParseTime(s); err == nil {
		return t, nil
	}
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		if endOfDay {
			d = d.Add(24*time.Hour - time.Second)
		}
		return d, nil
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		// Days count back on the calendar, as far as year 1 (the zero
		// time, which a filter refuses, is its first instant).
		most := int(now.Unix()/86400 - time.Time{}.Unix()/86400 - 1)
		n, err := strconv.Atoi(days)
		if err != nil || n <= 0 || n > most {
			return time.Time{}, fmt.Errorf("want a whole, positive number of days such as 7d, at most %dd (back to year 1)", most)
		}
		return now.AddDate(0, 0, -n), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		day := sampleDay(now)
		return time.Time{}, errors.New("want RFC 3339 (" + day + "T08:00:00Z), a date (" + day + ") or a duration ago (72h, 7d)")
	}
	if d <= 0 {
		return time.Time{}, errors.New("a duration counts back from now, so it must be positive")
	}
	return now.Add(-d), nil
}

// sampleDay returns the date (UTC) of the day before now's, for the
// examples in help and error texts: a date that a listing of today's demo
// data (dated back from the start of today) finds items after.
func sampleDay(now time.Time) string {
	return now.UTC().AddDate(0, 0, -1).Format(time.DateOnly)
}

// Names returns the statuses as plain strings, for ListCommand.Statuses.
func Names[S ~string](statuses []S) []string {
	names := make([]string, len(statuses))
	for i, s := range statuses {
		names[i] = string(s)
	}
	return names
}
