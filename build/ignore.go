package build

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	ignore "github.com/sabhiram/go-gitignore"

	"github.com/notegraph/notegraph/extract"
)

// ignoreRules says which notes and folders a walk leaves out, besides
// dot-folders and node_modules: the patterns of the root's .gitignore and
// .notegraphignore (gitignore syntax), Obsidian's excluded files
// (.obsidian/app.json's userIgnoreFilters), Options.Exclude, and the
// templates folders (templates/ and the one Obsidian's templates plugin
// names), whose notes are patterns, not notes.
type ignoreRules struct{ m *ignore.GitIgnore }

// loadIgnoreRules reads the rules of the notes folder root; a file that
// cannot be read or parsed is a warning.
func loadIgnoreRules(root string, exclude []string, warn func(extract.Warning)) ignoreRules {
	lines := []string{"templates/", "Templates/"}
	for _, name := range []string{".gitignore", ".notegraphignore"} {
		b, err := os.ReadFile(filepath.Join(root, name))
		if err == nil {
			lines = append(lines, strings.Split(string(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))), "\n")...)
		} else if !os.IsNotExist(err) {
			warn(extract.Warning{Path: name, Msg: "cannot read: " + errText(err)})
		}
	}
	var app struct {
		UserIgnoreFilters []string `json:"userIgnoreFilters"`
	}
	if readObsidian(root, "app.json", &app, warn) {
		for _, f := range app.UserIgnoreFilters {
			// Obsidian's filters are paths from the vault's root, or
			// /regular expressions/, which are left aside.
			if f = strings.TrimSpace(f); f != "" && !strings.HasPrefix(f, "/") {
				lines = append(lines, "/"+f)
			}
		}
	}
	var templates struct {
		Folder string `json:"folder"`
	}
	if readObsidian(root, "templates.json", &templates, warn) && strings.TrimSpace(templates.Folder) != "" {
		lines = append(lines, "/"+strings.Trim(strings.TrimSpace(templates.Folder), "/")+"/")
	}
	lines = append(lines, exclude...)
	return ignoreRules{m: ignore.CompileIgnoreLines(lines...)}
}

// readObsidian decodes .obsidian/name into v; it reports false when the
// file is absent or broken (a warning).
func readObsidian(root, name string, v any, warn func(extract.Warning)) bool {
	p := filepath.Join(root, ".obsidian", name)
	b, err := os.ReadFile(p)
	if err != nil {
		if !os.IsNotExist(err) {
			warn(extract.Warning{Path: ".obsidian/" + name, Msg: "cannot read: " + errText(err)})
		}
		return false
	}
	if err := json.Unmarshal(b, v); err != nil {
		warn(extract.Warning{Path: ".obsidian/" + name, Line: 1, Msg: "not read: " + err.Error()})
		return false
	}
	return true
}

// skipFile reports whether the note at rel ("/" separators) is left out.
func (r ignoreRules) skipFile(rel string) bool { return r.m.MatchesPath(rel) }

// skipDir reports whether the folder at rel is left out, with all it holds.
func (r ignoreRules) skipDir(rel string) bool { return r.m.MatchesPath(rel + "/") }
