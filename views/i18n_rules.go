package views

import (
	"fmt"
	"time"
)

// RulesText is the inbox text of WeChat's sending rules, blocking (拒收) and
// the media rules, in one language. It hangs off Text.Rules.
type RulesText struct {
	Block, BlockConfirm, BlockHelp, Unblock, UnblockConfirm string
	// BlockedUntil is a format with the block's end date ("2006-01-02").
	BlockedUntil, BlockedBy, BlockedMessage string
	PlayVoice, StopVoice, VoiceFailed       string
	// MediaFlagged introduces the reason inbound media is not shown.
	MediaFlagged string
	// MediaIssues are short reasons by media rejection code.
	MediaIssues map[string]string
}

// BlockedLine says until when a customer is blocked and by whom.
func (r RulesText) BlockedLine(until time.Time, by string) string {
	s := fmt.Sprintf(r.BlockedUntil, until.Format("2006-01-02 15:04"))
	if by != "" {
		s += " · " + fmt.Sprintf(r.BlockedBy, by)
	}
	return s
}

// Issue names why flagged media is not shown inline.
func (r RulesText) Issue(code string) string {
	if s, ok := r.MediaIssues[code]; ok {
		return s
	}
	return r.MediaIssues[""]
}

var rulesZH = RulesText{
	Block: "拒收 30 天", BlockConfirm: "确认拒收", Unblock: "解除拒收", UnblockConfirm: "确认解除",
	BlockHelp:    "拒收后 30 天内，该客户的消息仍会保存并标记，但不会分配、不会提醒，也无法向其发送消息。只有主管可以提前解除。",
	BlockedUntil: "已拒收，至 %s", BlockedBy: "操作人：%s", BlockedMessage: "已拒收",
	PlayVoice: "播放", StopVoice: "停止", VoiceFailed: "语音无法播放，请下载收听。",
	MediaFlagged: "文件未通过检查，未直接显示",
	MediaIssues: map[string]string{
		"":                    "文件不符合规则",
		"media_too_small":     "文件过小（不超过 5 字节）",
		"media_too_large":     "文件超过大小上限",
		"media_kind_mismatch": "内容与消息类型不符",
		"media_format":        "不支持的文件格式",
		"media_too_long":      "语音超过 60 秒",
		"media_corrupt":       "文件已损坏",
		"media_executable":    "内容是可执行程序",
		"media_dimensions":    "图片尺寸异常（可能是解压炸弹）",
	},
}

var rulesEN = RulesText{
	Block: "Block for 30 days", BlockConfirm: "Confirm block", Unblock: "Unblock", UnblockConfirm: "Confirm unblock",
	BlockHelp: "For 30 days this customer's messages are still stored and flagged, but never assigned or notified, " +
		"and nothing can be sent to them. Only a supervisor can lift the block early.",
	BlockedUntil: "Blocked until %s", BlockedBy: "by %s", BlockedMessage: "Blocked",
	PlayVoice: "Play", StopVoice: "Stop", VoiceFailed: "This voice message cannot be played; download it instead.",
	MediaFlagged: "This file failed the checks and is not shown",
	MediaIssues: map[string]string{
		"":                    "The file breaks the media rules",
		"media_too_small":     "File too small (5 bytes or fewer)",
		"media_too_large":     "File over the size limit",
		"media_kind_mismatch": "Content does not match the message type",
		"media_format":        "Format not accepted",
		"media_too_long":      "Voice longer than 60 s",
		"media_corrupt":       "File is corrupt",
		"media_executable":    "The content is an executable program",
		"media_dimensions":    "Absurd image dimensions (possible decompression bomb)",
	},
}

func init() {
	zh.Rules = rulesZH
	en.Rules = rulesEN
}
