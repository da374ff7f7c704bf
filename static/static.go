// Package static holds the inbox's stylesheet, script and vendored
// libraries (htmx, the PocketBase JS SDK), embedded into the binary and
// served under content-hashed URLs so that browsers may cache them forever
// and a new release is never mixed with a stale file.
package static

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"path"
	"sort"
)

// Prefix is the URL path under which the files are served.
const Prefix = "/static/"

//go:embed css js vendor admin img dashboard
var files embed.FS

// Dashboard is WeDesk's extension of PocketBase's dashboard (main.js).
func Dashboard() fs.FS { return mustSub(files, "dashboard") }

// Admin is the small admin pages (licenses and credits), served under /_wedesk/.
func Admin() fs.FS { return mustSub(files, "admin") }

func mustSub(fsys fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err)
	}
	return sub
}

// hashes maps each embedded file's path to a short hash of its content.
var hashes = mustHash(files)

func mustHash(fsys fs.FS) map[string]string {
	out := map[string]string{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		out[p] = hex.EncodeToString(sum[:])[:12]
		return nil
	})
	if err != nil {
		panic(fmt.Sprintf("static: hash embedded files: %v", err))
	}
	return out
}

// URL returns the content-hashed URL of an embedded file, e.g.
// "/static/3fa9c0d1e2b4/css/inbox.css". It panics on an unknown name so a
// typo fails the first render in tests instead of shipping a broken link.
func URL(name string) string {
	h, ok := hashes[name]
	if !ok {
		panic("static: no embedded file " + name)
	}
	return Prefix + h + "/" + name
}

// File is an embedded file ready to serve.
type File struct {
	Body        []byte
	ContentType string
	// Current reports whether the requested hash is the file's current one:
	// only then may it be cached as immutable.
	Current bool
}

// Open returns the embedded file name as requested under hash. An old hash
// still gets the current content (a page rendered before a deploy keeps
// working), just not cached for long.
func Open(hash, name string) (File, error) {
	h, ok := hashes[name]
	if !ok {
		return File{}, fmt.Errorf("static: %q: %w", name, fs.ErrNotExist)
	}
	b, err := files.ReadFile(name)
	if err != nil {
		return File{}, fmt.Errorf("static: read %q: %w", name, err)
	}
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = "application/octet-stream"
	}
	return File{Body: b, ContentType: ct, Current: h == hash}, nil
}

// Names lists the embedded files, sorted.
func Names() []string {
	out := make([]string, 0, len(hashes))
	for n := range hashes {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
