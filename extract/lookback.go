package extract

import (
	"bytes"
	"strconv"
	"strings"
)

// lookBackLines is how many non-blank lines of the body, after the
// header, may say that the note reviews a year.
const lookBackLines = 5

// lookBackBytes is how much of each of those lines is read.
const lookBackBytes = 200

// reviewWords mark a line that reviews a period; English words are
// matched in lower case.
var reviewWords = []string{"总结", "回顾", "年终", "复盘", "review", "retrospective", "looking back", "look back", "recap"}

// lookBackYear returns the year before noteYear when the note's title or
// one of its first lines reviews it: "2018年终总结", "回顾2018",
// "Review of 2018", "2018: a year in review". Such a note, written early
// in a year about the one before, says 今年 or "this year" meaning the
// year it reviews (dates.Context.LookBack). It returns 0 otherwise.
func lookBackYear(title string, body []byte, noteYear int) int {
	if noteYear <= 1 {
		return 0
	}
	year := strconv.Itoa(noteYear - 1)
	if reviews(title, year) {
		return noteYear - 1
	}
	for n := 0; n < lookBackLines && len(body) > 0; {
		line := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			body = nil
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		n++
		// A title is short: a long line is a paragraph, read for its
		// start only. Most lines name no year: look for it before making
		// a string.
		line = line[:min(len(line), lookBackBytes)]
		if bytes.Contains(line, []byte(year)) && reviews(string(line), year) {
			return noteYear - 1
		}
	}
	return 0
}

// reviews reports whether line names year (four digits, not part of a
// longer number) and a word of reviewing.
func reviews(line, year string) bool {
	if !hasYear(line, year) {
		return false
	}
	lower := strings.ToLower(line)
	for _, w := range reviewWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

func hasYear(s, year string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], year)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(year)
		if (j == 0 || !isASCIIDigit(s[j-1])) && (end == len(s) || !isASCIIDigit(s[end])) {
			return true
		}
		i = j + 1
	}
}

func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }
