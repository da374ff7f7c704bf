package views

// HardenText is the inbox text of the hardening work: delivery states,
// login throttling and the password change form.
type HardenText struct {
	// Sending labels a message being handed to WeChat right now.
	Sending string
	// Unknown labels a message WeChat may or may not have delivered.
	Unknown string
	// Resend is the button that sends an unknown message again.
	Resend string
	// TooManyAttempts refuses a login after repeated wrong passwords.
	TooManyAttempts string
	// Password change form.
	ChangePassword, CurrentPassword, NewPassword, ConfirmPassword string
	PasswordChanged, PasswordMismatch, PasswordTooShort           string
	WrongCurrentPassword                                          string
}

func init() {
	en.Harden = HardenText{
		Sending: "Sending", Unknown: "Delivery unknown", Resend: "Resend",
		TooManyAttempts: "Too many attempts. Wait a little and try again.",
		ChangePassword:  "Change password", CurrentPassword: "Current password",
		NewPassword: "New password", ConfirmPassword: "Repeat the new password",
		PasswordChanged:      "Password changed. Sign in again with the new password.",
		PasswordMismatch:     "The new passwords do not match.",
		PasswordTooShort:     "The new password needs at least 8 characters.",
		WrongCurrentPassword: "The current password is wrong.",
	}
	zh.Harden = HardenText{
		Sending: "发送中", Unknown: "可能未送达", Resend: "重新发送",
		TooManyAttempts: "尝试次数过多，请稍后再试。",
		ChangePassword:  "修改密码", CurrentPassword: "当前密码",
		NewPassword: "新密码", ConfirmPassword: "再次输入新密码",
		PasswordChanged:      "密码已修改，请用新密码重新登录。",
		PasswordMismatch:     "两次输入的新密码不一致。",
		PasswordTooShort:     "新密码至少需要 8 个字符。",
		WrongCurrentPassword: "当前密码不正确。",
	}
}
