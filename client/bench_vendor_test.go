package client_test

// This file reproduces, for the benchmarks, what Alibaba Cloud's generated SDK
// (github.com/alibabacloud-go/computenest-20210601, darabonba v2 style) does
// for ListBackups and ListRestoreTasks, with the darabonba-openapi and tea
// versions this module already uses. It follows the generator's output line
// for line: the request is turned into a map, flattened by
// openapiutil.Query (JSON round trip plus reflection), sent by CallApiWithCtx
// with BodyType "json" and darabonba's own pooled HTTP client, and the
// map[string]any darabonba returns is turned into structs by dara.Convert
// (json.Marshal of the map, then a json-iterator decode). The structs below
// mirror the generated ones: every field a pointer, JSON names as the API's.

import (
	"context"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"

	"github.com/computenest-sdk/computenest-go/models"
)

// vendorClient is the generated client: an openapi.Client with one method per
// action.
type vendorClient struct {
	openapi.Client
}

// newVendorClient builds the client the way the generated NewClient does, with
// an explicit endpoint (GetEndpoint then returns it unchanged).
func newVendorClient(endpoint, keyID, secret string) (*vendorClient, error) {
	c := new(vendorClient)
	err := c.Init(&openapi.Config{
		AccessKeyId:     dara.String(keyID),
		AccessKeySecret: dara.String(secret),
		Endpoint:        dara.String(endpoint),
		Protocol:        dara.String("http"),
	})
	if err != nil {
		return nil, err
	}
	c.EndpointRule = dara.String("regional")
	return c, nil
}

type vendorFilter struct {
	Name  *string   `json:"Name,omitempty" xml:"Name,omitempty"`
	Value []*string `json:"Value,omitempty" xml:"Value,omitempty" type:"Repeated"`
}

func (s *vendorFilter) Validate() error { return nil }

type vendorListBackupsRequest struct {
	Filter     []*vendorFilter `json:"Filter,omitempty" xml:"Filter,omitempty" type:"Repeated"`
	MaxResults *int32          `json:"MaxResults,omitempty" xml:"MaxResults,omitempty"`
	NextToken  *string         `json:"NextToken,omitempty" xml:"NextToken,omitempty"`
}

func (s *vendorListBackupsRequest) Validate() error {
	for _, item := range s.Filter {
		if item != nil {
			if err := item.Validate(); err != nil {
				return err
			}
		}
	}
	return nil
}

type vendorListBackupsResponse struct {
	Headers    map[string]*string             `json:"headers,omitempty"`
	StatusCode *int32                         `json:"statusCode,omitempty"`
	Body       *vendorListBackupsResponseBody `json:"body,omitempty"`
}

type vendorListBackupsResponseBody struct {
	Backups    []*vendorBackup `json:"Backups,omitempty" xml:"Backups,omitempty" type:"Repeated"`
	MaxResults *int32          `json:"MaxResults,omitempty" xml:"MaxResults,omitempty"`
	NextToken  *string         `json:"NextToken,omitempty" xml:"NextToken,omitempty"`
	RequestId  *string         `json:"RequestId,omitempty" xml:"RequestId,omitempty"`
	TotalCount *int32          `json:"TotalCount,omitempty" xml:"TotalCount,omitempty"`
}

type vendorBackup struct {
	BackupId          *string `json:"BackupId,omitempty" xml:"BackupId,omitempty"`
	BackupMode        *string `json:"BackupMode,omitempty" xml:"BackupMode,omitempty"`
	CreateTime        *string `json:"CreateTime,omitempty" xml:"CreateTime,omitempty"`
	Description       *string `json:"Description,omitempty" xml:"Description,omitempty"`
	EndTime           *string `json:"EndTime,omitempty" xml:"EndTime,omitempty"`
	ModifiedTime      *string `json:"ModifiedTime,omitempty" xml:"ModifiedTime,omitempty"`
	RetentionDays     *int32  `json:"RetentionDays,omitempty" xml:"RetentionDays,omitempty"`
	ServiceInstanceId *string `json:"ServiceInstanceId,omitempty" xml:"ServiceInstanceId,omitempty"`
	StartTime         *string `json:"StartTime,omitempty" xml:"StartTime,omitempty"`
	Status            *string `json:"Status,omitempty" xml:"Status,omitempty"`
	StatusDetail      *string `json:"StatusDetail,omitempty" xml:"StatusDetail,omitempty"`
}

type vendorListRestoreTasksRequest struct {
	Filter     []*vendorFilter `json:"Filter,omitempty" xml:"Filter,omitempty" type:"Repeated"`
	MaxResults *int32          `json:"MaxResults,omitempty" xml:"MaxResults,omitempty"`
	NextToken  *string         `json:"NextToken,omitempty" xml:"NextToken,omitempty"`
}

func (s *vendorListRestoreTasksRequest) Validate() error {
	for _, item := range s.Filter {
		if item != nil {
			if err := item.Validate(); err != nil {
				return err
			}
		}
	}
	return nil
}

type vendorListRestoreTasksResponse struct {
	Headers    map[string]*string                  `json:"headers,omitempty"`
	StatusCode *int32                              `json:"statusCode,omitempty"`
	Body       *vendorListRestoreTasksResponseBody `json:"body,omitempty"`
}

type vendorListRestoreTasksResponseBody struct {
	MaxResults   *int32               `json:"MaxResults,omitempty" xml:"MaxResults,omitempty"`
	NextToken    *string              `json:"NextToken,omitempty" xml:"NextToken,omitempty"`
	RequestId    *string              `json:"RequestId,omitempty" xml:"RequestId,omitempty"`
	RestoreTasks []*vendorRestoreTask `json:"RestoreTasks,omitempty" xml:"RestoreTasks,omitempty" type:"Repeated"`
	TotalCount   *int32               `json:"TotalCount,omitempty" xml:"TotalCount,omitempty"`
}

type vendorRestoreTask struct {
	BackupId          *string `json:"BackupId,omitempty" xml:"BackupId,omitempty"`
	CreateTime        *string `json:"CreateTime,omitempty" xml:"CreateTime,omitempty"`
	EndTime           *string `json:"EndTime,omitempty" xml:"EndTime,omitempty"`
	ModifiedTime      *string `json:"ModifiedTime,omitempty" xml:"ModifiedTime,omitempty"`
	RestoreTaskId     *string `json:"RestoreTaskId,omitempty" xml:"RestoreTaskId,omitempty"`
	ServiceInstanceId *string `json:"ServiceInstanceId,omitempty" xml:"ServiceInstanceId,omitempty"`
	StartTime         *string `json:"StartTime,omitempty" xml:"StartTime,omitempty"`
	Status            *string `json:"Status,omitempty" xml:"Status,omitempty"`
	StatusDetail      *string `json:"StatusDetail,omitempty" xml:"StatusDetail,omitempty"`
}

// ListBackups is the generated convenience method: default runtime options.
func (client *vendorClient) ListBackups(ctx context.Context, request *vendorListBackupsRequest) (*vendorListBackupsResponse, error) {
	return client.ListBackupsWithContext(ctx, request, &dara.RuntimeOptions{})
}

// ListBackupsWithContext is the generated method, as the generator writes it.
func (client *vendorClient) ListBackupsWithContext(ctx context.Context, request *vendorListBackupsRequest, runtime *dara.RuntimeOptions) (_result *vendorListBackupsResponse, _err error) {
	if dara.BoolValue(client.EnableValidate) == true {
		_err = request.Validate()
		if _err != nil {
			return _result, _err
		}
	}
	query := map[string]interface{}{}
	if !dara.IsNil(request.Filter) {
		query["Filter"] = request.Filter
	}

	if !dara.IsNil(request.MaxResults) {
		query["MaxResults"] = request.MaxResults
	}

	if !dara.IsNil(request.NextToken) {
		query["NextToken"] = request.NextToken
	}

	req := &openapiutil.OpenApiRequest{
		Query: openapiutil.Query(query),
	}
	params := &openapiutil.Params{
		Action:      dara.String("ListBackups"),
		Version:     dara.String("2021-06-01"),
		Protocol:    dara.String("HTTPS"),
		Pathname:    dara.String("/"),
		Method:      dara.String("POST"),
		AuthType:    dara.String("AK"),
		Style:       dara.String("RPC"),
		ReqBodyType: dara.String("formData"),
		BodyType:    dara.String("json"),
	}
	_result = &vendorListBackupsResponse{}
	_body, _err := client.CallApiWithCtx(ctx, params, req, runtime)
	if _err != nil {
		return _result, _err
	}
	_err = dara.Convert(_body, &_result)
	return _result, _err
}

// ListRestoreTasks is the generated convenience method: default runtime options.
func (client *vendorClient) ListRestoreTasks(ctx context.Context, request *vendorListRestoreTasksRequest) (*vendorListRestoreTasksResponse, error) {
	return client.ListRestoreTasksWithContext(ctx, request, &dara.RuntimeOptions{})
}

// ListRestoreTasksWithContext is the generated method, as the generator writes it.
func (client *vendorClient) ListRestoreTasksWithContext(ctx context.Context, request *vendorListRestoreTasksRequest, runtime *dara.RuntimeOptions) (_result *vendorListRestoreTasksResponse, _err error) {
	if dara.BoolValue(client.EnableValidate) == true {
		_err = request.Validate()
		if _err != nil {
			return _result, _err
		}
	}
	query := map[string]interface{}{}
	if !dara.IsNil(request.Filter) {
		query["Filter"] = request.Filter
	}

	if !dara.IsNil(request.MaxResults) {
		query["MaxResults"] = request.MaxResults
	}

	if !dara.IsNil(request.NextToken) {
		query["NextToken"] = request.NextToken
	}

	req := &openapiutil.OpenApiRequest{
		Query: openapiutil.Query(query),
	}
	params := &openapiutil.Params{
		Action:      dara.String("ListRestoreTasks"),
		Version:     dara.String("2021-06-01"),
		Protocol:    dara.String("HTTPS"),
		Pathname:    dara.String("/"),
		Method:      dara.String("POST"),
		AuthType:    dara.String("AK"),
		Style:       dara.String("RPC"),
		ReqBodyType: dara.String("formData"),
		BodyType:    dara.String("json"),
	}
	_result = &vendorListRestoreTasksResponse{}
	_body, _err := client.CallApiWithCtx(ctx, params, req, runtime)
	if _err != nil {
		return _result, _err
	}
	_err = dara.Convert(_body, &_result)
	return _result, _err
}

// toModels copies a generated response body into the SDK's types, so the
// equality test can compare what each path decoded.
func (v *vendorListBackupsResponseBody) toModels() *models.ListBackupsResponse {
	if v == nil {
		return nil
	}
	out := &models.ListBackupsResponse{
		TotalCount: v.TotalCount,
		RequestId:  v.RequestId,
		NextToken:  v.NextToken,
		MaxResults: v.MaxResults,
	}
	if v.Backups != nil {
		out.Backups = make([]*models.Backup, len(v.Backups))
	}
	for i, b := range v.Backups {
		if b == nil {
			continue
		}
		out.Backups[i] = &models.Backup{
			BackupId:          b.BackupId,
			ServiceInstanceId: b.ServiceInstanceId,
			StartTime:         b.StartTime,
			EndTime:           b.EndTime,
			Status:            (*models.BackupStatus)(b.Status),
			Description:       b.Description,
			BackupMode:        (*models.BackupMode)(b.BackupMode),
			RetentionDays:     b.RetentionDays,
			StatusDetail:      b.StatusDetail,
			ModifiedTime:      b.ModifiedTime,
			CreateTime:        b.CreateTime,
		}
	}
	return out
}

// toModels copies a generated response body into the SDK's types.
func (v *vendorListRestoreTasksResponseBody) toModels() *models.ListRestoreTasksResponse {
	if v == nil {
		return nil
	}
	out := &models.ListRestoreTasksResponse{
		TotalCount: v.TotalCount,
		RequestId:  v.RequestId,
		NextToken:  v.NextToken,
		MaxResults: v.MaxResults,
	}
	if v.RestoreTasks != nil {
		out.RestoreTasks = make([]*models.RestoreTask, len(v.RestoreTasks))
	}
	for i, t := range v.RestoreTasks {
		if t == nil {
			continue
		}
		out.RestoreTasks[i] = &models.RestoreTask{
			RestoreTaskId:     t.RestoreTaskId,
			ServiceInstanceId: t.ServiceInstanceId,
			BackupId:          t.BackupId,
			StartTime:         t.StartTime,
			EndTime:           t.EndTime,
			Status:            (*models.RestoreTaskStatus)(t.Status),
			StatusDetail:      t.StatusDetail,
			CreateTime:        t.CreateTime,
			ModifiedTime:      t.ModifiedTime,
		}
	}
	return out
}
