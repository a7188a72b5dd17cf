// Package client calls Alibaba Cloud Compute Nest's ListBackups and
// ListRestoreTasks actions with typed requests and responses.
//
// Every call is signed with ACS3-HMAC-SHA256 by darabonba-openapi, takes a
// context.Context, validates its request before anything is sent, and
// decodes the response body straight into the models types. Failures are
// typed: *APIError for an error answer (use errors.As, then IsThrottling,
// IsNotFound, IsAccessDenied, IsRetryable), *DecodeError for a success
// status with a body that is not the documented response, and
// *CredentialsError when no credentials could be found.
//
//	c, err := client.NewClient(&client.Config{RegionId: "cn-hangzhou"})
//	if err != nil { ... }
//	resp, err := c.ListBackups(ctx, new(models.ListBackupsRequest).
//		SetMaxResults(50).
//		AddFilter(models.FilterByServiceInstanceId("si-7b6138dfce1e4c41ab71")))
//
// With no keys in Config, credentials come from the credentials-go default
// chain: environment variables, the profile file, OIDC, and the ECS instance
// RAM role.
//
// A Client is safe for concurrent use; share one per configuration.
package client
