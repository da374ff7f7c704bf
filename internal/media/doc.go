// Package media enforces the WeDesk media rules: it identifies uploads by their
// content (magic bytes, never the file name), checks them against the size,
// format and duration limits of each direction, converts outbound images that
// would otherwise be refused, and makes inbox thumbnails.
//
// The package is pure: no database, no PocketBase, no network. Callers in
// hooks/ load the bytes, call Check or Limits.PrepareOutbound, and store or
// upload the result.
package media
