package views

// AssistView is the smart-assist panel of one conversation: knowledge-base
// answers matching what the customer wrote last, and the satisfaction
// survey.
type AssistView struct {
	ConversationID string
	// Query is the customer's latest text, prefilled as a new question.
	Query       string
	Suggestions []SuggestionView
	Survey      SurveyView
	// CanInvite: the agent may send the survey (an open conversation).
	CanInvite bool
	// Notice is a one-off line after an action (saved, skipped).
	Notice string
}

// SuggestionView is one matching answer.
type SuggestionView struct {
	ID, Question, Answer, Keywords string
	// Score is the match in percent.
	Score int
}

// SurveyView is the survey's state and last answer, in words.
type SurveyView struct {
	// Line sums up the answer ("5 分 · 已解决"), or says it is not rated.
	Line    string
	Comment string
	Pending bool
}
