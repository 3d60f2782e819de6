package main

import (
	"testing"
)

// goldenCommands are command lines over testdata/notes whose output is
// held in testdata/golden: every query command in every output format.
// The four exports are checked by TestSampleNotesExport.
var goldenCommands = []struct {
	file string
	args []string
}{
	{"stats.txt", []string{"stats"}},
	{"stats.json", []string{"stats", "--format", "json"}},
	{"papers.txt", []string{"papers"}},
	{"papers.json", []string{"papers", "--format", "json", "--sort", "date"}},
	{"timeline.txt", []string{"timeline"}},
	{"timeline.json", []string{"timeline", "--format", "json", "--from", "2017", "--to", "2020"}},
	{"timeline-second-date.txt", []string{"timeline", "--from", "2012-03", "--to", "2012-03"}},
	{"neighbors.txt", []string{"neighbors", "tag:旅行", "--depth", "2"}},
	{"neighbors.json", []string{"neighbors", "paper:arxiv:1706.03762", "--format", "json"}},
	{"cli/show.txt", []string{"show", "arXiv:1706.03762", "--limit", "2"}},
	{"cli/show-note.txt", []string{"show", "papers/bert.md"}},
	{"cli/show.json", []string{"show", "#旅行", "--format", "json"}},
	{"cli/show.tsv", []string{"show", "note:tools/go.md", "--format", "tsv"}},
	{"cli/list.txt", []string{"list", "--kind", "note", "--sort", "degree"}},
	{"cli/list-tag.txt", []string{"list", "--kind", "note", "--tag", "reading", "--sort", "date"}},
	{"cli/list.json", []string{"list", "--kind", "tag", "--sort", "name", "--limit", "5", "--format", "json"}},
	{"cli/list.tsv", []string{"list", "--kind", "paper", "--format", "tsv"}},
	{"cli/search.txt", []string{"search", "transformer"}},
	{"cli/search-cjk.txt", []string{"search", "旅行"}},
	{"cli/search.json", []string{"search", "git", "--format", "json"}},
	{"cli/search.tsv", []string{"search", "go", "--kind", "tag", "--kind", "note", "--format", "tsv"}},
	{"cli/tags.txt", []string{"tags"}},
	{"cli/tags-tree.txt", []string{"tags", "--tree", "--sort", "name"}},
	{"cli/tags.json", []string{"tags", "--tree", "--format", "json"}},
	{"cli/tags.tsv", []string{"tags", "--sort", "name", "--format", "tsv"}},
	{"cli/orphans.txt", []string{"orphans"}},
	{"cli/orphans.json", []string{"orphans", "--format", "json"}},
	{"cli/orphans.tsv", []string{"orphans", "--format", "tsv"}},
	{"cli/dangling.txt", []string{"dangling"}},
	{"cli/dangling.json", []string{"dangling", "--format", "json"}},
	{"cli/dangling.tsv", []string{"dangling", "--format", "tsv"}},
	{"cli/path.txt", []string{"path", "#vim", "1706.03762"}},
	{"cli/path-directed.txt", []string{"path", "index.md", "tools/rust.md", "--directed"}},
	{"cli/path.json", []string{"path", "京都", "Go 学习笔记", "--format", "json"}},
	{"cli/path.tsv", []string{"path", "tag:vim", "paper:arxiv:1706.03762", "--via", "note", "--format", "tsv"}},
	{"cli/related.txt", []string{"related", "papers/bert.md"}},
	{"cli/related.json", []string{"related", "note:tools/git.md", "--limit", "3", "--format", "json"}},
	{"cli/related.tsv", []string{"related", "Transformer 论文笔记", "--format", "tsv"}},
}

// TestGoldenCommands runs each golden command in-process over the sample
// store and compares its output with the golden file.
func TestGoldenCommands(t *testing.T) {
	db := sampleDB(t)
	for _, c := range goldenCommands {
		t.Run(c.file, func(t *testing.T) {
			out, _ := ng(t, 0, append(c.args, "--db", db)...)
			checkGolden(t, c.file, []byte(out))
		})
	}
}
