package automation

import (
	"testing"
	"time"
)

func TestSurveyFlow(t *testing.T) {
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	c := Satisfaction{AskResolved: true, RequireResolved: true, AskComment: true}
	s := Survey{Step: StepRating}
	if _, ok := c.Answer(s, "你好", "", now); ok {
		t.Fatal("a question is not a rating")
	}
	if _, ok := c.Answer(s, "6", "", now); ok {
		t.Fatal("6 is out of range")
	}
	s, ok := c.Answer(s, "5分", "", now)
	if !ok || s.Rating != 5 || s.Step != StepResolved || s.Complete {
		t.Fatalf("rating: %+v", s)
	}
	if _, ok := c.Answer(s, "还行", "", now); ok {
		t.Fatal("not a resolved answer")
	}
	s, ok = c.Answer(s, "", MenuResolvedNo, now)
	if !ok || s.Resolved == nil || *s.Resolved || s.Step != StepComment || !s.Complete {
		t.Fatalf("resolved: %+v", s)
	}
	s, _ = c.Answer(s, "回复太慢", "", now)
	if s.Comment != "回复太慢" || s.Step != StepDone || s.Pending() {
		t.Fatalf("comment: %+v", s)
	}
	// Invited again: the new rating replaces the old answer.
	s.Step = StepRating
	s, _ = c.Answer(s, "", MenuRatingPrefix+"2", now)
	if s.Rating != 2 || s.Resolved != nil || s.Comment != "" || s.Complete {
		t.Fatalf("second rating: %+v", s)
	}
}

func TestSurveyOptionalSteps(t *testing.T) {
	c := Satisfaction{}
	s, ok := c.Answer(Survey{Step: StepRating}, "满意", "", time.Time{})
	if !ok || s.Rating != 4 || s.Step != StepDone || !s.Complete {
		t.Fatalf("rating only: %+v", s)
	}
	c.AskComment = true
	s, _ = c.Answer(Survey{Step: StepRating}, "3", "", time.Time{})
	s, _ = c.Answer(s, "0", "", time.Time{})
	if s.Comment != "" || s.Step != StepDone {
		t.Fatalf("skipped comment: %+v", s)
	}
}

func TestSurveyExpires(t *testing.T) {
	invited := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	s := Survey{Step: StepRating, InvitedAt: invited}
	if _, ok := (Satisfaction{}).Answer(s, "5", "", invited.Add(SurveyValidFor)); !ok {
		t.Fatal("an answer within the day must count")
	}
	if _, ok := (Satisfaction{}).Answer(s, "5", "", invited.Add(SurveyValidFor+time.Second)); ok {
		t.Fatal("an answer after the invitation expired counted")
	}
}
