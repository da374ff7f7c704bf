package media

import (
	"errors"
	"time"
)

// Verdict is what the desk learns about media a customer sent. Inbound media
// is stored whatever the verdict — nothing a customer sends is dropped — and
// a Rejection only flags it for the agent.
type Verdict struct {
	Format    Format
	Kind      Kind          // from the content; "" when unrecognised or executable
	OK        bool          // within the inbound rules
	Rejection *Rejection    // why not, when OK is false
	Duration  time.Duration // voice: playing time from the frame count
	Width     int           // image: from the header, when it could be read
	Height    int
}

// CheckInbound judges media a customer sent against DefaultLimits; see
// Limits.CheckInbound.
func CheckInbound(data []byte) Verdict {
	return defaultLimits.CheckInbound(data)
}

// CheckInbound sniffs data, takes the kind from its content (the message
// type WeChat reports is not trusted over the bytes) and checks it against
// the inbound rules. Voice gets its duration and images their dimensions
// even when they break a rule, so the inbox can show them.
func (l Limits) CheckInbound(data []byte) Verdict {
	f := Sniff(data)
	v := Verdict{Format: f, Kind: KindOf(f)}
	var err error
	switch {
	case v.Kind != "":
		_, err = l.Check(Inbound, v.Kind, data)
	case len(data) <= MinBytes:
		err = rejectTooSmall("", f, len(data))
	case f == FormatExecutable:
		err = rejectExecutable("")
	default:
		err = rejectUnrecognised()
	}
	if !errors.As(err, &v.Rejection) {
		v.OK = err == nil
	}
	switch v.Kind {
	case KindVoice:
		v.Duration, _ = AMRDuration(data)
	case KindImage:
		if cfg, herr := imageHeader(data, f); herr == nil || errors.Is(herr, ErrImageTooManyPixels) {
			v.Width, v.Height = cfg.Width, cfg.Height
		}
	}
	return v
}
