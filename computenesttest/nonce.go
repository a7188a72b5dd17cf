package computenesttest

import (
	"sync"
	"time"
)

// nonceCache remembers the signature nonces of authenticated requests until
// the dates they were signed with leave the accepted window.
type nonceCache struct {
	mu        sync.Mutex
	expiry    map[string]time.Time
	lastSweep time.Time
}

// use records nonce, valid until expires, and reports whether it was fresh.
func (c *nonceCache) use(nonce string, now, expires time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.expiry == nil {
		c.expiry = make(map[string]time.Time)
	}
	if now.Sub(c.lastSweep) > time.Minute {
		for n, exp := range c.expiry {
			if now.After(exp) {
				delete(c.expiry, n)
			}
		}
		c.lastSweep = now
	}
	if exp, seen := c.expiry[nonce]; seen && !now.After(exp) {
		return false
	}
	c.expiry[nonce] = expires
	return true
}
