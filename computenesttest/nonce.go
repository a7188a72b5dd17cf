package computenesttest

import (
	"sync"
	"time"
)

// nonceCache remembers the signature nonces of authenticated requests while
// the dates they were signed with could still be accepted.
//
// A date is accepted while the server's clock is within maxSkew of it, and
// a clock can be stepped back (WithClock makes that easy), so no nonce is
// ever safe to forget outright. Instead, forgetting a nonce raises a floor:
// the latest date among the forgotten nonces. A request dated at or before
// the floor might be the replay of a forgotten one, so it is refused
// whatever the clock says. With a clock that only moves forward, such a
// date is out of the window anyway, and the floor changes nothing.
type nonceCache struct {
	mu        sync.Mutex
	dates     map[string]time.Time // nonce -> date of the request that used it
	floor     time.Time            // the latest date of a forgotten nonce
	lastSweep time.Time
}

// nonceVerdict is what use decides about a request's nonce.
type nonceVerdict int

const (
	nonceFresh     nonceVerdict = iota // recorded; go on
	nonceUsed                          // seen before: a replay
	nonceForgotten                     // dated at or before the floor: cannot tell
)

// use records nonce for a request dated date, judged at now.
func (c *nonceCache) use(nonce string, date, now time.Time) nonceVerdict {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.dates == nil {
		c.dates = make(map[string]time.Time)
	}
	if now.Sub(c.lastSweep) > time.Minute {
		for n, d := range c.dates {
			if now.Sub(d) > maxSkew {
				delete(c.dates, n)
				if d.After(c.floor) {
					c.floor = d
				}
			}
		}
		c.lastSweep = now
	}
	if _, seen := c.dates[nonce]; seen {
		return nonceUsed
	}
	if !c.floor.IsZero() && !date.After(c.floor) {
		return nonceForgotten
	}
	c.dates[nonce] = date
	return nonceFresh
}
