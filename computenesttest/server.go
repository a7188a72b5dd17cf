package computenesttest

import (
	"crypto/rand"
	"encoding/hex"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/models"
)

// Server is an in-process fake of Compute Nest's ListBackups and
// ListRestoreTasks. Start one with NewServer or NewTLSServer and stop it
// with Close. It is safe for concurrent use.
type Server struct {
	ts      *httptest.Server
	useTLS  bool
	keys    map[string]credential
	primary credential
	now     func() time.Time
	tokens  tokenCodec

	backups      *Store[models.Backup]
	restoreTasks *Store[models.RestoreTask]
	actions      map[string]endpoint
	demo         *demoGen     // the demo data WithDemoData asked for; nil without
	admin        http.Handler // the admin API; nil without WithAdminAPI

	nonces nonceCache
	faults faultQueue
	reqLog requestLog

	closing   chan struct{} // closed by Close, to cut fault delays short
	closeOnce sync.Once
}

// NewServer starts a fake serving plain HTTP on a loopback port. Callers
// should Close it when done. It panics if it cannot listen, as
// httptest.NewServer does.
func NewServer(opts ...Option) *Server { return newServer(false, opts) }

// NewTLSServer starts a fake serving HTTPS with httptest's self-signed
// certificate; ClientConfig returns a configuration that trusts it.
func NewTLSServer(opts ...Option) *Server { return newServer(true, opts) }

func newServer(useTLS bool, opts []Option) *Server {
	o := options{now: time.Now}
	for _, opt := range opts {
		opt(&o)
	}
	if o.now == nil {
		o.now = time.Now
	}
	if len(o.keys) == 0 {
		o.keys = []credential{{id: "LTAI" + randomHex(10), secret: randomHex(15)}}
	}
	s := &Server{
		useTLS:       useTLS,
		keys:         make(map[string]credential, len(o.keys)),
		primary:      o.keys[0],
		now:          o.now,
		tokens:       tokenCodec{key: []byte(randomHex(32))},
		backups:      newStore((*models.Backup).GetBackupId, (*models.Backup).Clone),
		restoreTasks: newStore((*models.RestoreTask).GetRestoreTaskId, (*models.RestoreTask).Clone),
		closing:      make(chan struct{}),
	}
	for _, k := range o.keys {
		s.keys[k.id] = k
	}
	backups, tasks := newBackupsAction(s.backups), newRestoreTasksAction(s.restoreTasks)
	s.actions = map[string]endpoint{backups.name: backups, tasks.name: tasks}
	if o.demo != nil {
		s.demo = newDemoGen(o.demo.seed, DemoDay(s.now()), o.demo.backups, o.demo.tasks)
		s.demo.fill(s.backups, s.restoreTasks)
	}

	if o.admin {
		s.admin = s.adminMux()
	}

	s.ts = httptest.NewUnstartedServer(s)
	// Every failure a client can cause is answered to it; keep tests'
	// output free of the server's own log (TLS handshakes refused and the
	// like).
	s.ts.Config.ErrorLog = log.New(io.Discard, "", 0)
	if o.listener != nil {
		s.ts.Listener.Close()
		s.ts.Listener = o.listener
	}
	if useTLS {
		s.ts.StartTLS()
	} else {
		s.ts.Start()
	}
	return s
}

// Close stops the server: it stops listening, cuts injected delays short
// and waits for requests in flight to finish.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.closing)
		s.ts.Close()
	})
}

// isClosing reports whether Close has begun.
func (s *Server) isClosing() bool {
	select {
	case <-s.closing:
		return true
	default:
		return false
	}
}

// Endpoint returns the host:port clients use, for client.Config.Endpoint.
// A listener on an unspecified address (":8080", "0.0.0.0:8080", which Go
// opens for IPv4 and IPv6 alike) is reached through 127.0.0.1.
func (s *Server) Endpoint() string {
	addr := s.ts.Listener.Addr().String()
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}

// Protocol returns "http", or "https" for a server from NewTLSServer.
func (s *Server) Protocol() string {
	if s.useTLS {
		return "https"
	}
	return "http"
}

// URL returns the server's base URL, such as "http://127.0.0.1:38273".
func (s *Server) URL() string { return s.Protocol() + "://" + s.Endpoint() }

// ClientConfig returns a new client configuration for this server: its
// endpoint and protocol and the first access key pair it accepts (with its
// security token for an STS pair). For a TLS server it includes an
// HTTPClient that trusts the server's certificate. Retry is left at the
// client's default; set client.NoRetries() to see each fault raw.
func (s *Server) ClientConfig() *client.Config {
	cfg := &client.Config{
		Endpoint:        s.Endpoint(),
		Protocol:        s.Protocol(),
		AccessKeyId:     s.primary.id,
		AccessKeySecret: s.primary.secret,
		SecurityToken:   s.primary.token,
	}
	if s.useTLS {
		cfg.HTTPClient = s.ts.Client()
	}
	return cfg
}

// Backups returns the store of backups that ListBackups lists.
func (s *Server) Backups() *Store[models.Backup] { return s.backups }

// RestoreTasks returns the store of restore tasks that ListRestoreTasks
// lists.
func (s *Server) RestoreTasks() *Store[models.RestoreTask] { return s.restoreTasks }

func randomHex(n int) string {
	b := make([]byte, (n+1)/2)
	rand.Read(b)
	return strings.ToLower(hex.EncodeToString(b))[:n]
}
