// Package client calls Alibaba Cloud Compute Nest's ListBackups and
// ListRestoreTasks actions with typed requests and responses, and lists
// and waits on them.
//
// NewClient checks a Config and contacts nothing; with no keys in Config,
// credentials come from the credentials-go default chain, and missing ones
// are the first call's *CredentialsError. Every call takes a ctx,
// validates its request before anything is sent, never modifies it, is
// signed with ACS3-HMAC-SHA256 and retried by Config.Retry. A Client is
// safe for concurrent use; share one per configuration.
//
//	c, err := client.NewClient(&client.Config{RegionId: "cn-hangzhou"})
//	if err != nil { ... }
//	req := new(models.ListBackupsRequest).FilterByServiceInstanceId("si-7b6138dfce1e4c41ab71")
//	p := client.NewListBackupsPaginator(c, req)
//	for b, err := range p.Items(ctx) { ... }
//
// One way for each task (docs/API.md): ListBackups and ListRestoreTasks for
// one page; a paginator's Items for every item, its CurrentPage for the
// page behind one, HasMorePages and NextPage for page control;
// WaitForBackup and WaitForRestoreTask to wait; errors.As on *APIError,
// *DecodeError, *TransportError, *CredentialsError, *PaginationError and
// *LimitError, and IsThrottling, IsNotFound, IsAccessDenied,
// IsSignatureError and IsRetryable, which see through wrapping. Options
// change one call; PaginatorOptions.ClientOptions and
// WaiterOptions.ClientOptions pass them to every call of a listing or wait.
//
// The paginators and waiters take the one-method interfaces
// ListBackupsAPIClient and ListRestoreTasksAPIClient, so code written
// against them runs over a test double; package computenesttest runs a
// fake Compute Nest in the test process. docs/RELIABILITY.md states what
// the package promises under failure.
package client
