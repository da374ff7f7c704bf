package views

// AutoText is the inbox text of service automation: the smart-assist
// panel, the knowledge-base form and the satisfaction survey.
type AutoText struct {
	Assist, NoSuggestions, Use, Fix, AddAnswer, Question, Keywords, KeywordsHelp string
	Answer, SaveAnswer, AnswerSaved, Satisfaction, Invite, Invited, NotRated     string
	Rating, Resolved, Unresolved, Comment, Incomplete, SurveySkipped, Stars      string
}

var autoZH = AutoText{
	Assist: "智能辅助", NoSuggestions: "知识库中暂无匹配的答案", Use: "使用", Fix: "修改",
	AddAnswer: "添加到知识库", Question: "问题", Keywords: "关键词", KeywordsHelp: "用逗号分隔",
	Answer: "答案", SaveAnswer: "保存答案", AnswerSaved: "已保存到知识库", Satisfaction: "满意度",
	Invite: "邀请评价", Invited: "已邀请，等待客户评价", NotRated: "未评价",
	Rating: "评分", Resolved: "已解决", Unresolved: "未解决", Comment: "评价",
	Incomplete: "未完成（须回答是否解决）", SurveySkipped: "发送额度需留给客服，未发送评价邀请", Stars: "%d 分",
}

var autoEN = AutoText{
	Assist: "Smart assist", NoSuggestions: "No matching answer in the knowledge base", Use: "Use", Fix: "Fix",
	AddAnswer: "Add to the knowledge base", Question: "Question", Keywords: "Keywords", KeywordsHelp: "comma separated",
	Answer: "Answer", SaveAnswer: "Save answer", AnswerSaved: "Saved to the knowledge base", Satisfaction: "Satisfaction",
	Invite: "Invite to rate", Invited: "Invited, waiting for the customer", NotRated: "Not rated",
	Rating: "Rating", Resolved: "Resolved", Unresolved: "Not resolved", Comment: "Comment",
	Incomplete: "Incomplete (\"resolved?\" is required)", SurveySkipped: "The send budget is kept for the agent: no invitation sent", Stars: "%d / 5",
}

// The automation texts join each language here rather than in the
// language files, which other features edit at the same time.
func init() {
	zh.Auto = autoZH
	en.Auto = autoEN
}
