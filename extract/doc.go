// Package extract turns the bytes of one Markdown note into Facts: the note
// node, the nodes and edges it gives rise to, and the links and titles that
// only the whole folder can resolve.
//
// # Basics
//
// An Extractor is built once with New and shared: Extract keeps all of its
// state on the stack of the call, so any number of goroutines may call it at
// the same time. Extract does no I/O; the caller reads the file and passes a
// path relative to the notes root with "/" separators.
//
// Extraction reads the header (extract/header), parses the body once with
// goldmark and walks it into units: one list item, or one sentence of any
// other paragraph, heading, table cell or quoted paragraph. Each unit is
// scanned for URLs, inline #tags, cited papers (extract/papers) and dates
// (extract/dates); a unit holding a date is an event.
//
// # What never counts
//
// Nothing is taken from fenced or indented code, code spans or math, so a
// #tag, URL or [[wikilink]] shown as code is not one. Raw HTML gives only
// the href of <a> and the src of <img>, <iframe> and <source> (extract/html.go),
// and an HTML block's text is read for dates; <script>, <style>, <code>,
// <pre> and comments give nothing (a markmeta comment is the header).
//
// # Caveats
//
//   - A hex colour (#8c8273, #fa0, #11223344: 3, 6 or 8 hex digits with at
//     least one digit) is not a tag; "#fff" and "#add" are tags.
//   - Bad input is normal input: invalid UTF-8 is replaced and reported, a
//     binary file yields only its note node, and a panic anywhere inside is
//     turned into a Warning so that a build goes on.
package extract
