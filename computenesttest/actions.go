package computenesttest

import "github.com/computenest-sdk/computenest-go/models"

// The two actions differ only in this file: names, fields and the response
// type. Everything else is the one generic list action in handler.go.

func newBackupsAction(store *Store[models.Backup]) *listAction[models.Backup] {
	return &listAction[models.Backup]{
		name:  "ListBackups",
		store: store,
		filters: []filterSpec[models.Backup]{
			{models.FilterBackupId, matchExact, (*models.Backup).GetBackupId},
			{models.FilterServiceInstanceId, matchExact, (*models.Backup).GetServiceInstanceId},
			{models.FilterStatus, matchExact, func(b *models.Backup) string { return string(b.GetStatus()) }},
			{models.FilterStartTime, matchAtOrAfter, (*models.Backup).GetStartTime},
			{models.FilterEndTime, matchAtOrBefore, (*models.Backup).GetEndTime},
		},
		respond: func(p page[models.Backup]) any {
			return &models.ListBackupsResponse{
				TotalCount: &p.total, RequestId: &p.requestID, NextToken: p.nextToken,
				MaxResults: &p.maxResults, Backups: p.items,
			}
		},
	}
}

func newRestoreTasksAction(store *Store[models.RestoreTask]) *listAction[models.RestoreTask] {
	return &listAction[models.RestoreTask]{
		name:  "ListRestoreTasks",
		store: store,
		filters: []filterSpec[models.RestoreTask]{
			{models.FilterRestoreTaskId, matchExact, (*models.RestoreTask).GetRestoreTaskId},
			{models.FilterServiceInstanceId, matchExact, (*models.RestoreTask).GetServiceInstanceId},
			{models.FilterStatus, matchExact, func(t *models.RestoreTask) string { return string(t.GetStatus()) }},
			{models.FilterStartTime, matchAtOrAfter, (*models.RestoreTask).GetStartTime},
			{models.FilterEndTime, matchAtOrBefore, (*models.RestoreTask).GetEndTime},
		},
		respond: func(p page[models.RestoreTask]) any {
			return &models.ListRestoreTasksResponse{
				TotalCount: &p.total, RequestId: &p.requestID, NextToken: p.nextToken,
				MaxResults: &p.maxResults, RestoreTasks: p.items,
			}
		},
	}
}
