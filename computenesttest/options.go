package computenesttest

import (
	"net"
	"time"
)

// Option configures a Server.
type Option func(*options)

type options struct {
	keys     []credential
	now      func() time.Time
	listener net.Listener
	demo     *demoSpec
	admin    bool
}

type demoSpec struct {
	seed           int64
	backups, tasks int
}

// WithAccessKey makes the server accept requests signed with this key
// pair. It may be given more than once; ClientConfig uses the first pair
// given. Without any WithAccessKey or WithSTSToken, the server makes up a
// random pair.
func WithAccessKey(id, secret string) Option {
	return func(o *options) { o.keys = append(o.keys, credential{id: id, secret: secret}) }
}

// WithSTSToken makes the server accept STS credentials: requests signed
// with this key pair must carry token in x-acs-security-token (ACS3) or in
// the SecurityToken parameter (signature version 1.0).
func WithSTSToken(id, secret, token string) Option {
	return func(o *options) { o.keys = append(o.keys, credential{id: id, secret: secret, token: token}) }
}

// WithClock sets the server's clock, which judges x-acs-date (or a
// signature version 1.0 request's Timestamp) and stamps the request log;
// the default is time.Now. Every answer's Date header (http.TimeFormat, in
// GMT) is read from it too, as the service's answers carry the service's
// time, so a client that corrects its clock skew from Date can be tested
// against the fake alone: a clock 20 minutes ahead refuses the client's
// first request as InvalidTimeStamp.Expired, dated 20 minutes ahead.
func WithClock(now func() time.Time) Option {
	return func(o *options) { o.now = now }
}

// WithListener serves on l instead of a new loopback listener; the server
// closes l when it closes. The fake-server command uses it to serve on a
// chosen address.
func WithListener(l net.Listener) Option {
	return func(o *options) { o.listener = l }
}

// WithDemoData seeds the stores with the items DemoData(seed, nBackups,
// nTasks, now) returns, now being the server's clock (see WithClock) when
// it starts: the data is dated back from the start of that day. The items are made only when a listing or a
// Store method asks for them, so a million cost almost no memory and no
// time to start; the first page of a filtered listing makes every item to
// judge it (about 1.5 s for a million), and its next pages reuse the
// matches.
func WithDemoData(seed int64, nBackups, nTasks int) Option {
	return func(o *options) { o.demo = &demoSpec{seed: seed, backups: nBackups, tasks: nTasks} }
}

// WithAdminAPI serves a small JSON admin API on the server's own port,
// under AdminPrefix ("/_fake/"), a path the real API never uses: seed,
// change and remove items, inject faults, read the request log, reset. It
// lets tests in any language drive a fake they did not start in-process
// (the fake-server command turns it on); Go tests can call the Server's
// methods instead. The package documentation lists its endpoints. It has
// no authentication: serve it only where every client may change the data.
func WithAdminAPI() Option {
	return func(o *options) { o.admin = true }
}
