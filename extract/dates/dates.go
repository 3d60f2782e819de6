// Package dates is notegraph's date grammar for Chinese and English prose.
package dates

// Date is a date found in text.
type Date struct {
	Year, Month, Day int    // Month and Day are 0 when not given
	Qualifier        string // "", "early", "mid", "late", "first_half", "second_half"
	Start, End       int    // byte offsets of the match in the text
}

// Context carries what the text around a unit tells about years.
type Context struct {
	// NoteYear and NoteMonth come from the note's own date; 0 when unknown.
	NoteYear, NoteMonth int
	// Year is the year the text before made clear (within the same list or
	// paragraph); Find reads it for month-only dates and updates it.
	Year int
}

// Find returns the dates in text in order. TEMPORARY: replaced by the dates helper.
func Find(text string, ctx *Context) []Date { return nil }
