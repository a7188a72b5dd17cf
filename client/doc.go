// Package client calls Alibaba Cloud Compute Nest's ListBackups and
// ListRestoreTasks actions with typed requests and responses, and builds
// page iterators and waiters on them.
//
// # Getting started
//
// NewClient checks a Config and contacts nothing:
//
//	c, err := client.NewClient(&client.Config{RegionId: "cn-hangzhou"})
//	if err != nil { ... }
//	resp, err := c.ListBackups(ctx, new(models.ListBackupsRequest).
//		SetMaxResults(50).
//		FilterByServiceInstanceId("si-7b6138dfce1e4c41ab71"))
//
// With no keys in Config, credentials come from the credentials-go default
// chain: the environment (ALIBABA_CLOUD_ACCESS_KEY_ID and
// ALIBABA_CLOUD_ACCESS_KEY_SECRET, plus ALIBABA_CLOUD_SECURITY_TOKEN for
// STS), OIDC, the aliyun CLI profile, the credentials file, and the ECS
// instance RAM role (set ALIBABA_CLOUD_ECS_METADATA_DISABLED=true outside
// ECS to skip the metadata lookup). When the chain finds nothing, the first
// call fails with a *CredentialsError. Config.AccessKeyId and
// AccessKeySecret (with SecurityToken for STS), or Config.Credential, supply
// credentials directly; none of the package's types prints a secret.
//
// Every call takes a context.Context, validates its request before
// anything is sent (a *models.ValidationError), never modifies the request,
// is signed with ACS3-HMAC-SHA256, and decodes the response straight into
// the models types. A Client is safe for concurrent use; share one per
// configuration.
//
// # Pagination
//
// Each call returns one page. Client.Backups and Client.RestoreTasks range
// over every item with range-over-func, fetching pages as the loop needs
// them. NewListBackupsPaginator and NewListRestoreTasksPaginator give
// page-level control (each page's RequestId and TotalCount, a NextToken to
// resume from), and ListAllBackups and ListAllRestoreTasks collect a whole
// listing. A listing never loops forever and never stops short silently:
// *RepeatedTokenError, *EmptyPagesError, *RestartedListingError and
// *LimitError say why it stopped. An item the page before (or the first page)
// already returned is dropped, so a listing that shifts under an offset token
// does not return it twice.
//
// # Waiters
//
// Client.WaitForRestoreTask polls until a restore job is Restored, and
// Client.WaitForBackup until a backup is Created, with delays that grow,
// jittered, between WaiterOptions.MinDelay and MaxDelay, until ctx's
// deadline or MaxWait. Any other terminal status is a *WaitFailedError that
// carries the item and its StatusDetail; an ID that matches nothing wraps
// ErrNotFound; a deadline is a *WaitTimeoutError with the last status seen.
//
// # Errors and retries
//
// An error answer is an *APIError (use errors.As, then IsThrottling,
// IsNotFound, IsAccessDenied, IsSignatureError, IsRetryable), also when a
// proxy answered with an HTML page or an empty body. A status other than
// 200, or a 200 whose body is not the documented response, is a
// *DecodeError. A call that got no complete response (connection refused
// or dropped, an attempt out of Config.AttemptTimeout) is a
// *TransportError with the last cause and the attempt count. The package-level
// IsThrottling, IsNotFound, IsAccessDenied and IsRetryable look through
// wrapped errors.
//
// Throttling, HTTP 5xx, dropped connections and cut-off bodies are retried
// by Config.Retry (DefaultRetryPolicy when nil: 4 attempts, jittered
// backoff from 200ms to 10s, or the wait the service asks for, within
// RetryPolicy.MaxElapsed of 1 minute for the whole call); each retry is
// signed anew. NoRetries sends every request once. Config.RateLimit caps
// a client's calls per second, and Config.Logger receives one debug line per
// attempt. The service's retry-after hint holds back every call of
// the client until its time, at most RetryPolicy.MaxDelay. Config.Hook
// receives every attempt's events, for tracing.
//
// # Per-call options
//
// ListBackups and ListRestoreTasks take optFns ...func(*Options), as
// aws-sdk-go-v2's clients do: a retry policy, a logger, a User-Agent suffix,
// an attempt timeout or a hook for one call. PaginatorOptions.ClientOptions
// and WaiterOptions.ClientOptions pass them to every call of a paginator,
// iterator, ListAll function or waiter.
//
// # Testing
//
// Package computenesttest runs a fake Compute Nest in the test process;
// its ClientConfig is a Config for NewClient. The paginators take the
// one-method interfaces ListBackupsAPIClient and ListRestoreTasksAPIClient,
// and so do the package functions Backups, RestoreTasks, ListAllBackups,
// ListAllRestoreTasks, WaitForBackup and WaitForRestoreTask (the *Client
// methods of the same names call them): code that depends on the interfaces
// runs over a test double without HTTP.
package client
