// Package media enforces the WeDesk media rules: it identifies uploads by their
// content (magic bytes and structure, never the file name) and refuses
// executables whatever they are called, checks media against the size,
// format, duration and image-dimension limits of each direction, converts
// outbound images that would otherwise be refused, and makes inbox
// thumbnails.
//
// The package is pure: no database, no PocketBase, no network. Callers in
// hooks/ load the bytes and call Limits.PrepareOutbound (agent → customer) or
// CheckInbound (customer → us, stored either way and flagged by the
// Verdict); SniffAt identifies a stored file without reading it whole.
// Refusals are *Rejection values with a stable Code and a reason in English
// and Chinese (Message).
package media
