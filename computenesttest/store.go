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
// No method holds the store's lock while it runs a caller's function, so
// the function given to Update may call any method of any store.
//
// Get a Store from Server.Backups or Server.RestoreTasks; its zero value is
// not usable.
type Store[T any] struct {
	id    func(*T) string
	clone func(*T) *T

	mu      sync.RWMutex
	lazy    *lazyItems[T]        // the first items, made on demand; nil for none
	entries []*entry[T]          // the other items, sorted by seq: the listing order
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

// lazyItems are items made from their index when asked for, so that a
// large demo data set costs almost no memory: item i has seq base+i+1 and
// is make(i), unless it was changed (replaced or updated) or removed since.
// Only the changes are stored.
type lazyItems[T any] struct {
	base    uint64
	n       int
	make    func(i int) *T
	index   func(id string) (int, bool) // the i whose item has this ID
	changed map[int]*T
	removed map[int]bool
}

func newStore[T any](id func(*T) string, clone func(*T) *T) *Store[T] {
	return &Store[T]{id: id, clone: clone, byID: make(map[string]*entry[T])}
}

// addLazy makes the store's items the n items make gives, made only when a
// listing or a method needs them. index must find the i of make(i)'s ID
// (and may accept IDs that are not, which find checks). The store must be
// empty of entries: lazy items come first in the listing order.
func (s *Store[T]) addLazy(n int, make func(i int) *T, index func(id string) (int, bool)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.entries) > 0 || s.lazy != nil {
		panic("computenesttest: lazy items added to a store that holds items")
	}
	s.lazy = &lazyItems[T]{base: s.lastSeq, n: n, make: make, index: index}
	s.lastSeq += uint64(n)
}

// slot is where an item lives: an entry, or lazy item i.
type slot[T any] struct {
	e    *entry[T]
	lazy *lazyItems[T]
	i    int
}

// find returns the slot of the item with ID id. Callers hold the lock.
func (s *Store[T]) find(id string) (slot[T], bool) {
	if e, ok := s.byID[id]; ok {
		return slot[T]{e: e}, true
	}
	if l := s.lazy; l != nil {
		if i, ok := l.index(id); ok && i >= 0 && i < l.n && !l.removed[i] {
			if it := l.get(i); s.id(it) == id {
				return slot[T]{lazy: l, i: i}, true
			}
		}
	}
	return slot[T]{}, false
}

// get returns lazy item i: its stored change, or a new one made.
func (l *lazyItems[T]) get(i int) *T {
	if c, ok := l.changed[i]; ok {
		return c
	}
	return l.make(i)
}

// load returns the item in sl, shared: callers copy it before handing it
// out. Callers hold the lock.
func (s *Store[T]) load(sl slot[T]) *T {
	if sl.e != nil {
		return sl.e.item
	}
	return sl.lazy.get(sl.i)
}

// version returns what identifies the current state of sl's item (the
// stored pointer; nil for a lazy item never changed) and whether it is
// still stored. Callers hold the lock.
func (s *Store[T]) version(sl slot[T]) (*T, bool) {
	if sl.e != nil {
		e, ok := s.byID[s.id(sl.e.item)]
		return sl.e.item, ok && e == sl.e
	}
	if s.lazy != sl.lazy || sl.lazy.removed[sl.i] {
		return nil, false
	}
	return sl.lazy.changed[sl.i], true
}

// put stores item in sl. Callers hold the lock.
func (s *Store[T]) put(sl slot[T], item *T) {
	if sl.e != nil {
		sl.e.item = item
		return
	}
	if sl.lazy.changed == nil {
		sl.lazy.changed = make(map[int]*T)
	}
	sl.lazy.changed[sl.i] = item
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
		if sl, ok := s.find(s.id(c)); ok {
			s.put(sl, c)
			continue
		}
		s.lastSeq++
		e := &entry[T]{seq: s.lastSeq, item: c}
		s.entries = append(s.entries, e)
		s.byID[s.id(c)] = e
	}
}

// maxUpdateRuns bounds how often Update runs fn because the item kept
// changing under it.
const maxUpdateRuns = 1000

// Update applies fn to a copy of the item with ID id and stores the result
// in the item's place. It reports whether the item existed.
//
// fn runs without the store's lock, so it may call the store's methods
// (Get, All, even Update of another item) without deadlocking. If the item
// changes meanwhile (Add, Update or Remove from fn or another goroutine),
// fn's copy is dropped and fn runs again on a copy of the item as it now
// is, so no change is lost; if the item was removed, Update reports false.
// fn should therefore only change the item it is given. Update panics if
// fn changes the ID, or if the item changed under fn 1000 times in a row
// (as when fn updates its own item).
func (s *Store[T]) Update(id string, fn func(*T)) bool {
	for range maxUpdateRuns {
		s.mu.RLock()
		sl, ok := s.find(id)
		var base, c *T
		if ok {
			base, _ = s.version(sl)
			c = s.clone(s.load(sl))
		}
		s.mu.RUnlock()
		if !ok {
			return false
		}
		fn(c)
		if s.id(c) != id {
			panic("computenesttest: Store.Update: fn changed the item's ID")
		}
		s.mu.Lock()
		now, still := s.version(sl)
		if still && now == base {
			s.put(sl, c)
		}
		s.mu.Unlock()
		switch {
		case !still:
			return false
		case now == base:
			return true
		}
	}
	panic("computenesttest: Store.Update: the item changed under fn 1000 times in a row; does fn update its own item?")
}

// Remove deletes the item with ID id and reports whether it existed.
func (s *Store[T]) Remove(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	sl, ok := s.find(id)
	if !ok {
		return false
	}
	if sl.e == nil {
		if sl.lazy.removed == nil {
			sl.lazy.removed = make(map[int]bool)
		}
		sl.lazy.removed[sl.i] = true
		delete(sl.lazy.changed, sl.i)
		return true
	}
	delete(s.byID, id)
	i := s.search(sl.e.seq)
	s.entries = append(s.entries[:i], s.entries[i+1:]...)
	return true
}

// Clear deletes every item. Items added later come after any listing that
// began before, as always.
func (s *Store[T]) Clear() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lazy = nil
	s.entries = nil
	s.byID = make(map[string]*entry[T])
}

// Get returns a copy of the item with ID id.
func (s *Store[T]) Get(id string) (*T, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sl, ok := s.find(id)
	if !ok {
		return nil, false
	}
	return s.clone(s.load(sl)), true
}

// All returns copies of every item, in listing order.
func (s *Store[T]) All() []*T {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*T, 0, s.lenLocked())
	s.each(0, func(_ uint64, get func() *T) bool {
		out = append(out, s.clone(get()))
		return true
	})
	return out
}

// Len returns the number of items.
func (s *Store[T]) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.lenLocked()
}

func (s *Store[T]) lenLocked() int {
	n := len(s.entries)
	if s.lazy != nil {
		n += s.lazy.n - len(s.lazy.removed)
	}
	return n
}

// each calls visit for every item with a seq above after, in listing
// order, until visit returns false. get returns the item (shared), made
// only if visit asks for it. Callers hold the lock.
func (s *Store[T]) each(after uint64, visit func(seq uint64, get func() *T) bool) {
	if l := s.lazy; l != nil {
		start := 0
		if after > l.base {
			start = int(min(after-l.base, uint64(l.n)))
		}
		for i := start; i < l.n; i++ {
			if l.removed[i] {
				continue
			}
			if !visit(l.base+uint64(i)+1, func() *T { return l.get(i) }) {
				return
			}
		}
	}
	for _, e := range s.entries[s.search(after+1):] {
		if !visit(e.seq, func() *T { return e.item }) {
			return
		}
	}
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
// never shifts a listing in progress. A nil match matches every item
// without making it, so an unfiltered page of lazy items makes only the
// page's items.
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
	s.each(0, func(seq uint64, get func() *T) bool {
		if seq > r.start.snapshot {
			return false
		}
		var it *T
		if match != nil {
			if it = get(); !match(it) {
				return true
			}
		}
		r.total++
		if seq <= r.start.after {
			return true
		}
		if len(r.items) == limit {
			r.more = true
			return true
		}
		if it == nil {
			it = get()
		}
		r.items = append(r.items, it)
		r.next.after = seq
		return true
	})
	return r
}
