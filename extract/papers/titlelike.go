package papers

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Whether a text "looks like a title" is one predicate, LooksLikeTitle,
// used wherever a text may name a paper: link text, quoted phrases and a
// note's H1. What differs is how many CJK characters it asks for: the text
// of a link to the paper is the writer's own label for it and needs fewer
// than a phrase in quotes, which is as often a term set off for emphasis.
const (
	// MinTitleWords is the fewest words in Latin (or other non-CJK) script
	// a title has: "Attention Is All You Need" yes, "this review" no.
	MinTitleWords = 3
	// MinCJKLinkText is the fewest CJK characters of a title given as the
	// text of a link to its paper.
	MinCJKLinkText = 4
	// MinCJKQuoted is the fewest CJK characters of a title in quotes or a
	// heading: "噪声", "质能方程" and "知识蒸馏" are terms, not titles.
	MinCJKQuoted = 6
)

// LooksLikeTitle reports whether s can be a paper's title: at least
// MinTitleWords words in Latin script or minCJK CJK characters, and none of
// the texts that only say where a link goes or which paper is meant
// without naming it:
//
//   - a generic word or phrase made only of such words ("PDF", "link",
//     "read the paper here", "论文地址", "公开可用", "代码");
//   - a pronoun phrase ("this review", "our recent paper", "这篇文章",
//     "该论文", "这篇论文的核心");
//   - a venue and a year ("ICCV 2019", "NeurIPS 2020 Oral");
//   - an author-year reference ("Vaswani et al., 2017").
//
// s is a cleaned title: trimmed, with no trailing "(2022)" (CutTrailing).
func LooksLikeTitle(s string, minCJK int) bool {
	n, cjk := shapeOf(s)
	switch latin := n >= MinTitleWords; {
	case latin && cjk < minCJK:
		words := appendWords(nil, s)
		return !genericWords(words) && !pronounPhrase(words) && !venueYear(words) && !authorYear(words)
	case latin:
		return true
	case cjk >= minCJK:
		return !genericCJK(s) && !cjkPronounPhrase(s)
	}
	return false
}

// shapeOf counts the words of s outside CJK script and its CJK
// characters, as wordsOf does, without keeping the words: most texts fail
// on length alone.
func shapeOf(s string) (words, cjk int) {
	in := false
	for _, r := range s {
		c := isCJK(r)
		if c {
			cjk++
		}
		w := !c && isWordRune(r)
		if w && !in {
			words++
		}
		in = w
	}
	return words, cjk
}

// wordsOf splits s into its words outside CJK script (runs of letters and
// digits) and counts its CJK characters.
func wordsOf(s string) (words []string, cjk int) {
	_, cjk = shapeOf(s)
	return appendWords(nil, s), cjk
}

// appendWords appends the words of s outside CJK script to dst.
func appendWords(dst []string, s string) []string {
	start := -1
	for i, r := range s {
		if isWordRune(r) && !isCJK(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			dst = append(dst, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		dst = append(dst, s[start:])
	}
	return dst
}

// isWordRune reports whether r is a letter or digit.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isCJK reports whether r is a Han, kana or Hangul character.
func isCJK(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r))
}

// genericLatin are the words of link texts that say where a link goes
// ("PDF", "full text", "code publicly available") rather than what the
// paper is called. A text made of nothing else is no title.
var genericLatin = toSet(
	"a", "an", "the", "this", "that", "these", "those", "here", "there", "it",
	"our", "my", "your", "their", "his", "her", "its", "we", "i",
	"in", "on", "at", "of", "for", "from", "via", "to", "and", "or", "is", "are", "by", "with",
	"paper", "papers", "article", "articles", "review", "reviews", "survey", "surveys",
	"preprint", "preprints", "report", "work", "study", "post", "blog", "thesis",
	"link", "links", "pdf", "html", "abs", "abstract", "arxiv", "doi", "version", "versions",
	"full", "text", "click", "see", "read", "original", "source", "code", "project", "page",
	"homepage", "website", "site", "github", "repo", "repository", "official", "implementation",
	"download", "available", "publicly", "public", "open", "slides", "video", "talk", "poster",
	"more", "details", "info", "reference", "references", "published", "online", "latest",
	"notes", "note", "reading", "summary",
)

// pronouns open a phrase that points at a paper without naming it.
var pronouns = toSet("this", "that", "these", "those", "our", "my", "your", "their", "his", "her", "its", "the")

// documentNouns close such a phrase: "this excellent review".
var documentNouns = toSet("paper", "papers", "article", "review", "survey", "preprint",
	"work", "study", "post", "blog", "report", "thesis", "book", "one")

// venueWords may stand beside a venue's name and year ("NeurIPS 2020
// Oral", "Findings of ACL 2023"). Venue names themselves are recognised
// by the list below or as an all-capitals word.
var venueWords = toSet("oral", "spotlight", "poster", "workshop", "workshops", "findings", "main",
	"conference", "proceedings", "of", "the", "on", "in", "at", "best", "paper", "award", "track",
	"long", "short", "demo", "accepted", "submission", "camera", "ready", "journal", "transactions",
	"international", "annual", "meeting", "symposium", "arxiv", "preprint")

// venues are names of venues, lower-cased, for those not written in
// capitals alone.
var venues = func() map[string]bool {
	m := toSet("nature", "science", "cell", "usenix")
	for _, v := range venueList {
		m[strings.ToLower(v)] = true
	}
	return m
}()

func toSet(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

func genericWords(words []string) bool {
	for _, w := range words {
		if !genericLatin[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

func pronounPhrase(words []string) bool {
	return len(words) <= 5 && pronouns[strings.ToLower(words[0])] && documentNouns[strings.ToLower(words[len(words)-1])]
}

// venueYear reports whether words are a venue and a year with at most
// some qualifiers: "ICCV 2019", "CVPR'19", "Findings of EMNLP 2021".
func venueYear(words []string) bool {
	year, venue := false, false
	for _, w := range words {
		lw := strings.ToLower(w)
		switch {
		case isYearWord(w):
			year = true
		case venues[lw] || isAcronym(w):
			venue = true
		case venueWords[lw]:
		default:
			return false
		}
	}
	return year && venue
}

// isYearWord: "2019", or the "19" of "CVPR'19".
func isYearWord(w string) bool {
	if len(w) == 2 {
		return isDigit(w[0]) && isDigit(w[1])
	}
	return yearOf(w) != ""
}

// isAcronym: two to eight capitals, maybe with digits ("ICCV", "MICCAI").
func isAcronym(w string) bool {
	if len(w) < 2 || len(w) > 8 {
		return false
	}
	caps := 0
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= 'A' && c <= 'Z':
			caps++
		case isDigit(c):
		default:
			return false
		}
	}
	return caps >= 2
}

// authorYear: a reference by author, not a title ("Vaswani et al., 2017").
func authorYear(words []string) bool {
	for i := 0; i+1 < len(words); i++ {
		if strings.EqualFold(words[i], "et") && strings.EqualFold(words[i+1], "al") {
			return true
		}
	}
	return false
}

// genericCJKParts are the pieces of Chinese link texts and phrases that
// point at a paper or its page without naming it: 这篇文章, 该论文,
// 公开可用, 论文地址, 点击这里, 官方代码. A short CJK text made of
// nothing else (and any digits, Latin or punctuation) is no title.
var genericCJKParts = []string{
	"论文", "論文", "文章", "原文", "全文", "链接", "鏈接", "地址", "代码", "代碼", "源码",
	"主页", "项目", "官方", "官网", "网站", "开源", "公开", "可用", "下载", "点击", "这里",
	"此处", "查看", "阅读", "在线", "获取", "实现", "版本", "原始", "相关", "参考", "文献",
	"详情", "详细", "内容", "主要", "介绍", "总结", "综述", "预印本", "我们", "他们", "作者",
	"笔记", "报告", "精读", "解读", "读",
	"这", "那", "该", "此", "本", "篇", "个", "的", "见", "其", "之", "请", "看",
}

// genericCJK reports whether every CJK character of s belongs to one of
// genericCJKParts.
func genericCJK(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isCJK(r) {
			i += size
			continue
		}
		n := 0
		for _, p := range genericCJKParts {
			if strings.HasPrefix(s[i:], p) {
				n = len(p)
				break
			}
		}
		if n == 0 {
			return false
		}
		i += n
	}
	return true
}

// cjkPronouns open a Chinese phrase that points at a paper without naming
// it: 这篇论文的核心, 该文提出的方法.
var cjkPronouns = []string{"这篇", "那篇", "该篇", "此篇", "这些", "那些", "这项", "该项", "这个", "那个",
	"本文", "该文", "此文", "本论文", "该论文", "此论文"}

func cjkPronounPhrase(s string) bool {
	for _, p := range cjkPronouns {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// trailingLabels are what a title may carry in parentheses at its end
// besides a year or a venue: "(Survey)", "(Extended Version)", "（综述）".
var trailingLabels = toSet("survey", "review", "preprint", "oral", "spotlight", "poster",
	"extended version", "full version", "technical report", "tech report", "short paper",
	"long paper", "workshop", "arxiv", "draft", "综述", "预印本", "综述论文")

// CutTrailing removes from the end of a title a parenthesised year, venue,
// label or ID, "Attention Is All You Need (2017)", "… (NeurIPS 2017)",
// "… (Survey)", "…（综述）", "… (arXiv:1706.03762)", at most twice, and returns the title and the
// last year the cut parts held ("" if none).
func CutTrailing(s string) (title, year string) {
	for range 2 {
		inner, rest, ok := trailingParens(s)
		if !ok {
			break
		}
		words, cjk := wordsOf(inner)
		lw := strings.ToLower(strings.TrimSpace(inner))
		var y string
		for _, w := range words {
			if v := yearOf(w); v != "" {
				y = v
			}
		}
		switch {
		case y != "" && len(words) == 1 && cjk == 0:
		case trailingLabels[lw], isIDLike(strings.TrimSpace(inner)):
		case len(words) > 0 && cjk == 0 && venueYear(words):
		default:
			return s, year
		}
		if y != "" && year == "" {
			year = y
		}
		s = rest
	}
	return s, year
}

// trailingParens splits "title (inner)" into inner and the title, trimmed,
// for ASCII and full-width parentheses; ok is false without them or when
// nothing would be left of the title.
func trailingParens(s string) (inner, rest string, ok bool) {
	for _, p := range [...][2]string{{"(", ")"}, {"（", "）"}} {
		body, found := strings.CutSuffix(s, p[1])
		if !found {
			continue
		}
		i := strings.LastIndex(body, p[0])
		if i <= 0 || strings.Contains(body[i+len(p[0]):], p[1]) {
			continue
		}
		rest = strings.TrimRightFunc(body[:i], unicode.IsSpace)
		if rest == "" {
			continue
		}
		return body[i+len(p[0]):], rest, true
	}
	return "", "", false
}

// yearOf returns w when it is a year from 1900 to 2099, else "".
func yearOf(w string) string {
	if len(w) == 4 && (w[:2] == "19" || w[:2] == "20") && isDigit(w[2]) && isDigit(w[3]) {
		return w
	}
	return ""
}

// noteTitleSeparators stand between a paper's title and what a note's title
// adds to it: "论文笔记：…", "Paper Notes | …", "… - 阅读笔记".
var noteTitleSeparators = []string{"：", ":", "｜", "|", " - ", " — ", "——"}

// noteTitleSuffixes are glued to a paper's title by notes about it:
// "Attention Is All You Need 论文笔记".
var noteTitleSuffixes = []string{"论文笔记", "论文阅读", "阅读笔记", "论文精读", "论文解读", "精读", "解读", "笔记"}

// TitleOfNote returns the title of the paper a note is about, taken from
// the note's own title (header title or H1): without a label before or
// after it ("【论文笔记】", "Paper Reading: ", " | 阅读笔记", " 论文笔记"),
// cut of a trailing year or venue (CutTrailing, whose year it returns).
// ok is false when what is left does not look like a title (LooksLikeTitle
// with MinCJKQuoted: "# 论文笔记", "# BERT") or speaks of papers, as a
// reading list's title does ("# 2023 年读过的论文").
func TitleOfNote(s string) (title, year string, ok bool) {
	s = strings.TrimSpace(s)
	for _, p := range [...][2]string{{"【", "】"}, {"[", "]"}} {
		if rest, found := strings.CutPrefix(s, p[0]); found {
			if i := strings.Index(rest, p[1]); i >= 0 && isLabel(rest[:i]) {
				s = strings.TrimSpace(rest[i+len(p[1]):])
			}
		}
	}
	for _, sep := range noteTitleSeparators {
		if before, after, found := strings.Cut(s, sep); found && isLabel(before) {
			s = strings.TrimSpace(after)
		}
		if i := strings.LastIndex(s, sep); i > 0 && isLabel(s[i+len(sep):]) {
			s = strings.TrimSpace(s[:i])
		}
	}
	for _, suf := range noteTitleSuffixes {
		if rest, found := strings.CutSuffix(s, suf); found {
			s = strings.TrimSpace(rest)
			break
		}
	}
	s = cleanTitle(s)
	if s == "" {
		return "", "", false
	}
	s, year = CutTrailing(s)
	if !LooksLikeTitle(s, MinCJKQuoted) || talksOfPapers(s) {
		return "", "", false
	}
	return s, year, true
}

// talksOfPapers reports whether a note's title speaks of papers, as a
// reading list does ("2023 年读过的论文", "Papers I Read in 2023"), rather
// than being one paper's title.
func talksOfPapers(s string) bool {
	if strings.Contains(s, "论文") || strings.Contains(s, "論文") {
		return true
	}
	words := appendWords(nil, s)
	for _, w := range words {
		if strings.EqualFold(w, "papers") {
			return true
		}
	}
	return false
}

// isLabel reports whether s says what kind of note this is rather than
// naming anything: "论文笔记", "Paper Reading", "读论文".
func isLabel(s string) bool {
	s = strings.TrimSpace(s)
	words, cjk := wordsOf(s)
	switch {
	case len(words) == 0 && cjk == 0:
		return false
	case cjk > 0 && !genericCJK(s):
		return false
	}
	return len(words) == 0 || genericWords(words)
}
