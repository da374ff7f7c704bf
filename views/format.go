package views

import "strconv"

func seqString(n int64) string { return strconv.FormatInt(n, 10) }
