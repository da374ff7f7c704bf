package views

// LicenseAlert is one line of the supervisors' license bar.
type LicenseAlert struct {
	// Level is "expiring" or "expired".
	Level string
	Text  string
}
