package client

import (
	"context"
	"fmt"
	"sync"

	"github.com/alibabacloud-go/tea/dara"
	"github.com/aliyun/credentials-go/credentials"
)

// Where a client's credentials come from, as a CredentialsError names it.
const (
	sourceStatic       = "Config.AccessKeyId/AccessKeySecret"
	sourceDefaultChain = "the default credential chain"
	// chainProblem is the Problem of a default chain that failed: every
	// source in it came up empty or failed.
	chainProblem = "nothing in the environment, ~/.aliyun/config.json or ECS metadata"
)

// credentialSource is a client's credential provider, called so that a
// call never waits for it longer than its ctx allows. A provider may block
// (the ECS metadata service unreachable, a custom provider that hangs) and
// credentials-go's GetCredential takes no ctx, so the provider runs in a
// goroutine; callers that arrive while a fetch is in flight share it, so a
// provider that never returns holds one goroutine per client, not one per
// call. Static keys from the Config cannot block and are read directly.
type credentialSource struct {
	cred   credentials.Credential
	source string // for CredentialsError.Source
	static bool   // no goroutine needed
	// model is a static source's checked credentials, built once: they
	// cannot change, and building them was two allocations a call.
	model *credentials.CredentialModel

	mu       sync.Mutex
	inflight *credentialFetch
}

// credentialFetch is one call of the provider; done closes when it returns.
type credentialFetch struct {
	done  chan struct{}
	model *credentials.CredentialModel
	err   error
}

// newCredentialSource picks static keys, then cfg.Credential, then the
// credentials-go default chain.
func newCredentialSource(cfg *Config) (*credentialSource, error) {
	switch {
	case cfg.AccessKeyId != "" || cfg.AccessKeySecret != "":
		if cfg.AccessKeyId == "" || cfg.AccessKeySecret == "" {
			return nil, fmt.Errorf("computenest: Config.AccessKeyId and Config.AccessKeySecret must be set together")
		}
		cc := &credentials.Config{
			Type:            dara.String("access_key"),
			AccessKeyId:     dara.String(cfg.AccessKeyId),
			AccessKeySecret: dara.String(cfg.AccessKeySecret),
		}
		if cfg.SecurityToken != "" {
			cc.Type = dara.String("sts")
			cc.SecurityToken = dara.String(cfg.SecurityToken)
		}
		cred, err := credentials.NewCredential(cc)
		if err != nil {
			return nil, &CredentialsError{Source: sourceStatic, Problem: "they were refused", Err: err}
		}
		s := &credentialSource{cred: cred, source: sourceStatic, static: true}
		s.model, _ = s.check(callProvider(cred)) // nil on a failure: get reports it
		return s, nil
	case cfg.SecurityToken != "":
		return nil, fmt.Errorf("computenest: Config.SecurityToken needs Config.AccessKeyId and Config.AccessKeySecret")
	case cfg.Credential != nil:
		return &credentialSource{cred: cfg.Credential, source: fmt.Sprintf("Config.Credential (%T)", cfg.Credential)}, nil
	}
	cred, err := credentials.NewCredential(nil)
	if err != nil {
		return nil, &CredentialsError{Source: sourceDefaultChain, Problem: chainProblem, Err: err}
	}
	return &credentialSource{cred: cred, source: sourceDefaultChain}, nil
}

// get returns usable credentials, or a *CredentialsError, or ctx's error
// when ctx ends first.
func (s *credentialSource) get(ctx context.Context) (*credentials.CredentialModel, error) {
	if s.model != nil {
		return s.model, nil
	}
	if s.static {
		return s.check(callProvider(s.cred))
	}
	s.mu.Lock()
	f := s.inflight
	if f == nil {
		f = &credentialFetch{done: make(chan struct{})}
		s.inflight = f
		go func() {
			f.model, f.err = callProvider(s.cred)
			s.mu.Lock()
			s.inflight = nil
			s.mu.Unlock()
			close(f.done)
		}()
	}
	s.mu.Unlock()
	select {
	case <-f.done:
		return s.check(f.model, f.err)
	case <-ctx.Done():
		return nil, contextError(ctx)
	}
}

// callProvider calls the provider, turning a panic into an error: it may
// run on a goroutine of its own, where a panic would end the program.
func callProvider(cred credentials.Credential) (m *credentials.CredentialModel, err error) {
	defer func() {
		if r := recover(); r != nil {
			m, err = nil, fmt.Errorf("the credential provider panicked: %v", r)
		}
	}()
	return cred.GetCredential()
}

// check turns what the provider returned into credentials a request can be
// signed with, or a *CredentialsError: a failure, nothing at all, or
// credentials with an empty part would otherwise be signed and sent, and
// come back as a confusing SignatureDoesNotMatch.
func (s *credentialSource) check(m *credentials.CredentialModel, err error) (*credentials.CredentialModel, error) {
	problem := ""
	switch {
	case err != nil && s.source == sourceDefaultChain:
		problem = chainProblem
	case err != nil:
		problem = "the provider failed"
	case m == nil:
		problem = "the provider returned no credentials"
	default:
		switch dara.StringValue(m.Type) {
		case "bearer":
			if dara.StringValue(m.BearerToken) == "" {
				problem = "the bearer token is empty"
			}
		case "id_token":
			if dara.StringValue(m.SecurityToken) == "" {
				problem = "the ID token is empty"
			}
		default:
			switch {
			case dara.StringValue(m.AccessKeyId) == "":
				problem = "the AccessKey ID is empty"
			case dara.StringValue(m.AccessKeySecret) == "":
				problem = "the AccessKey secret is empty"
			case dara.StringValue(m.Type) == "sts" && dara.StringValue(m.SecurityToken) == "":
				problem = "the STS security token is empty"
			}
		}
	}
	if problem != "" {
		return nil, &CredentialsError{Source: s.source, Problem: problem, Err: err}
	}
	return m, nil
}
