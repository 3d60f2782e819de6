package main

import (
	"io"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// table lays rows out in columns padded to the widest cell. Unlike
// text/tabwriter it counts East Asian wide characters as two columns, so
// Chinese tags and titles line up, and it keeps nothing but the rows.
type table struct {
	rows [][]string
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

// displayWidth is the number of terminal columns s takes.
func displayWidth(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// write prints the rows with two spaces between columns; the last column
// of a row is not padded.
func (t *table) write(w io.Writer) error {
	return writeColumns(w, len(t.rows), func(i int, _ []string) []string { return t.rows[i] })
}

const spaces = "                                                                "

// writeColumns lays out n rows in columns as table does, asking row for
// the cells of row i twice, once to measure and once to write, instead of
// keeping every cell: a neighbour listing may have tens of thousands of
// rows. row may build the cells in buf and return it.
func writeColumns(w io.Writer, n int, row func(i int, buf []string) []string) error {
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
		line = append(line, '\n')
		if _, err := w.Write(line); err != nil {
			return err
		}
	}
	return nil
}
