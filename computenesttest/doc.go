// Package computenesttest runs an in-process fake of Alibaba Cloud Compute
// Nest's ListBackups and ListRestoreTasks actions, for tests that must not
// (or cannot) reach Alibaba Cloud, in the spirit of net/http/httptest.
//
//	srv := computenesttest.NewServer()
//	defer srv.Close()
//	srv.Backups().Add(new(models.Backup).SetBackupId("backup-1").SetStatus(models.BackupStatusCreated))
//	c, _ := client.NewClient(srv.ClientConfig())
//	resp, err := c.ListBackups(ctx, nil)
//
// A test seeds the stores (Server.Backups, Server.RestoreTasks), runs the
// code under test against a client built from ClientConfig, and may change
// the data while that code runs: moving a restore task from Restoring to
// Restored from a goroutine tests code that waits for it. Afterwards
// Requests tells what the code sent. ClientConfig leaves Retry at the
// client's default, which rides out injected throttling and 5xx faults; set
// client.NoRetries() to see each fault as the caller would without retries.
//
// The fake is as strict as the service. Every request must be signed by a
// key pair it accepts (WithAccessKey, WithSTSToken, or the random pair
// ClientConfig reports), in one of the two schemes Alibaba Cloud's RPC
// gateway accepts:
//
//   - ACS3-HMAC-SHA256, as this module's client and darabonba-openapi send
//     by default: an Authorization header, and x-acs-action, x-acs-version
//     2021-06-01, an x-acs-date and an x-acs-signature-nonce (and
//     x-acs-security-token for an STS key), all signed.
//   - Signature version 1.0 (HMAC-SHA1), as the aliyun CLI,
//     alibaba-cloud-sdk-go and darabonba-openapi with SignatureAlgorithm
//     "v2" send: AccessKeyId, SignatureMethod HMAC-SHA1, SignatureVersion
//     1.0 and Signature parameters in the query or a form body, with
//     Action, Version 2021-06-01, Timestamp, SignatureNonce (and
//     SecurityToken for an STS key) and Format JSON. The fake answers only
//     JSON, so Format XML, or no Format (which means XML), is
//     InvalidParameter.
//
// A request with an Authorization header is judged as ACS3, else one with
// a Signature parameter as version 1.0, else it is IncompleteSignature. In
// both schemes the date must be within 15 minutes of the server's clock
// (WithClock; every answer's Date header tells that clock's time, as the
// service's do, so a client can learn its skew from a refusal) and
// the nonce one it has not seen; a nonce is remembered until its date
// leaves that window, and a request dated no later than a forgotten nonce
// is refused as expired even if the clock was set back, so no replay gets
// through. A signed header (ACS3) or parameter (version 1.0) given twice
// is InvalidParameter: the server would otherwise read one value of the
// two. A query string or form body of more than 10,000 parameters is
// InvalidParameter saying so.
//
// A failure is answered with the documented JSON error document
// (RequestId, HostId, Code, Message, Recommend): IncompleteSignature,
// SignatureDoesNotMatch, MissingParameter, InvalidParameter,
// InvalidTimeStamp.Format, InvalidTimeStamp.Expired, SignatureNonceUsed,
// InvalidSecurityToken.MismatchWithAccessKey, MissingSecurityToken and
// InvalidVersion with HTTP 400, InvalidAccessKeyId.NotFound and
// InvalidAction.NotFound with 404, UnsupportedHTTPMethod with 405. Where clients read the document, it is
// the service's, word for word: SignatureDoesNotMatch's Message is
// "Specified signature is not matched with our calculation. server string
// to sign is:" followed by the string to sign, raw (alibaba-cloud-sdk-go
// compares it with its own to tell a wrong secret from an SDK bug); an
// unknown key's is "Specified access key is not found."; an unknown
// action's "Specified api is not found, please check your url and
// method."; Recommend is
// https://api.aliyun.com/troubleshoot?q=<Code>&product=ComputeNest&requestId=<RequestId>;
// HostId is the host the request named. Every answer carries a fresh
// request ID in its body (JSON answers) and in the x-acs-request-id header.
//
// # Listing
//
// Both actions share one list implementation with these semantics:
//
//   - MaxResults is 1 to 100, 20 when absent; anything else is
//     InvalidParameter. Filters are Filter.N.Name and Filter.N.Value.M with
//     N and M counting from 1 without gaps. A name the action does not
//     document, an empty value or a malformed time is InvalidParameter; a
//     filter without a name or values is MissingParameter.
//   - Filters are ANDed; the values of one filter are ORed. BackupId,
//     RestoreTaskId, ServiceInstanceId and Status compare exactly
//     (case-sensitive). StartTime=t selects items whose StartTime is at or
//     after t; EndTime=t selects items that have an EndTime at or before t
//     (so a job still running never matches an EndTime filter). Times are
//     compared as instants, whatever their offsets.
//   - Items are listed in the order they were added to the store. An item
//     replaced (Store.Add with the same ID) or updated keeps its place.
//   - TotalCount counts the items of the listing that match the filters:
//     on a first page, every matching item in the store.
//   - A NextToken is opaque, signed with a key random per server, and bound
//     to the action and the filters (not to MaxResults, which may change
//     between pages). A garbled or forged token, or one reused with other
//     filters or the other action, is InvalidParameter "The specified
//     NextToken is invalid.". The last page has no NextToken.
//   - A listing is a snapshot of the items that existed when its first page
//     was served: items added later are not in it (start a new listing to
//     see them), items removed meanwhile disappear from later pages, and
//     items updated meanwhile appear with their new values. So no item that
//     existed when the listing began and still exists is skipped or
//     repeated.
//
// # Faults and the request log
//
// InjectFault makes the next matching requests misbehave: throttling
// (with or without a retry-after hint), a 5xx, an HTML, empty or cut-off
// body, a delay, a dropped connection, a repeated NextToken, an empty
// page that still carries a token, or a listing that starts over under a
// fresh token. Requests lists what the server
// received, with the outcome of each, so a test can assert the pages and
// retries a client made.
//
// # Data
//
// Store holds the items; tests seed and change them at any time, also
// while a client lists. Store.Update runs its function outside the store's
// lock, so the function may call the store. The WithDemoData option gives
// a deterministic data set for a seed and a day: every documented status,
// "Z" and "+08:00" times, running items without an EndTime, on the service
// instances DemoServiceInstances returns, dated back from the start (UTC)
// of the day of the server's clock, so a filter on the last few days finds
// some. DemoData returns the same items, so comparing what a client listed
// with it checks a whole listing. WithDemoData makes its items only when
// asked for, so a million of them start at once in little memory.
// DemoSeed, DemoBackupCount and DemoRestoreTaskCount name the one demo set
// that the fake-server command serves by default and the examples' -demo
// flag serves.
//
// # Admin API
//
// WithAdminAPI serves a JSON admin API under /_fake/ on the server's own
// port, a path the real API never uses, for tests that cannot call Go (the
// examples/fake-server command turns it on). Items are sent and returned
// as the API's JSON (models.Backup, models.RestoreTask); errors are
// {"error": "..."} with HTTP 400, 404, or 413 for a body over 64 MiB.
//
//	GET    /_fake/                     counts and the list of endpoints
//	POST   /_fake/backups              add (or replace by ID) a JSON array of backups, or one
//	GET    /_fake/backups/{id}         one backup
//	PATCH  /_fake/backups/{id}         set the fields given, e.g. {"Status":"Deleted"}, and ModifiedTime
//	DELETE /_fake/backups/{id}         remove it
//	POST|GET|PATCH|DELETE /_fake/restore-tasks[/{id}]   the same for restore tasks
//	POST   /_fake/faults               inject {"Kind":"Throttle","Action":"ListBackups","Times":2,
//	                                   "Status":429,"RetryAfterMs":1500,"DelayMs":0}; answers the pending faults
//	GET    /_fake/faults               the pending faults
//	DELETE /_fake/faults               drop them
//	GET    /_fake/requests             the request log (Request, as JSON; no secret, token or signature)
//	DELETE /_fake/requests             empty it
//	POST   /_fake/reset                back to the start: the demo data only, no fault, an empty log
//
// A body must be one JSON value and nothing after it. Unknown fields are
// refused, so a misspelt field is an error rather than a no-op; so is a
// PATCH that would change or clear the item's ID. So are values the
// service never sends: a time that is not RFC 3339 ("EndTime":
// "yesterday"), a negative RetentionDays, an ID field present but empty;
// the error names the field and the value. Unknown statuses pass, as the
// API's enums are open. To seed such values on purpose, to test how a
// client copes with bad data, add ?unchecked=1 to the POST or PATCH: it
// is the admin API's one way to skip these checks (the Store methods never
// check). A PATCH that changes an item sets its ModifiedTime to the
// server's clock (RFC 3339, UTC), as the service would, unless the PATCH
// sets ModifiedTime itself. An invalid fault is
// refused as InjectFault refuses it. Each request applies in full or not
// at all, and concurrent requests are safe. The admin API has no
// authentication.
//
// # What the fake does not model
//
//   - Any action but ListBackups and ListRestoreTasks, and any answer
//     format but JSON.
//   - Permissions: every accepted key sees and may list every item; there
//     is no RAM policy, no Forbidden.RAM, no account or region separation
//     (RegionId and the Host are not checked; HostId echoes the Host).
//   - STS token expiry, bearer tokens, and ACS3 algorithms other than
//     ACS3-HMAC-SHA256.
//   - Throttling and server errors, except as injected faults.
//   - The service's own life cycle: statuses change only when a test
//     changes them.
//   - The version 1.0 string to sign in SignatureDoesNotMatch shows a
//     SecurityToken as "<redacted>", where the service shows it as sent:
//     alibaba-cloud-sdk-go then suspects its own bug instead of a wrong
//     secret for an STS key.
//   - Other messages in the service's words: besides the three documents
//     above, a Message (InvalidParameter's, MissingParameter's, ...) is the
//     fake's own explanation; Codes and HTTP statuses are the service's.
//     An ACS3 request whose x-acs-content-sha256 does not match its body,
//     or whose query string cannot be parsed, is SignatureDoesNotMatch
//     saying so, without the string to sign.
//   - The gateway's own limits: the fake reads at most 1 MiB of a request
//     body and 10,000 parameters; the service's limits are not documented.
//   - Nonce scope: a nonce is spent for every key, not only the one that
//     signed it, so two keys reusing a nonce are refused where the service
//     might accept them.
//   - Listing order: items list in the order they were added; the
//     service's order is not documented.
//   - Speed at scale: the first page of a filtered listing judges every
//     stored item (about 1.5 s for a million lazily made demo items); its
//     next pages reuse those matches until the store changes.
//
// The examples/fake-server command runs the same fake as a standalone
// process.
package computenesttest
