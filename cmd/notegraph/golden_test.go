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
	{"neighbors.txt", []string{"neighbors", "tag:旅行", "--depth", "2"}},
	{"neighbors.json", []string{"neighbors", "paper:arxiv:1706.03762", "--format", "json"}},
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
