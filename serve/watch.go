package serve

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/notegraph/notegraph/build"
)

// DefaultDebounce is how long the watcher waits after the last change
// before it builds: an editor's save is often several events (a temporary
// file written, renamed over the note), and a `git checkout` is thousands.
const DefaultDebounce = 300 * time.Millisecond

// watcher turns changes in a notes folder into calls of changed, each
// with the note paths (relative to the root) that changed since the last,
// once the folder has been quiet for debounce.
type watcher struct {
	fw       *fsnotify.Watcher
	root     string
	skip     string // the store's folder, never watched
	dirs     map[string]bool
	debounce time.Duration
	warn     func(string)
}

// newWatcher watches root and every folder below it that a build walks
// (not dot-folders, node_modules or skip). Changes from then on are kept
// by the system until run reads them.
func newWatcher(root, skip string, debounce time.Duration, warn func(string)) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	if rel, err := filepath.Rel(root, skip); err != nil || !filepath.IsLocal(rel) {
		skip = "" // the store is outside the notes folder: nothing to leave out
	}
	w := &watcher{fw: fw, root: root, skip: skip, dirs: map[string]bool{}, debounce: debounce, warn: warn}
	if err := w.addTree(root); err != nil {
		fw.Close()
		return nil, err
	}
	return w, nil
}

// run reads changes until ctx ends, adding folders as they appear, and
// calls changed once the folder has been quiet for the debounce time.
// changed runs on run's goroutine: changes that come while it runs are
// gathered for the next call. run closes the watcher.
func (w *watcher) run(ctx context.Context, changed func(paths []string)) {
	defer w.fw.Close()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	pending := map[string]bool{}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			if p, ok := w.event(ev); ok {
				pending[p] = true
				timer.Reset(w.debounce)
			}
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			// An overflow loses events, not changes: the next build walks
			// the whole folder and finds them.
			w.warn("watching the notes folder: " + err.Error())
			pending[""] = true
			timer.Reset(w.debounce)
		case <-timer.C:
			paths := make([]string, 0, len(pending))
			for p := range pending {
				if p != "" {
					paths = append(paths, p)
				}
			}
			slices.Sort(paths)
			clear(pending)
			changed(paths)
		}
	}
}

// addTree watches dir and the folders below it that a build walks.
func (w *watcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			w.warn(err.Error())
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		if p != w.root && (build.SkipDir(d.Name()) || (w.skip != "" && p == w.skip)) {
			return filepath.SkipDir
		}
		if err := w.fw.Add(p); err != nil {
			w.warn("cannot watch " + p + ": " + err.Error())
			return nil
		}
		w.dirs[p] = true
		return nil
	})
}

// event reads one change: ok when it may change the graph, with the path
// relative to the root. A new folder is watched at once; the notes it may
// already hold are found by the build it sets off.
func (w *watcher) event(ev fsnotify.Event) (string, bool) {
	rel, err := filepath.Rel(w.root, ev.Name)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	parts := strings.Split(rel, "/")
	for _, part := range parts[:len(parts)-1] {
		if build.SkipDir(part) {
			return "", false
		}
	}
	if w.skip != "" && (ev.Name == w.skip || strings.HasPrefix(ev.Name, w.skip+string(filepath.Separator))) {
		return "", false
	}
	base := parts[len(parts)-1]
	switch {
	case ev.Has(fsnotify.Create) && isDir(ev.Name):
		if build.SkipDir(base) {
			return "", false
		}
		if err := w.addTree(ev.Name); err != nil {
			w.warn("cannot watch " + ev.Name + ": " + err.Error())
		}
		return rel, true
	case w.dirs[ev.Name] && (ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)):
		delete(w.dirs, ev.Name) // inotify drops the watch itself
		return rel, true
	case build.IsNoteFile(base) && ev.Op != fsnotify.Chmod:
		return rel, true
	case (rel == ".gitignore" || rel == ".notegraphignore") && ev.Op != fsnotify.Chmod:
		return rel, true // the rules of what a build leaves out
	}
	return "", false
}

func isDir(p string) bool {
	info, err := os.Lstat(p) // a linked folder is not walked by a build either
	return err == nil && info.IsDir()
}
