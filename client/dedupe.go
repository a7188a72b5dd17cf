package client

import (
	"maps"
	"strings"
	"unicode/utf8"
)

// itemGuard keeps a listing from returning an item twice. Services whose
// NextToken is an offset shift a listing when items are added before the
// cursor, and then repeat the last items of a page at the top of the next;
// a misbehaving one restarts the listing under a fresh token. The guard
// remembers the item IDs of the first page and of the page most recently
// returned, no more, so its memory is bounded by the page size however long
// the listing.
type itemGuard struct {
	first map[string]struct{} // IDs on the first page returned
	prev  map[string]struct{} // IDs on the page most recently returned
	next  map[string]struct{} // scratch: IDs on the page being screened
}

// screened is what screenItems found on a page.
type screened[Item any] struct {
	fresh     []Item // the items not returned before, in order
	repeats   int    // items dropped
	fromPrev  int    // of those, items of the page most recently returned
	firstItem string // ID of the page's first item
}

// screenItems sorts a page's items into those not returned before and
// repeats of the first page, the previous page or an earlier item of the
// same page. Items without an ID, or with one that held invalid UTF-8,
// cannot be compared and are kept. It does not change the guard: commit
// does, once the page is returned. fresh is items itself when nothing was
// dropped.
func screenItems[Item any](g *itemGuard, items []Item, id func(Item) string) screened[Item] {
	s := screened[Item]{fresh: items}
	if g.next == nil {
		g.next = make(map[string]struct{}, len(items))
	}
	clear(g.next)
	for i, it := range items {
		key := id(it)
		if i == 0 {
			s.firstItem = key
		}
		repeat := false
		// encoding/json turns invalid UTF-8 into U+FFFD, so two IDs that
		// differ only there decode alike: such an ID cannot tell items
		// apart, and its item is kept like one without an ID.
		if key != "" && !strings.ContainsRune(key, utf8.RuneError) {
			_, inPrev := g.prev[key]
			_, inFirst := g.first[key]
			_, inPage := g.next[key]
			g.next[key] = struct{}{} // repeats too: the next page is compared with all of this one
			repeat = inPrev || inFirst || inPage
			if inPrev {
				s.fromPrev++
			}
		}
		switch {
		case !repeat && s.repeats > 0:
			s.fresh = append(s.fresh, it)
		case repeat && s.repeats == 0:
			s.fresh = append(make([]Item, 0, len(items)-1), items[:i]...) // a new slice: items is the API's
			fallthrough
		case repeat:
			s.repeats++
		}
	}
	return s
}

// commit records the page just screened as returned.
func (g *itemGuard) commit() {
	if g.first == nil {
		g.first = maps.Clone(g.next)
	}
	g.prev, g.next = g.next, g.prev
}
