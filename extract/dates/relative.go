package dates

import "time"

// lookAheadDays is how far past the note's own date a relative date may
// end before a note that looks back on an earlier year (Context.LookBack)
// takes it as meant from that year: a plan for the coming weeks is read as
// written, "今年9月" in a review written in January is not.
const lookAheadDays = 28

// relativeYear returns the year of a relative phrase that is off years
// from the note's (去年 is -1) and names month m and day d of it (0 when
// not given). It is NoteYear+off, unless the note looks back on the year
// before its own and that date would end more than lookAheadDays after
// the note's date: then it is LookBack+off, the year the note is about.
func (c *Context) relativeYear(off, m, d int) int {
	y := c.NoteYear + off
	if c.LookBack == 0 || c.LookBack >= c.NoteYear {
		return y
	}
	if periodEnd(y, m, d).Sub(c.noteDateEnd()) > lookAheadDays*24*time.Hour {
		return c.LookBack + off
	}
	return y
}

// noteDateEnd is the last day of the note's own date, as precise as it is
// known.
func (c *Context) noteDateEnd() time.Time {
	return periodEnd(c.NoteYear, c.NoteMonth, c.NoteDay)
}

// periodEnd is the last day of year y, month m of it, or day d of that
// month (m and d 0 when not given).
func periodEnd(y, m, d int) time.Time {
	switch {
	case m == 0:
		return time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)
	case d == 0:
		return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
}
