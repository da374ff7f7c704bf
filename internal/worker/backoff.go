package worker

import (
	"math/rand/v2"
	"time"
)

// Backoff is the pause before retry number attempt: it grows exponentially
// from 2 s to 5 min, with jitter so that a recovering WeChat (or database)
// is not hit by every waiting job at the same instant.
func Backoff(attempt int) time.Duration {
	d := time.Duration(1<<min(max(attempt, 1), 9)) * time.Second
	if d > 5*time.Minute {
		d = 5 * time.Minute
	}
	return d + time.Duration(rand.Int64N(int64(d/4)+1))
}
