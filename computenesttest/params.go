package computenesttest

import (
	"crypto/sha256"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/computenest-sdk/computenest-go/models"
)

// listParams are a list request's parameters, checked.
type listParams[T any] struct {
	maxResults int32
	nextToken  string // as sent; "" on a first page
	conds      []condition[T]
	// filterHash binds a NextToken to the action and the filters it was
	// issued for; the page size may change between pages.
	filterHash [16]byte
}

// parseList checks MaxResults, NextToken and Filter.N.Name /
// Filter.N.Value.M as the service would. Other parameters (RegionId and the
// like, which some clients add) are ignored, as the service ignores them.
func parseList[T any](action string, specs []filterSpec[T], params map[string][]string) (*listParams[T], *apiError) {
	p := &listParams[T]{maxResults: models.DefaultMaxResults}
	names := make(map[int]string)
	values := make(map[int]map[int]string)
	for key, vs := range params {
		isFilter := key == "Filter" || strings.HasPrefix(key, "Filter.")
		if key != "MaxResults" && key != "NextToken" && !isFilter {
			continue
		}
		if len(vs) != 1 {
			return nil, invalidParameter(key, "It is given more than once.")
		}
		v := vs[0]
		switch {
		case key == "MaxResults":
			n, err := strconv.Atoi(v)
			if err != nil || n < models.MinMaxResults || n > models.MaxMaxResults {
				return nil, invalidParameter(key, fmt.Sprintf("It must be an integer from %d to %d.", models.MinMaxResults, models.MaxMaxResults))
			}
			p.maxResults = int32(n)
		case key == "NextToken":
			p.nextToken = v
		default:
			n, field, ok := parseFilterKey(key)
			if !ok {
				return nil, invalidParameter(key, "Filters are sent as Filter.N.Name and Filter.N.Value.M, with N and M counting from 1.")
			}
			if field == 0 {
				names[n] = v
				continue
			}
			if values[n] == nil {
				values[n] = make(map[int]string)
			}
			values[n][field] = v
		}
	}

	count := 0
	for n := range names {
		count = max(count, n)
	}
	for n := range values {
		count = max(count, n)
	}
	for n := 1; n <= count; n++ {
		if _, ok := names[n]; !ok {
			if _, ok := values[n]; !ok {
				return nil, invalidParameter(fmt.Sprintf("Filter.%d", n), "Filter indexes must count 1, 2, 3... without a gap.")
			}
		}
		c, err := parseCondition(action, specs, n, names, values[n])
		if err != nil {
			return nil, err
		}
		p.conds = append(p.conds, c)
	}
	p.filterHash = hashFilters(action, p.conds)
	return p, nil
}

// parseCondition checks Filter.n: a known name and values 1..M without a
// gap, each non-empty and, for the time filters, RFC 3339.
func parseCondition[T any](action string, specs []filterSpec[T], n int, names map[int]string, values map[int]string) (condition[T], *apiError) {
	var c condition[T]
	prefix := fmt.Sprintf("Filter.%d.", n)
	name, ok := names[n]
	if !ok {
		return c, missingParameter(prefix + "Name")
	}
	i := slices.IndexFunc(specs, func(s filterSpec[T]) bool { return s.name == name })
	if i < 0 {
		allowed := make([]string, len(specs))
		for j, s := range specs {
			allowed[j] = s.name
		}
		return c, invalidParameter(prefix+"Name", fmt.Sprintf("%q is not a filter of %s; allowed: %s.", name, action, strings.Join(allowed, ", ")))
	}
	c.spec = specs[i]
	if len(values) == 0 {
		return c, missingParameter(prefix + "Value.1")
	}
	for m := 1; m <= len(values); m++ {
		key := fmt.Sprintf("%sValue.%d", prefix, m)
		v, ok := values[m]
		switch {
		case !ok:
			return c, invalidParameter(key, "Value indexes must count 1, 2, 3... without a gap.")
		case v == "":
			return c, invalidParameter(key, "It must not be empty.")
		}
		if c.spec.kind != matchExact {
			t, err := models.ParseTime(v)
			if err != nil {
				return c, invalidParameter(key, "It must be an RFC 3339 time such as 2025-06-30T16:00:00Z.")
			}
			c.times = append(c.times, t)
		}
		c.values = append(c.values, v)
	}
	return c, nil
}

// parseFilterKey splits "Filter.3.Name" into (3, 0) and "Filter.3.Value.2"
// into (3, 2).
func parseFilterKey(key string) (n, value int, ok bool) {
	rest, ok := strings.CutPrefix(key, "Filter.")
	if !ok {
		return 0, 0, false
	}
	idx, field, hasField := strings.Cut(rest, ".")
	if n, ok = parseIndex(idx); !ok || !hasField {
		return 0, 0, false
	}
	if field == "Name" {
		return n, 0, true
	}
	v, ok := strings.CutPrefix(field, "Value.")
	if !ok {
		return 0, 0, false
	}
	value, ok = parseIndex(v)
	return n, value, ok
}

// parseIndex accepts a 1-based index as the SDKs write it: decimal digits,
// no sign, no leading zero.
func parseIndex(s string) (int, bool) {
	if s == "" || len(s) > 6 || s[0] == '0' {
		return 0, false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// hashFilters digests the action and the filters in a canonical form, so
// that the order of filters or of one filter's values does not matter.
func hashFilters[T any](action string, conds []condition[T]) [16]byte {
	// Quoting every string keeps the encoding unambiguous whatever bytes
	// the values hold.
	parts := make([]string, len(conds))
	for i, c := range conds {
		vs := slices.Clone(c.values)
		slices.Sort(vs)
		vs = slices.Compact(vs)
		for j, v := range vs {
			vs[j] = strconv.Quote(v)
		}
		parts[i] = strconv.Quote(c.spec.name) + "=" + strings.Join(vs, ",")
	}
	slices.Sort(parts)
	sum := sha256.Sum256([]byte(strconv.Quote(action) + ":" + strings.Join(parts, ";")))
	var h [16]byte
	copy(h[:], sum[:])
	return h
}
