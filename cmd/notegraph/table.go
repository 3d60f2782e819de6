package main

import (
	"bytes"
	"io"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// table lays rows out in columns padded to the widest cell. Unlike
// text/tabwriter it counts East Asian wide characters as two columns, so
// Chinese tags and titles line up. With a width, a line longer than that
// many columns is cut and ends with "…".
type table struct {
	rows  [][]string
	width int // terminal columns; 0: no limit
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

// displayWidth is the number of terminal columns s takes.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

func runeWidth(r rune) int {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// cutToWidth cuts line (without its newline) to at most max columns,
// ending it with "…" when something was cut.
func cutToWidth(line []byte, max int) []byte {
	if max <= 0 || displayWidth(string(line)) <= max {
		return line
	}
	cols := 0
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRune(line[i:])
		if cols+runeWidth(r) > max-1 { // room for the "…"
			return append(line[:i], "…"...)
		}
		cols += runeWidth(r)
		i += size
	}
	return line
}

// write prints the rows with two spaces between columns; the last column
// of a row is not padded.
func (t *table) write(w io.Writer) error {
	return writeColumns(w, len(t.rows), t.width, func(i int, _ []string) []string { return t.rows[i] })
}

const spaces = "                                                                "

// writeColumns lays out n rows in columns as table does, asking row for
// the cells of row i twice, once to measure and once to write, instead of
// keeping every cell: a neighbour listing may have tens of thousands of
// rows. row may build the cells in buf and return it. maxWidth > 0 cuts
// longer lines.
func writeColumns(w io.Writer, n, maxWidth int, row func(i int, buf []string) []string) error {
	var widths []int
	var cells []string
	for i := range n {
		cells = row(i, cells[:0])
		// A row's last cell is not padded, so its width matters to no
		// column: a listing's last column, its labels, is the longest.
		for j, c := range cells[:max(len(cells)-1, 0)] {
			if j == len(widths) {
				widths = append(widths, 0)
			}
			widths[j] = max(widths[j], displayWidth(c))
		}
	}
	var line []byte
	for i := range n {
		cells = row(i, cells[:0])
		line = line[:0]
		for j, c := range cells {
			line = append(line, c...)
			if j == len(cells)-1 {
				break
			}
			for pad := widths[j] - displayWidth(c) + 2; pad > 0; pad -= len(spaces) {
				line = append(line, spaces[:min(pad, len(spaces))]...)
			}
		}
		line = bytes.TrimRight(line, " ") // an empty last cell leaves no padding
		line = append(cutToWidth(line, maxWidth), '\n')
		if _, err := w.Write(line); err != nil {
			return err
		}
	}
	return nil
}
