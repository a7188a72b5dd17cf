package computenesttest

import (
	"sort"
	"sync"
)

// Store is the fake's in-memory table of one kind of item (backups or
// restore tasks), in listing order. It is safe for concurrent use, also
// while the server serves a listing from it. Items are copied on the way in
// and out, so a caller may change what it passed or got back without
// affecting the store.
//
// Get a Store from Server.Backups or Server.RestoreTasks; its zero value is
// not usable.
type Store[T any] struct {
	id    func(*T) string
	clone func(*T) *T

	mu      sync.RWMutex
	entries []*entry[T]          // sorted by seq: the listing order
	byID    map[string]*entry[T] // the same entries, by item ID
	lastSeq uint64               // highest seq ever assigned; never reused
}

// entry is one stored item. seq fixes its place in the listing order and
// never changes; item is replaced, never mutated, so a page being written
// can keep a reference to it without holding the lock.
type entry[T any] struct {
	seq  uint64
	item *T
}

func newStore[T any](id func(*T) string, clone func(*T) *T) *Store[T] {
	return &Store[T]{id: id, clone: clone, byID: make(map[string]*entry[T])}
}

// Add stores copies of items. A new item goes to the end of the listing
// order; an item whose ID is already stored replaces that one in place,
// keeping its position. Add panics on a nil item or one without an ID.
func (s *Store[T]) Add(items ...*T) {
	copies := make([]*T, len(items))
	for i, it := range items {
		if it == nil {
			panic("computenesttest: Store.Add: nil item")
		}
		if s.id(it) == "" {
			panic("computenesttest: Store.Add: item without an ID")
		}
		copies[i] = s.clone(it)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range copies {
		if e, ok := s.byID[s.id(c)]; ok {
			e.item = c
			continue
		}
		s.lastSeq++
		e := &entry[T]{seq: s.lastSeq, item: c}
		s.entries = append(s.entries, e)
		s.byID[s.id(c)] = e
	}
}

// Update applies fn to a copy of the item with ID id and stores the result
// in the item's place. It reports whether the item existed. fn must not
// change the ID; Update panics if it does.
func (s *Store[T]) Update(id string, fn func(*T)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.byID[id]
	if !ok {
		return false
	}
	c := s.clone(e.item)
	fn(c)
	if s.id(c) != id {
		panic("computenesttest: Store.Update: fn changed the item's ID")
	}
	e.item = c
	return true
}

// Remove deletes the item with ID id and reports whether it existed.
func (s *Store[T]) Remove(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.byID[id]
	if !ok {
		return false
	}
	delete(s.byID, id)
	i := s.search(e.seq)
	s.entries = append(s.entries[:i], s.entries[i+1:]...)
	return true
}

// Clear deletes every item. Items added later come after any listing that
// began before, as always.
func (s *Store[T]) Clear() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.entries = nil
	s.byID = make(map[string]*entry[T])
}

// Get returns a copy of the item with ID id.
func (s *Store[T]) Get(id string) (*T, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	e, ok := s.byID[id]
	if !ok {
		return nil, false
	}
	return s.clone(e.item), true
}

// All returns copies of every item, in listing order.
func (s *Store[T]) All() []*T {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*T, len(s.entries))
	for i, e := range s.entries {
		out[i] = s.clone(e.item)
	}
	return out
}

// Len returns the number of items.
func (s *Store[T]) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.entries)
}

// search returns the index of the first entry with a seq above or equal to
// seq. Callers hold the lock.
func (s *Store[T]) search(seq uint64) int {
	return sort.Search(len(s.entries), func(i int) bool { return s.entries[i].seq >= seq })
}

// cursor is a position in one listing: after is the seq of the last item
// returned, snapshot the highest seq that existed when the listing began.
type cursor struct {
	after, snapshot uint64
}

// scanResult is one page cut from the store.
type scanResult[T any] struct {
	start cursor // where the page began (a new listing's snapshot resolved)
	next  cursor // where the next page begins
	items []*T   // shared, immutable: encode them, do not change them
	more  bool   // whether matches remain after the page
	total int    // matches in the listing's snapshot
}

// scan cuts the page of at most limit matching items that follows from. A
// nil from starts a new listing whose snapshot is the store as it is now.
// Only items that existed when the listing began take part, so adding items
// never shifts a listing in progress.
func (s *Store[T]) scan(from *cursor, limit int, match func(*T) bool) scanResult[T] {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var r scanResult[T]
	if from == nil {
		r.start = cursor{snapshot: s.lastSeq}
	} else {
		r.start = *from
	}
	r.next = r.start
	for _, e := range s.entries {
		if e.seq > r.start.snapshot {
			break
		}
		if !match(e.item) {
			continue
		}
		r.total++
		if e.seq <= r.start.after {
			continue
		}
		if len(r.items) == limit {
			r.more = true
			continue
		}
		r.items = append(r.items, e.item)
		r.next.after = e.seq
	}
	return r
}
