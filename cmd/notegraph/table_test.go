package main

import (
	"strings"
	"testing"
)

func TestTableAlignsWideCharacters(t *testing.T) {
	var tb table
	tb.add("tag:旅行/台湾", "x")
	tb.add("tag:go", "y")
	tb.add("ｆｕｌｌ", "z")
	var b strings.Builder
	if err := tb.write(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	col := -1
	for _, l := range lines {
		// The second column starts at the same display column on every line.
		c := displayWidth(l[:strings.LastIndexByte(l, ' ')+1])
		if col >= 0 && c != col {
			t.Errorf("second column at %d, want %d:\n%s", c, col, b.String())
		}
		col = c
	}
	if w := displayWidth("旅行a"); w != 5 {
		t.Errorf("displayWidth(旅行a) = %d, want 5", w)
	}
}
