package cli

import (
	"errors"
	"flag"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/computenest-sdk/computenest-go/models"
)

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

// Query is what a list command asks for: the page size and the filters.
// Request puts it into a request of either action.
type Query struct {
	// PageSize goes into the request's MaxResults.
	PageSize int32
	// Instances are the service instance IDs, any of which match; none is
	// no filter.
	Instances []string
	// Statuses are the statuses, any of which match; none is no filter.
	Statuses []string
	// Since and Until bound the start and end times; nil is no filter.
	Since, Until *time.Time
}

// listRequest is what Request needs of a request: the two list requests,
// R, each with its own status type, S.
type listRequest[R any, S ~string] interface {
	SetMaxResults(int32) R
	FilterByServiceInstanceId(ids ...string) R
	FilterByStatus(s ...S) R
	FilterByStartTime(time.Time) R
	FilterByEndTime(time.Time) R
}

// Request sets q's page size and adds q's filters to req, which it returns:
//
//	cli.Request(q, new(models.ListBackupsRequest))
func Request[R listRequest[R, S], S ~string](q Query, req R) R {
	req.SetMaxResults(q.PageSize)
	if len(q.Instances) > 0 {
		req.FilterByServiceInstanceId(q.Instances...)
	}
	if len(q.Statuses) > 0 {
		statuses := make([]S, len(q.Statuses))
		for i, s := range q.Statuses {
			statuses[i] = S(s)
		}
		req.FilterByStatus(statuses...)
	}
	if q.Since != nil {
		req.FilterByStartTime(*q.Since)
	}
	if q.Until != nil {
		req.FilterByEndTime(*q.Until)
	}
	return req
}

// Query turns the flags into a Query. It corrects the case of a
// documented status and warns, on c's stderr, about a status it does not
// know; the service may have added it, so it is sent as given.
func (l *ListFlags) Query(c *Command) (Query, error) {
	if l.PageSize < math.MinInt32 || l.PageSize > math.MaxInt32 {
		return Query{}, Usagef("invalid -page-size %d: must be between %d and %d", l.PageSize, models.MinMaxResults, models.MaxMaxResults)
	}
	if l.Timeout < 0 {
		return Query{}, Usagef("invalid -timeout %s: must not be negative (0 waits as long as it takes)", l.Timeout)
	}
	if l.Since.IsSet() && l.Until.IsSet() && l.Since.Time.After(l.Until.Time) {
		return Query{}, Usagef("-since %s is after -until %s, so nothing could match: swap them", l.Since.raw, l.Until.raw)
	}
	q := Query{PageSize: int32(l.PageSize), Instances: l.Instances}
	if len(l.Statuses) > 0 {
		for _, s := range l.Statuses {
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
			q.Statuses = append(q.Statuses, known)
		}
	}
	if l.Since.IsSet() {
		q.Since = &l.Since.Time
	}
	if l.Until.IsSet() {
		q.Until = &l.Until.Time
	}
	return q, nil
}

// RequestError turns a request's Validate error into a *UsageError that
// names the flag, e.g. "invalid -page-size 0: must be between 1 and 100".
func RequestError(err error) error {
	if err == nil {
		return nil
	}
	var ve *models.ValidationError
	if errors.As(err, &ve) && strings.HasSuffix(ve.Field, ".MaxResults") {
		return Usagef("invalid -page-size %s: %s", ve.Value, ve.Reason)
	}
	return &UsageError{Msg: err.Error()}
}

// splitList splits a comma-separated flag value, trimming spaces; an empty
// entry is an error.
func splitList(s string) ([]string, error) {
	parts := strings.Split(s, ",")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
		if parts[i] == "" {
			return nil, errors.New("empty entry in a comma-separated list")
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
	var ago time.Duration
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n <= 0 || n > 100*366 {
			return time.Time{}, errors.New("want a whole, positive number of days such as 7d")
		}
		ago = time.Duration(n) * 24 * time.Hour
	} else if d, err := time.ParseDuration(s); err == nil {
		if d <= 0 {
			return time.Time{}, errors.New("a duration counts back from now, so it must be positive")
		}
		ago = d
	} else {
		day := sampleDay(now)
		return time.Time{}, errors.New("want RFC 3339 (" + day + "T08:00:00Z), a date (" + day + ") or a duration ago (72h, 7d)")
	}
	return now.Add(-ago), nil
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
