package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

func init() {
	m.Register(upSurveyIndex, downSurveyIndex)
}

// surveyPendingWhere must stay word for word the condition the automation
// queries with (autoservice.surveyPendingCond): SQLite uses a partial index
// only for a query whose WHERE contains the index's. No parentheses: the
// dashboard's index parser would take them for the column list's.
const surveyPendingWhere = "satisfaction ->> '$.step' = 'rating' OR satisfaction ->> '$.step' = 'resolved' " +
	"OR satisfaction ->> '$.step' = 'comment'"

// upSurveyIndex indexes the few conversations whose satisfaction survey
// awaits an answer. The automation asks, for every ingest batch, which of
// its customers have one: with this index that reads a handful of entries
// instead of every conversation of the batch's customers.
func upSurveyIndex(app core.App) error {
	c, err := app.FindCollectionByNameOrId("conversations")
	if err != nil {
		return err
	}
	c.AddIndex("idx_conversations_survey_pending", false, "customer", surveyPendingWhere)
	return app.Save(c)
}

func downSurveyIndex(app core.App) error {
	c, err := app.FindCollectionByNameOrId("conversations")
	if err != nil {
		return err
	}
	c.RemoveIndex("idx_conversations_survey_pending")
	return app.Save(c)
}
