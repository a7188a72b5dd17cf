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
	changes uint64               // counts the changes to the items; keys matchCache
	cache   matchCache
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

// setLazy replaces every item of the store with the n items makeItem gives,
// made only when a listing or a method needs them. index must find the i
// of makeItem(i)'s ID (and may accept IDs that are not, which find checks).
// Like Clear, it leaves listings that began before to end without the new
// items.
func (s *Store[T]) setLazy(n int, makeItem func(i int) *T, index func(id string) (int, bool)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.changes++
	s.entries = nil
	s.byID = make(map[string]*entry[T])
	s.lazy = &lazyItems[T]{base: s.lastSeq, n: n, make: makeItem, index: index}
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

// current returns what identifies the current state of sl's item (the
// stored pointer; nil for a lazy item never changed) and whether it is
// still stored. Callers hold the lock.
func (s *Store[T]) current(sl slot[T]) (*T, bool) {
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
	s.changes++
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
		s.changes++
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
// fn is nil or changes the ID, or if the item changed under fn 1000 times in a row
// (as when fn updates its own item).
func (s *Store[T]) Update(id string, fn func(*T)) bool {
	if fn == nil {
		panic("computenesttest: Store.Update: nil fn")
	}
	for range maxUpdateRuns {
		s.mu.RLock()
		sl, ok := s.find(id)
		var base, c *T
		if ok {
			base, _ = s.current(sl)
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
		now, still := s.current(sl)
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
	s.changes++
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
	s.changes++
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

// scanQuery asks for one page.
type scanQuery[T any] struct {
	from  *cursor // nil: a new listing, whose snapshot is the store as it is now
	limit int
	// match selects items; nil selects every item without making it, so an
	// unfiltered page of lazy items makes only the page's items.
	match func(*T) bool
	// key identifies match (the hash of the filters), for the cache of
	// matches.
	key [16]byte
	// stop reports whether to give up: the client left or the server is
	// closing. It is checked while a filter judges many items.
	stop func() bool
}

// scanResult is one page cut from the store.
type scanResult[T any] struct {
	start cursor // where the page began (a new listing's snapshot resolved)
	next  cursor // where the next page begins
	items []*T   // shared, immutable: encode them, do not change them
	more  bool   // whether matches remain after the page
	total int    // matches in the listing's snapshot
}

// scan cuts the page of at most q.limit matching items that follows
// q.from. Only items that existed when the listing began take part, so
// adding items never shifts a listing in progress. It reports false when
// q.stop said to give up.
//
// An unfiltered page costs the page's items (and the removed lazy items,
// to count them). A filtered one judges every item of the snapshot once;
// the matches are kept (see matchCache) while the store does not change,
// so the listing's next pages only look them up.
func (s *Store[T]) scan(q scanQuery[T]) (scanResult[T], bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var r scanResult[T]
	if q.from == nil {
		r.start = cursor{snapshot: s.lastSeq}
	} else {
		r.start = *q.from
	}
	r.next = r.start
	if q.match == nil {
		s.scanAll(&r, q.limit)
		return r, true
	}
	seqs, ok := s.matches(q, r.start.snapshot)
	if !ok {
		return r, false
	}
	r.total = len(seqs)
	i := sort.Search(len(seqs), func(i int) bool { return seqs[i] > r.start.after })
	end := min(i+q.limit, len(seqs))
	for _, seq := range seqs[i:end] {
		r.items = append(r.items, s.itemAt(seq))
		r.next.after = seq
	}
	r.more = end < len(seqs)
	return r, true
}

// scanAll cuts an unfiltered page into r. Callers hold the lock.
func (s *Store[T]) scanAll(r *scanResult[T], limit int) {
	snap := r.start.snapshot
	if l := s.lazy; l != nil && snap > l.base {
		m := int(min(snap-l.base, uint64(l.n))) // lazy items in the snapshot
		r.total += m
		for i := range l.removed {
			if i < m {
				r.total--
			}
		}
	}
	r.total += s.search(snap + 1) // entries in the snapshot
	// Items come in seq order: the page ends at the snapshot, or once it
	// is full and one more item is known to follow.
	s.each(r.start.after, func(seq uint64, get func() *T) bool {
		switch {
		case seq > snap:
			return false
		case len(r.items) == limit:
			r.more = true
			return false
		}
		r.items = append(r.items, get())
		r.next.after = seq
		return true
	})
}

// itemAt returns the item with seq, which exists. Callers hold the lock.
func (s *Store[T]) itemAt(seq uint64) *T {
	if l := s.lazy; l != nil && seq > l.base && seq <= l.base+uint64(l.n) {
		return l.get(int(seq - l.base - 1))
	}
	return s.entries[s.search(seq)].item
}

// matches returns the seqs, in order, of the items of the snapshot that
// q.match selects: from the cache, or judged now and cached. Callers hold
// the read lock.
func (s *Store[T]) matches(q scanQuery[T], snapshot uint64) ([]uint64, bool) {
	key := matchKey{filters: q.key, snapshot: snapshot, version: s.changes}
	if seqs, ok := s.cache.get(key); ok {
		return seqs, true
	}
	var seqs []uint64
	n := 0
	stopped := false
	s.each(0, func(seq uint64, get func() *T) bool {
		if seq > snapshot {
			return false
		}
		if n++; n%1024 == 0 && q.stop != nil && q.stop() {
			stopped = true
			return false
		}
		if q.match(get()) {
			seqs = append(seqs, seq)
		}
		return true
	})
	if stopped {
		return nil, false
	}
	s.cache.put(key, seqs)
	return seqs, true
}

// matchKey identifies one filtered listing's matches: the filters, the
// listing's snapshot and the store's version (every change to the store
// makes a new one, so a cached result never outlives the data it judged).
type matchKey struct {
	filters  [16]byte
	snapshot uint64
	version  uint64
}

// matchCacheSize is how many filtered listings' matches a store keeps.
const matchCacheSize = 8

// matchCache keeps the matches of the latest filtered listings, so that
// paging through a filtered listing of a large store judges its items once,
// not once a page.
type matchCache struct {
	mu      sync.Mutex
	entries []matchEntry // oldest first
}

type matchEntry struct {
	key  matchKey
	seqs []uint64
}

func (c *matchCache) get(key matchKey) ([]uint64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range c.entries {
		if e.key == key {
			return e.seqs, true
		}
	}
	return nil, false
}

func (c *matchCache) put(key matchKey, seqs []uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) == matchCacheSize {
		c.entries = append(c.entries[:0], c.entries[1:]...)
	}
	c.entries = append(c.entries, matchEntry{key, seqs})
}
